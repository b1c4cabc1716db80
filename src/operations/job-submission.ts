/**
 * Takes a job from pending to running under its VM lease: re-check, move to starting, create the collection
 * when needed, send the restore point PUT, move to running with the poller state. What the answer to each
 * step means for the person is decided here: Azure's refusal (an HTTP status below 500) ends the job, with
 * nothing created; a PUT whose answer never came (timeout, network, 5xx) leaves the outcome unknown, and the
 * follower asks Azure whether the restore point exists before anyone is told anything.
 */
import { ArmError } from "../azure/index.js";
import type { RestorePointPlan } from "../core/plan.js";
import type { VmRef } from "../core/vm-ref.js";
import type { Logger } from "../logger.js";
import type { Job } from "../store/store.port.js";
import { type JobRunnerOptions, resourceGroupOf, vmOfJob } from "./job-types.js";

export type Submission =
  /** Azure accepted the restore point: follow it. */
  | { kind: "running"; job: Job }
  /** The PUT may or may not have reached Azure: follow it by reading. */
  | { kind: "unknown"; job: Job }
  /** Another process took the job over while this one was stalled: it is theirs now, as `job` shows. */
  | { kind: "superseded"; job: Job }
  /** Nothing was created: the re-check refused, or Azure did. The job is still to be ended. */
  | {
      kind: "refused";
      job: Job;
      code: string;
      message: string;
      retryAfterSeconds?: number;
      notAllowed: boolean;
    };

export class JobSubmission {
  constructor(private readonly options: JobRunnerOptions) {}

  /** From pending (a press, or a job whose process died before it asked Azure anything). */
  async fromPending(job: Job, log: Logger): Promise<Submission> {
    const checked = await this.recheck(job);
    if (checked.kind === "refused") return checked;
    const starting = await this.options.store.jobs.advance(
      job.id,
      "starting",
      { restorePointName: checked.plan.restorePointName },
      this.options.now(),
    );
    if (!starting) throw new Error(`job ${job.id} left pending while this process held its VM`);
    return this.send(starting, checked.plan, log);
  }

  /**
   * From starting, after a takeover that found no restore point: the PUT never reached Azure. It is sent
   * again with the same name after a new re-check, so a late first PUT and this one cannot make two.
   */
  async again(job: Job, log: Logger): Promise<Submission> {
    const checked = await this.recheck(job);
    if (checked.kind === "refused") return checked;
    return this.send(job, checked.plan, log);
  }

  private async recheck(job: Job): Promise<{ kind: "ok"; plan: RestorePointPlan } | Refused> {
    const vm = vmOfJob(job);
    try {
      const checked = await this.options.recheck(vm, job.mode);
      if (!checked.ok)
        return { kind: "refused", job, code: "NotAllowed", message: checked.message, notAllowed: true };
      const shown = job.plan.plan;
      if (!sameDisks(shown, checked.plan)) {
        const message = `The disks of ${job.vmName} changed since the plan was shown, so it was not created. Ask again to see the new plan.`;
        return { kind: "refused", job, code: "PlanChanged", message, notAllowed: true };
      }
      // The person confirmed what was shown: that plan is sent, with the collection as Azure has it now.
      return { kind: "ok", plan: { ...shown, collection: checked.plan.collection } };
    } catch (error) {
      if (!(error instanceof ArmError)) throw error;
      const message = `Could not re-check ${job.vmName} before creating: ${error.message}`;
      const code = error.armCode ?? error.kind;
      return {
        kind: "refused",
        job,
        code,
        message,
        retryAfterSeconds: error.retryAfterSeconds,
        notAllowed: false,
      };
    }
  }

