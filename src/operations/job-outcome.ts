/**
 * Learns how a job ended from Azure, within the job's bound: with the saved poller state, or, when the PUT's
 * answer never came, by reading the restore point. Passing failures (network, throttling, 5xx, a frozen
 * endpoint that times out) are tried again until the bound; then the job is lost, never "failed", since the
 * restore point may exist.
 */
import { setTimeout as delay } from "node:timers/promises";
import { ArmError } from "../azure/index.js";
import type { Job, JobEnding } from "../store/store.port.js";
import { describeError, type JobRunnerOptions, restorePointOf } from "./job-types.js";

/** How long one try may take when the bound has already passed. */
const ONE_TRY_MS = 60_000;

/** Between tries of a failing read, at most this long. */
const MAX_BACKOFF_MS = 60_000;

export class JobOutcome {
  constructor(private readonly options: JobRunnerOptions) {}

  /** undefined when `stop` aborted (the job stays unfinished and is resumed later). */
  async learn(job: Job, stop: AbortSignal): Promise<JobEnding | undefined> {
    const deadline = job.createdAt.getTime() + this.options.followLimitMs;
    let lastProblem = "no answer yet";
    for (let attempt = 1; !stop.aborted; attempt++) {
      const remaining = Math.max(0, deadline - this.options.now().getTime());
      // A full try even past the bound: a job resumed late is asked about before it is called lost.
      const allowed = Math.max(remaining, Math.min(this.options.followLimitMs, ONE_TRY_MS));
      const bounded = AbortSignal.any([stop, AbortSignal.timeout(allowed)]);
      try {
        const ending = await this.ask(job, bounded);
        if (ending) return ending;
      } catch (error) {
        if (stop.aborted) return undefined;
        if (error instanceof ArmError && error.kind === "not-found" && job.pollerState) {
          return lost(job, "Azure no longer knows the restore point operation");
        }
        lastProblem = describeError(error);
      }
      if (this.options.now().getTime() >= deadline) return lost(job, lastProblem);
      const wait = Math.min(this.options.retryDelayMs * attempt, MAX_BACKOFF_MS, Math.max(1, remaining));
      await delay(wait, undefined, { signal: stop }).catch(() => undefined);
    }
    return undefined;
  }

  /** An ending, or undefined while the restore point is still being created. */
  private async ask(job: Job, signal: AbortSignal): Promise<JobEnding | undefined> {
    if (job.pollerState) {
      const result = await this.options.writer.waitForResult(job.subscriptionId, job.pollerState, signal);
      return result.state === "succeeded"
        ? {
            state: "succeeded",
            restorePointId: result.restorePointId || job.restorePointId,
            capturedDiskNames: result.capturedDisks,
          }
        : { state: "failed", errorCode: result.code, errorMessage: result.message };
    }
    const reading = await this.options.writer.read(restorePointOf(job));
    if (!reading) {
      return {
        state: "failed",
        errorCode: "NotCreated",
        errorMessage:
          "Azure has no such restore point: the request never reached it, and nothing was created.",
      };
    }
    if (reading.provisioningState === "Succeeded") {
      return {
        state: "succeeded",
        restorePointId: reading.restorePointId,
        capturedDiskNames: reading.capturedDisks,
      };
    }
    if (reading.provisioningState === "Failed") {
      return {
        state: "failed",
        errorCode: "Failed",
        errorMessage: "Azure reports the restore point as Failed.",
      };
    }
    return undefined;
  }
}

function lost(job: Job, problem: string): JobEnding {
  const name = job.restorePointName ?? job.plan.plan.restorePointName;
  // The problem's first sentence, without its own full stop or advice: this message says what to do.
  const why = (problem.split(/(?<=[.!?])\s/)[0] ?? problem).replace(/[.\s]+$/, "");
  return {
    state: "lost",
    errorCode: "LostTrack",
    errorMessage: `The bot could not learn how restore point ${name} ended (${why}). It may exist: look in collection ${job.collectionName}.`,
  };
}
