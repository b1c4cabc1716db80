/**
 * The restore point job: under a per-VM lock held in the store (so no VM ever has two creations at once,
 * across processes), re-check, create the collection if needed, start the restore point, keep the poller
 * state in the store, follow the operation in the background and tell the requester exactly once.
 */
import { ArmError } from "../azure/index.js";
import type { RestorePointPlan } from "../core/plan.js";
import type { Logger } from "../logger.js";
import { type Job, PLAN_SCHEMA_VERSION } from "../store/store.port.js";
import { JobFollower } from "./job-follower.js";
import {
  type JobRequest,
  type JobRunnerOptions,
  resourceGroupOf,
  type StartJobResult,
  vmLockKey,
} from "./job-types.js";

export class JobRunner {
  private readonly follower: JobFollower;

  constructor(private readonly options: JobRunnerOptions) {
    this.follower = new JobFollower(options);
  }

  async start(request: JobRequest): Promise<StartJobResult> {
    const jobId = this.options.newId();
    // Until it is followed, the job is this process's own: its sweep must not take it over as abandoned.
    return this.follower.starts(jobId, () => this.startJob(jobId, request));
  }

  private async startJob(jobId: string, request: JobRequest): Promise<StartJobResult> {
    const { store, now, processId, lockLeaseMs } = this.options;
    const owner = `${processId}:${jobId}`;
    const lockKey = vmLockKey(request.vm.id);
    if (!(await store.locks.acquire(lockKey, owner, lockLeaseMs, now()))) return this.busy(request);
    let job: Job | undefined;
    try {
      const checked = await request.recheck();
      if (!checked.ok) {
        await store.locks.release(lockKey, owner);
        return { ok: false, code: "not-allowed", message: checked.message };
      }
      job = await this.createJob(jobId, request, checked.plan);
      const log = request.log.child({ jobId });
      const started = await this.submit(job, request, checked.plan, log);
      this.follower.follow(started, owner, log);
      return { ok: true, job: started };
    } catch (error) {
      await store.locks.release(lockKey, owner);
      if (error instanceof ArmError && job) return this.refused(job, error, request.log);
      throw error;
    }
  }

  /** Follows every unfinished job whose previous follower is gone (its lease ran out). */
  resumeUnfinished(): Promise<number> {
    return this.follower.resumeUnfinished();
  }

  /** Resolves when every job this process follows has ended and been told. */
  idle(): Promise<void> {
    return this.follower.idle();
  }

  stop(): void {
    this.follower.stop();
  }

  private async createJob(id: string, request: JobRequest, plan: RestorePointPlan): Promise<Job> {
    const at = this.options.now();
    const { vm } = request;
    const job: Job = {
      id,
      confirmationId: request.confirmationId,
      vmId: vm.id,
      vmName: vm.name,
      subscriptionId: vm.subscriptionId,
      resourceGroup: vm.resourceGroup,
      mode: plan.mode,
      requestedBy: request.requestedBy,
      platform: request.platform,
      conversationKey: request.conversationKey,
      messageRef: request.messageRef,
      state: "starting",
      restorePointName: plan.restorePointName,
      collectionName: plan.collection.name,
      collectionId: plan.collection.id ?? undefined,
      plan: { schemaVersion: PLAN_SCHEMA_VERSION, plan },
      createdAt: at,
      updatedAt: at,
    };
    await this.options.store.jobs.create(job);
    return job;
  }

  private async submit(job: Job, request: JobRequest, plan: RestorePointPlan, log: Logger): Promise<Job> {
    const { writer, store, now } = this.options;
    const { vm } = request;
    let collectionId = plan.collection.id ?? undefined;
    if (plan.collection.create) {
      collectionId = await writer.ensureCollection({
        subscriptionId: vm.subscriptionId,
        resourceGroup: vm.resourceGroup,
        name: plan.collection.name,
        location: plan.collection.location,
        vmId: vm.id,
      });
      this.options.invalidate(vm.subscriptionId);
      log.info({ collectionId }, "collection ready");
    }
    const started = await writer.start({
      subscriptionId: vm.subscriptionId,
      resourceGroup: resourceGroupOf(collectionId) ?? vm.resourceGroup,
      collectionName: plan.collection.name,
      restorePointName: plan.restorePointName,
      mode: plan.mode,
      excludeDiskIds: plan.armExcludeDisks.map((disk) => disk.id),
    });
    const running = await store.jobs.update(
      job.id,
      {
        state: "running",
        collectionId,
        restorePointId: started.restorePointId,
        pollerState: started.pollerState,
      },
      now(),
    );
    await store.audit.append({
      at: now(),
      actor: request.requestedBy,
      action: "create",
      target: vm.id,
      outcome: "started",
      details: { jobId: job.id, mode: plan.mode, restorePoint: plan.restorePointName },
    });
    log.info({ mode: plan.mode, restorePoint: plan.restorePointName }, "restore point requested");
    return running ?? job;
  }

  /** ARM refused the collection or the restore point: the job ends here, and the answer says so directly. */
  private async refused(job: Job, error: ArmError, log: Logger): Promise<StartJobResult> {
    const { store, now } = this.options;
    const failed = await store.jobs.update(
      job.id,
      {
        state: "failed",
        errorCode: error.armCode ?? error.kind,
        errorMessage: error.message,
        finishedAt: now(),
      },
      now(),
    );
    // The requester reads the refusal in the reply itself; a later notification would say it twice.
    await store.jobs.markNotified(job.id, now());
    await store.audit.append({
      at: now(),
      actor: job.requestedBy,
      action: "result",
      target: job.vmId,
      outcome: "failed",
      details: { jobId: job.id, code: error.armCode ?? error.kind },
    });
    log.warn({ jobId: job.id, code: error.armCode ?? error.kind }, "Azure refused the restore point");
    return {
      ok: false,
      code: "arm-refused",
      message: error.message,
      job: failed ?? job,
      retryAfterSeconds: error.retryAfterSeconds,
    };
  }

  private async busy(request: JobRequest): Promise<StartJobResult> {
    const active = await this.options.store.jobs.findActiveForVm(request.vm.id);
    const who = active ? ` (started by ${active.requestedBy} at ${active.createdAt.toISOString()})` : "";
    return {
      ok: false,
      code: "busy",
      message: `A restore point of ${request.vm.name} is already being created${who}; Azure allows one at a time.`,
    };
  }
}
