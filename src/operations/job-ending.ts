/**
 * Ends a job, once: the store's conditional move decides who ends it, the notification to deliver is written
 * in the same transaction (or the answer to the press tells it), and the ending is audited. A second ender
 * (a process that woke up late) changes nothing and says so.
 */
import type { Logger } from "../logger.js";
import type { Job, JobEnding } from "../store/store.port.js";
import type { JobRunnerOptions } from "./job-types.js";

export interface EndingDependencies {
  options: Pick<JobRunnerOptions, "store" | "now" | "endings">;
  /** A notification was written: deliver it soon. */
  kick(): void;
}

export async function endJob(
  deps: EndingDependencies,
  job: Job,
  ending: JobEnding,
  tell: "outbox" | "reply",
  log: Logger,
): Promise<Job | undefined> {
  const { store, now } = deps.options;
  // A run's member is told by the run's card and summary (run-coordinator.ts), not on its own.
  const how = job.runId ? "reply" : tell;
  const ended = await store.jobs.finish(job.id, ending, how, now());
  if (!ended) {
    log.warn({ state: ending.state }, "the job had already ended elsewhere; this ending is dropped");
    return undefined;
  }
  await store.audit.append({
    at: now(),
    actor: job.requestedBy,
    action: "result",
    target: job.vmId,
    outcome: ending.state,
    details: { jobId: job.id, ...(ending.state === "succeeded" ? {} : { code: ending.errorCode }) },
  });
  log.info(
    { state: ending.state, code: ending.state === "succeeded" ? undefined : ending.errorCode },
    "job ended",
  );
  observeEnding(deps.options, ended);
  if (how === "outbox") deps.kick();
  return ended;
}

/** From the press (the job's creation) to the ending the store recorded. */
function observeEnding(options: EndingDependencies["options"], ended: Job): void {
  if (
    !options.endings ||
    ended.state === "pending" ||
    ended.state === "starting" ||
    ended.state === "running"
  )
    return;
  const end = (ended.finishedAt ?? options.now()).getTime();
  options.endings.jobEnded(ended.state, Math.max(0, end - ended.createdAt.getTime()) / 1000);
}
