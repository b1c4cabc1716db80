/**
 * Follows jobs in the background (never inside a chat request) until Azure says how they ended, then ends
 * them through the outbox; and takes over jobs whose holder died (their VM lease ran out), from whichever
 * state they were left in: pending is submitted, starting is asked about (and re-sent only when Azure has no
 * such restore point), running is followed.
 */
import type { Logger } from "../logger.js";
import type { Job } from "../store/store.port.js";
import { endJob } from "./job-ending.js";
import { JobOutcome } from "./job-outcome.js";
import { JobSubmission, type Submission } from "./job-submission.js";
import { describeError, type JobRunnerOptions, restorePointOf } from "./job-types.js";
import { VmLease } from "./vm-lease.js";

export class JobFollower {
  private readonly following = new Map<string, Promise<void>>();
  private readonly abort = new AbortController();
  private readonly outcome: JobOutcome;
  private readonly submission: JobSubmission;

  constructor(
    private readonly options: JobRunnerOptions,
    private readonly kick: () => void,
  ) {
    this.outcome = new JobOutcome(options);
    this.submission = new JobSubmission(options);
  }

  /** Follows a job whose lease this process holds, and releases the lease when the job has ended. */
  follow(job: Job, lease: VmLease, log: Logger): void {
    if (this.following.has(job.id) || this.abort.signal.aborted) {
      void lease.release().catch(() => undefined);
      return;
    }
    this.track(job.id, this.followToEnd(job, lease, log), lease);
  }

  /** Takes over every unfinished job whose holder's lease ran out (never one this process holds). */
  async resumeUnfinished(): Promise<number> {
    let resumed = 0;
    for (const job of await this.options.store.jobs.listUnfinished()) {
      if (this.following.has(job.id) || this.abort.signal.aborted) continue;
      const lease = await VmLease.take(this.leaseOptions(), job.vmId, job.id);
      if (!lease) continue;
      const log = this.options.log.child({ jobId: job.id, takenOver: job.state });
      this.track(job.id, this.takeOver(job, lease, log), lease);
      resumed++;
    }
    return resumed;
  }

  async idle(): Promise<void> {
    while (this.following.size > 0) await Promise.all(this.following.values());
  }

  stop(): void {
    this.abort.abort();
  }

  leaseOptions() {
    const { store, processId, lockLeaseMs, now } = this.options;
    return { locks: store.locks, processId, leaseMs: lockLeaseMs, now };
  }

  private track(jobId: string, work: Promise<void>, lease: VmLease): void {
    const run = work
      .catch((error: unknown) =>
        this.options.log.error(
          { jobId, err: describeError(error) },
          "following the restore point job failed",
        ),
      )
      .finally(() => {
        this.following.delete(jobId);
        // Stopped mid-way: the lease runs out and another process (or the next start) takes the job over.
        if (!this.abort.signal.aborted) void lease.release().catch(() => undefined);
      });
    this.following.set(jobId, run);
  }

  private async takeOver(job: Job, lease: VmLease, log: Logger): Promise<void> {
    if (job.state === "pending")
      return this.afterSubmission(await this.submission.fromPending(job, log), lease, log);
    if (job.state === "starting" && !job.pollerState) {
      if (!(await this.exists(job)))
        return this.afterSubmission(await this.submission.again(job, log), lease, log);
      // The PUT of the process that died was carried out: the restore point is there to follow.
      await this.submission.audit(job, "started (found after a takeover)");
    }
    return this.followToEnd(job, lease, log);
  }

  /** What a submission made by a takeover leads to: nobody is waiting on a reply, so the outbox tells. */
  private async afterSubmission(submitted: Submission, lease: VmLease, log: Logger): Promise<void> {
    if (submitted.kind === "superseded") return;
    if (submitted.kind === "refused") {
      const ending = { state: "failed" as const, errorCode: submitted.code, errorMessage: submitted.message };
      await endJob({ options: this.options, kick: this.kick }, submitted.job, ending, "outbox", log);
      return;
    }
    return this.followToEnd(submitted.job, lease, log);
  }

  private async followToEnd(job: Job, lease: VmLease, log: Logger): Promise<void> {
    const ending = await this.outcome.learn(job, this.abort.signal);
    if (!ending) return;
    if (!lease.held) log.warn({}, "the VM lease ran out while following; ending the job anyway, once");
    await endJob({ options: this.options, kick: this.kick }, job, ending, "outbox", log);
  }

  private async exists(job: Job): Promise<boolean> {
    const reading = await this.options.writer.read(restorePointOf(job));
    return reading !== undefined;
  }
}
