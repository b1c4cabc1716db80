/**
 * Runs (src/store/run-store.port.ts) from the operations' side: the coordinator (run-coordinator.ts) holds a
 * run's lease, tells its progress and its summary; an executor per run kind does the run's work.
 */
import type { Logger } from "../logger.js";
import type { Run, RunKind } from "../store/run-store.port.js";
import type { RunReport } from "./delivery.js";

export interface RunContext {
  /** Something moved: the card is updated (at most once per progress interval). */
  changed(): void;
  /** Aborted when this process stops: leave the run as it stands, for a takeover. */
  signal: AbortSignal;
  log: Logger;
  /** The run as the store has it now: whether it was cancelled since the last look. */
  current(): Promise<Run | undefined>;
}

export interface RunExecutor {
  /**
   * Carries a confirmed run forward while this process holds its lease: starts what is left to start (nothing
   * more once the run is cancelled), follows what was started, and resolves when everything started has ended.
   * Called again after a takeover, so each step resumes from the store alone.
   */
  drive(run: Run, context: RunContext): Promise<void>;
  /** The run as it stands, for its card (final: false) and its summary (final: true). */
  report(run: Run, final: boolean): Promise<RunReport>;
}

export type RunExecutors = Record<RunKind, RunExecutor>;

/** What a confirm press hands the coordinator. */
export interface RunStart {
  run: Run;
  /** The logger of the press's request: the run's lines carry its request id. */
  log: Logger;
}