  private async send(job: Job, plan: RestorePointPlan, log: Logger): Promise<Submission> {
    const { writer, store, now } = this.options;
    const vm = vmOfJob(job);
    let collectionId = job.collectionId ?? plan.collection.id ?? undefined;
    try {
      if (plan.collection.create && !job.collectionId) {
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
    } catch (error) {
      // No restore point PUT was sent: whatever happened to the collection, no restore point exists.
      if (error instanceof ArmError) return refusedBy(job, error);
      throw error;
    }
    let started: Awaited<ReturnType<typeof writer.start>>;
    try {
      started = await writer.start({
        subscriptionId: vm.subscriptionId,
        resourceGroup: resourceGroupOf(collectionId) ?? vm.resourceGroup,
        collectionName: plan.collection.name,
        restorePointName: plan.restorePointName,
        mode: plan.mode,
        excludeDiskIds: plan.armExcludeDisks.map((disk) => disk.id),
      });
    } catch (error) {
      if (error instanceof ArmError && isRefusal(error) && !(await this.existsDespite(job, plan, vm))) {
        return refusedBy(job, error);
      }
      log.warn(
        { err: error instanceof Error ? error.message : String(error) },
        "the restore point PUT got no answer",
      );
      // A process that stalled past its lease gets here late: the job may be another's by now, even ended.
      const current = await store.jobs.get(job.id);
      if (current && current.state !== job.state) return { kind: "superseded", job: current };
      await this.audit(job, "sent, no answer yet");
      return { kind: "unknown", job: collectionId ? { ...job, collectionId } : job };
    }
    const patch = { collectionId, restorePointId: started.restorePointId, pollerState: started.pollerState };
    const running = await store.jobs.advance(job.id, "running", patch, now());
    if (!running) return { kind: "superseded", job: (await store.jobs.get(job.id)) ?? job };
    log.info({ mode: plan.mode, restorePoint: plan.restorePointName }, "restore point requested");
    await this.audit(job, "started");
    return { kind: "running", job: running };
  }

  /**
   * Azure said no to the PUT, yet the restore point may exist: a first PUT, sent by a process that stalled or
   * died, can have been carried out (a second one with the same name is then refused). Never "nothing was
   * created" for a restore point that is there; when Azure cannot say, the follower asks again.
   */
  private async existsDespite(job: Job, plan: RestorePointPlan, vm: VmRef): Promise<boolean> {
    const reading = await this.options.writer
      .read({
        subscriptionId: vm.subscriptionId,
        resourceGroup:
          resourceGroupOf(job.collectionId ?? plan.collection.id ?? undefined) ?? vm.resourceGroup,
        collectionName: plan.collection.name,
        restorePointName: plan.restorePointName,
      })
      .catch(() => "unknown" as const);
    return reading !== undefined;
  }

  /** Written by whichever process sent the PUT (the press's, or the one that took the job over), or found it. */
  audit(job: Job, outcome: string): Promise<void> {
    return this.options.store.audit.append({
      at: this.options.now(),
      actor: job.requestedBy,
      action: "create",
      target: job.vmId,
      outcome,
      details: { jobId: job.id, mode: job.mode, restorePoint: job.restorePointName },
    });
  }
}

/** Azure answered and said no: a status below 500 means the request was not carried out. */
function isRefusal(error: ArmError): boolean {
  return error.status !== undefined && error.status < 500;
}

type Refused = Extract<Submission, { kind: "refused" }>;

function refusedBy(job: Job, error: ArmError): Refused {
  return {
    kind: "refused",
    job,
    code: error.armCode ?? error.kind,
    message: error.message,
    retryAfterSeconds: error.retryAfterSeconds,
    notAllowed: false,
  };
}

function sameDisks(shown: RestorePointPlan, now: RestorePointPlan): boolean {
  const ids = (disks: readonly { id: string }[]) =>
    disks
      .map((disk) => disk.id.toLowerCase())
      .sort()
      .join("\n");
  return (
    ids(shown.captureDisks) === ids(now.captureDisks) &&
    ids(shown.armExcludeDisks) === ids(now.armExcludeDisks)
  );
}
