/**
 * The restore point job, from a press to its result. Under the VM's lease (so no VM ever has two creations at
 * once, across processes): the press's decision and the job row are written together, the plan is re-checked,
 * the collection and the restore point are requested, and the job is followed in the background until its
 * result is delivered through the outbox (docs/jobs.md). The answer to the press says what happened so far.
 */
import type { Logger } from "../logger.js";
import type { Job } from "../store/store.port.js";
import { endJob } from "./job-ending.js";
import { JobFollower } from "./job-follower.js";
import { JobSubmission } from "./job-submission.js";
import {
  type JobRequest,
  type JobRunnerOptions,
  type MemberStart,
  pendingJob,
  type StartJobResult,
} from "./job-types.js";
import { OutboxDispatcher } from "./outbox-dispatcher.js";
import { VmLease } from "./vm-lease.js";

export interface JobRunnerWiring {
  /** How often retries and other processes' orphaned notifications are looked for. */
  outboxIntervalMs?: number;
  /** Give up a result not delivered this long after its job ended (default a day). */
  giveUpAfterMs?: number;
}

export class JobRunner {
  private readonly follower: JobFollower;
  private readonly submission: JobSubmission;
  readonly outbox: OutboxDispatcher;

  constructor(
    private readonly options: JobRunnerOptions,
    wiring: JobRunnerWiring = {},
  ) {
    this.outbox = new OutboxDispatcher({
      store: options.store,
      notifiers: options.notifiers,
      now: options.now,
      log: options.log.child({ component: "outbox" }),
      processId: options.processId,
      claimLeaseMs: options.lockLeaseMs,
      retryBaseMs: options.retryDelayMs,
      giveUpAfterMs: wiring.giveUpAfterMs ?? 24 * 60 * 60_000,
    });
    this.outbox.start(wiring.outboxIntervalMs ?? Math.max(50, Math.floor(options.lockLeaseMs / 4)));
    this.follower = new JobFollower(options, () => this.outbox.kick());
    this.submission = new JobSubmission(options);
  }

  async start(request: JobRequest): Promise<StartJobResult> {
    const { store } = this.options;
    const jobId = this.options.newId();
    const log = request.log.child({ jobId });
    const lease = await VmLease.take(this.follower.leaseOptions(), request.confirmation.vmId, jobId);
    if (!lease) return this.busy(request);
    let started = false;
    try {
      const decided = await store.jobs.createConfirmed(this.pendingJob(jobId, request), {
        confirmationId: request.confirmation.id,
        by: request.pressedBy,
        at: this.options.now(),
        mode: request.mode,
      });
      if (!decided.decided) return { ok: false, code: "already-decided", confirmation: decided.confirmation };
      await store.audit.append({
        at: this.options.now(),
        actor: request.pressedBy,
        action: "confirm",
        target: request.confirmation.vmId,
        outcome: request.mode,
        details: { jobId },
      });
      const result = await this.submitPending(decided.job, lease, log);
      started = result.ok;
      return result;
    } finally {
      if (!started) await lease.release();
    }
  }

  /**
   * Starts a run's member (run-store.port.ts): its job, written only while the run is running and never twice
   * (the id is the member's), under the VM's lease like a press. A VM whose lease another creation holds gets
   * a failed member job saying so: the run's summary tells it, and nothing is retried behind anyone's back.
   */
  async startMember(job: Job, log: Logger): Promise<MemberStart> {
    const { store } = this.options;
    const lease = await VmLease.take(this.follower.leaseOptions(), job.vmId, job.id);
    if (!lease) return this.busyMember(job);
    let started = false;
    try {
      const inserted = await store.jobs.createForRun(job);
      if (inserted !== "created") return inserted;
      await store.audit.append({
        at: this.options.now(),
        actor: job.requestedBy,
        action: "confirm",
        target: job.vmId,
        outcome: job.mode,
        details: { jobId: job.id, runId: job.runId },
      });
      const result = await this.submitPending(job, lease, log.child({ jobId: job.id }));
      started = result.ok;
      return result.ok ? "started" : "ended";
    } finally {
      if (!started) await lease.release();
    }
  }

