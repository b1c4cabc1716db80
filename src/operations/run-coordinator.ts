/**
 * Runs in the background (never inside a chat request): whoever holds a run's lease ("run:<id>") has its
 * executor carry it, updates its card at most once per progress interval, and posts its summary once
 * everything has ended. A process that dies leaves the lease to run out; another takes the run over
 * (resumeUnfinished) and carries on from the store. The summary is told at least once: a process that dies
 * after the post and before recording it posts it again on takeover.
 */
import type { Logger } from "../logger.js";
import type { Run } from "../store/run-store.port.js";
import type { Platform, Store } from "../store/store.port.js";
import { CardThrottle } from "./card-throttle.js";
import { type RunNotifier, type RunReport, UndeliverableError } from "./delivery.js";
import { describeError } from "./job-types.js";
import type { RunExecutors, RunStart } from "./run-types.js";
import { VmLease } from "./vm-lease.js";

export interface RunCoordinatorOptions {
  store: Pick<Store, "runs" | "locks" | "audit">;
  executors: RunExecutors;
  notifiers: Partial<Record<Platform, RunNotifier>>;
  now: () => Date;
  log: Logger;
  processId: string;
  /** How long a run's lease lasts without renewal. */
  leaseMs: number;
  /** At most one card update per this long (the issue: a couple of seconds). */
  progressIntervalMs: number;
  /** The first wait before posting a summary again; doubled each time, up to a minute. */
  retryDelayMs: number;
}

const MAX_SUMMARY_WAIT_MS = 60_000;

export class RunCoordinator {
  private readonly carrying = new Map<string, Promise<void>>();
  private readonly abort = new AbortController();

  constructor(private readonly options: RunCoordinatorOptions) {}

  /** A run just confirmed: carried by this process, starting now. */
  begin(start: RunStart): void {
    this.track(start.run, start.log);
  }

  /** Takes over confirmed runs whose holder's lease ran out, for the platforms this process can tell. */
  async resumeUnfinished(): Promise<number> {
    let resumed = 0;
    for (const run of await this.options.store.runs.listUnfinished()) {
      if (this.carrying.has(run.id) || !this.options.notifiers[run.platform]) continue;
      if (this.track(run, this.options.log.child({ runId: run.id, takenOver: run.state }))) resumed++;
    }
    return resumed;
  }

  /** Resolves when every run this process carries has ended (or was given up to another). */
  async idle(): Promise<void> {
    while (this.carrying.size > 0) await Promise.all(this.carrying.values());
  }

  stop(): void {
    this.abort.abort();
  }

  private track(run: Run, log: Logger): boolean {
    if (this.carrying.has(run.id) || this.abort.signal.aborted) return false;
    const work = this.carry(run, log)
      .catch((error: unknown) => log.error({ err: describeError(error) }, "carrying the run failed"))
      .finally(() => this.carrying.delete(run.id));
    this.carrying.set(run.id, work);
    return true;
  }

  private async carry(run: Run, log: Logger): Promise<void> {
    const { store, processId, leaseMs, now } = this.options;
    const leaseOptions = { locks: store.locks, processId, leaseMs, now };
    const lease = await VmLease.takeKey(leaseOptions, `run:${run.id}`, run.id);
    if (!lease) return;
    try {
      const executor = this.options.executors[run.kind];
      const card = new CardThrottle(this.options.progressIntervalMs, async () => {
        const current = await store.runs.get(run.id);
        if (current) await this.updateCard(await executor.report(current, false), log);
      });
      const signal = this.abort.signal;
      const current = () => store.runs.get(run.id);
      try {
        await executor.drive(run, { changed: () => card.kick(), signal, log, current });
      } finally {
        if (signal.aborted || !lease.held) await card.stop();
      }
      if (signal.aborted || !lease.held) return;
      const report = await executor.report((await current()) ?? run, true);
      // The summary goes out now; the card's last update waits its turn (at most one per interval).
      await Promise.all([card.last(() => this.updateCard(report, log)), this.tellSummary(report, log)]);
    } finally {
      if (!this.abort.signal.aborted) await lease.release().catch(() => undefined);
    }
  }

  private async updateCard(report: RunReport, log: Logger): Promise<void> {
    const notifier = this.options.notifiers[report.run.platform];
    // The card is a convenience: a failed update is logged, and the next one (or the summary) catches up.
    await notifier?.updateRunCard(report).catch((error: unknown) => {
      log.warn({ err: describeError(error) }, "the run's card could not be updated");
    });
  }

  /** Posted until the platform accepts it or refuses it for good; then the run is done. */
  private async tellSummary(report: RunReport, log: Logger): Promise<void> {
    const { store, now } = this.options;
    const notifier = this.options.notifiers[report.run.platform];
    if (!notifier) return;
    for (
      let wait = this.options.retryDelayMs;
      !this.abort.signal.aborted;
      wait = Math.min(wait * 2, MAX_SUMMARY_WAIT_MS)
    ) {
      try {
        await notifier.postRunSummary(report);
        break;
      } catch (error) {
        if (error instanceof UndeliverableError) {
          log.warn({ err: error.message }, "the run's summary cannot be delivered");
          await store.audit.append({
            at: now(),
            actor: "system",
            action: "result",
            target: report.run.label,
            outcome: "undeliverable",
            details: { runId: report.run.id, reason: error.message },
          });
          break;
        }
        log.warn({ err: describeError(error), retryInMs: wait }, "posting the run's summary failed");
        await new Promise((resolve) => setTimeout(resolve, wait).unref());
      }
    }
    if (this.abort.signal.aborted) return;
    await store.runs.finish(report.run.id, now());
    log.info({ runId: report.run.id }, "run summarised");
  }
}
