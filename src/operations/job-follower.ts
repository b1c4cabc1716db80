/**
 * Follows started jobs in the background (never inside a chat request) until Azure says how they ended,
 * then tells the requester exactly once. A job whose follower died is taken over once its lease runs out.
 */
import { setTimeout as delay } from "node:timers/promises";
import { ArmError } from "../azure/index.js";
import type { RestorePointResult } from "../azure/restore-point-writer.js";
import type { Logger } from "../logger.js";
import type { Job, JobPatch } from "../store/store.port.js";
import { type JobRunnerOptions, resourceGroupOf, vmLockKey } from "./job-types.js";

/** Following an operation may fail for a moment (network, throttling); this many tries before giving up. */
const MAX_TRIES = 10;

export class JobFollower {
  private readonly following = new Map<string, Promise<void>>();
  /** Jobs this process is starting right now: not followed yet, and never to be taken over by its own sweep. */
  private readonly starting = new Set<string>();
  private readonly abort = new AbortController();

  constructor(private readonly options: JobRunnerOptions) {}

  /** `log`: the starting request's logger; a job taken over from another process gets the runner's. */
  follow(job: Job, owner: string, log: Logger = this.options.log.child({ jobId: job.id })): void {
    if (this.following.has(job.id) || this.abort.signal.aborted) return;
    const run = this.run(job, owner, log)
      .catch((error: unknown) =>
        log.error({ err: describe(error) }, "following the restore point job failed"),
      )
      .finally(() => this.following.delete(job.id));
    this.following.set(job.id, run);
  }

  /** Runs `start` with the job marked as this process's own, until it is followed or has failed to start. */
  async starts<T>(jobId: string, start: () => Promise<T>): Promise<T> {
    this.starting.add(jobId);
    try {
      return await start();
    } finally {
      this.starting.delete(jobId);
    }
  }

  async resumeUnfinished(): Promise<number> {
    const { store, processId, lockLeaseMs, now, notifiers } = this.options;
    let resumed = 0;
    for (const job of await store.jobs.listUnfinished()) {
      if (this.following.has(job.id) || this.starting.has(job.id) || !notifiers[job.platform]) continue;
      const owner = `${processId}:${job.id}`;
      if (await store.locks.acquire(vmLockKey(job.vmId), owner, lockLeaseMs, now())) {
        this.follow(job, owner);
        resumed++;
      }
    }
    return resumed;
  }

  async idle(): Promise<void> {
    while (this.following.size > 0) await Promise.all(this.following.values());
  }

  stop(): void {
    this.abort.abort();
  }

  private async run(job: Job, owner: string, log: Logger): Promise<void> {
    const { store, lockLeaseMs, now } = this.options;
    const lockKey = vmLockKey(job.vmId);
    const renewal = setInterval(
      () => {
        store.locks.renew(lockKey, owner, lockLeaseMs, now()).catch(() => undefined);
      },
      Math.max(50, Math.floor(lockLeaseMs / 3)),
    );
    renewal.unref();
    try {
      const result = await this.outcome(job);
      if (!result) return; // stopped: the job stays unfinished and is resumed by the next process
      log.info(
        { state: result.state, code: result.state === "failed" ? result.code : undefined },
        "job ended",
      );
      await this.finish(job, result, log);
      await store.locks.release(lockKey, owner);
    } finally {
      clearInterval(renewal);
    }
  }

  private async outcome(job: Job): Promise<RestorePointResult | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return job.pollerState
          ? await this.options.writer.waitForResult(job.subscriptionId, job.pollerState, this.abort.signal)
          : await this.readUntilDone(job);
      } catch (error) {
        if (this.abort.signal.aborted) return undefined;
        if (!(error instanceof ArmError) || error.kind === "not-found" || attempt >= MAX_TRIES) {
          return {
            state: "failed",
            code: "FollowFailed",
            message: `The bot lost track of the operation: ${describe(error)}`,
          };
        }
        await delay(this.options.retryDelayMs * attempt, undefined, { signal: this.abort.signal }).catch(
          () => undefined,
        );
      }
    }
  }

  /** A job interrupted before its poller state was saved: ask ARM whether the restore point exists. */
  private async readUntilDone(job: Job): Promise<RestorePointResult | undefined> {
    const request = {
      subscriptionId: job.subscriptionId,
      resourceGroup: resourceGroupOf(job.collectionId) ?? job.resourceGroup,
      collectionName: job.collectionName,
      restorePointName: job.restorePointName ?? job.plan.plan.restorePointName,
    };
    while (!this.abort.signal.aborted) {
      const reading = await this.options.writer.read(request);
      if (!reading) {
        return {
          state: "failed",
          code: "Interrupted",
          message: "The bot stopped before Azure accepted the request; nothing was created.",
        };
      }
      if (reading.provisioningState === "Succeeded") {
        return {
          state: "succeeded",
          restorePointId: reading.restorePointId,
          timeCreated: reading.timeCreated,
          capturedDisks: reading.capturedDisks,
        };
      }
      if (reading.provisioningState === "Failed") {
        return { state: "failed", code: "Failed", message: "Azure reports the restore point as Failed." };
      }
      await delay(this.options.retryDelayMs, undefined, { signal: this.abort.signal }).catch(() => undefined);
    }
    return undefined;
  }

  /** Tell first, then record: a crash in between makes the next follower find the job notified, not tell twice. */
  private async finish(job: Job, result: RestorePointResult, log: Logger): Promise<void> {
    const { store, now } = this.options;
    const patch: JobPatch =
      result.state === "succeeded"
        ? {
            state: "succeeded",
            restorePointId: result.restorePointId || job.restorePointId,
            capturedDiskNames: result.capturedDisks,
            finishedAt: now(),
          }
        : { state: "failed", errorCode: result.code, errorMessage: result.message, finishedAt: now() };
    const finished: Job = { ...job, ...patch, updatedAt: now() };
    await this.notify(finished, log);
    await store.jobs.update(job.id, patch, now());
    await store.audit.append({
      at: now(),
      actor: job.requestedBy,
      action: "result",
      target: job.vmId,
      outcome: result.state,
      details: { jobId: job.id, ...(result.state === "failed" ? { code: result.code } : {}) },
    });
  }

  private async notify(job: Job, log: Logger): Promise<void> {
    const { store, notifiers, now } = this.options;
    if (!(await store.jobs.markNotified(job.id, now()))) return;
    const notifier = notifiers[job.platform];
    if (!notifier) {
      log.warn(
        { jobId: job.id, platform: job.platform },
        "no notifier for the job's platform in this process",
      );
      return;
    }
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        await notifier.jobFinished({ ...job, notifiedAt: now() });
        return;
      } catch (error) {
        log.warn({ jobId: job.id, attempt, err: describe(error) }, "telling the requester failed");
        if (attempt < 3) await delay(this.options.retryDelayMs * attempt).catch(() => undefined);
      }
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.message.split("\n")[0] ?? error.name) : String(error);
}