  private async busyMember(job: Job): Promise<MemberStart> {
    const active = await this.options.store.jobs.findActiveForVm(job.vmId);
    const who = active ? ` (for ${active.requestedBy}, started ${active.createdAt.toISOString()})` : "";
    const at = this.options.now();
    const inserted = await this.options.store.jobs.createForRun({
      ...job,
      state: "failed",
      errorCode: "CreationInProgress",
      errorMessage: `Another restore point of ${job.vmName} was being created${who}; Azure allows one at a time, so none was added for this set.`,
      finishedAt: at,
      updatedAt: at,
      delivery: "reply",
    });
    return inserted === "created" ? "busy" : inserted;
  }

  private async submitPending(job: Job, lease: VmLease, log: Logger): Promise<StartJobResult> {
    const submitted = await this.submission.fromPending(job, log).catch(async (error: unknown) => {
      // A surprise before Azure was asked anything: the job must not stay pending for a sweep to create later.
      const ending = {
        state: "failed" as const,
        errorCode: "InternalError",
        errorMessage: "The bot failed before asking Azure; nothing was created.",
      };
      await endJob(this.endingDeps(), job, ending, "reply", log);
      throw error;
    });
    if (submitted.kind === "superseded") {
      log.warn(
        { state: submitted.job.state },
        "the job was taken over while this process stalled; leaving it",
      );
      return { ok: false, code: "superseded", job: submitted.job };
    }
    if (submitted.kind === "refused") {
      const ending = { state: "failed" as const, errorCode: submitted.code, errorMessage: submitted.message };
      const ended = (await endJob(this.endingDeps(), submitted.job, ending, "reply", log)) ?? submitted.job;
      if (submitted.notAllowed)
        return { ok: false, code: "not-allowed", message: submitted.message, job: ended };
      return {
        ok: false,
        code: "arm-refused",
        message: submitted.message,
        job: ended,
        retryAfterSeconds: submitted.retryAfterSeconds,
      };
    }
    this.follower.follow(submitted.job, lease, log);
    return { ok: true, job: submitted.job };
  }

  /** Takes over every unfinished job whose holder's lease ran out; delivers results left undelivered. */
  async resumeUnfinished(): Promise<number> {
    this.outbox.kick();
    return this.follower.resumeUnfinished();
  }

  /** Resolves when every job this process follows has ended and its result been delivered (or deferred). */
  async idle(): Promise<void> {
    await this.follower.idle();
    this.outbox.kick();
    await this.outbox.idle();
  }

  stop(): void {
    this.follower.stop();
    this.outbox.stop();
  }

  private endingDeps() {
    return { options: this.options, kick: () => this.outbox.kick() };
  }

  private pendingJob(id: string, request: JobRequest): Job {
    const { confirmation, mode } = request;
    const { vm } = confirmation.plan;
    const plan = confirmation.plan.plans.find((each) => each.mode === mode);
    if (!plan) throw new Error(`confirmation ${confirmation.id} offers no ${mode} plan`);
    const messageRef = request.messageRef ?? confirmation.messageRef;
    return pendingJob(
      { id, vm, plan, asker: confirmation, at: this.options.now() },
      { confirmationId: confirmation.id, ...(messageRef ? { messageRef } : {}) },
    );
  }

  private async busy(request: JobRequest): Promise<StartJobResult> {
    const { vmId, vmName } = request.confirmation;
    const active = await this.options.store.jobs.findActiveForVm(vmId);
    const who = active ? ` (started by ${active.requestedBy} at ${active.createdAt.toISOString()})` : "";
    const message = `A restore point of ${vmName} is already being created${who}; Azure allows one at a time.`;
    if (!active) return { ok: false, code: "busy", message };
    const startedBy = { id: active.requestedBy, name: active.requestedByName };
    return { ok: false, code: "busy", message, startedBy };
  }
}
