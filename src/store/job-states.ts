/**
 * The job state machine (docs/jobs.md): which state each move may start from. The store turns this table
 * into the WHERE clause of every transition, so a move the table does not allow cannot be written, by this
 * process or by one that woke up late, and no move ever leaves a terminal state.
 */
import type { JobState } from "./store.port.js";

export const UNFINISHED_JOB_STATES = [
  "pending",
  "starting",
  "running",
] as const satisfies readonly JobState[];
export const TERMINAL_JOB_STATES = ["succeeded", "failed", "lost"] as const satisfies readonly JobState[];

export const MOVES_FROM: { readonly [To in JobState]: readonly JobState[] } = {
  // The press is recorded with its job in one transaction; nothing moves back to it.
  pending: [],
  // The re-check passed under the VM's lock.
  starting: ["pending"],
  // Azure accepted the restore point (a resumed job may find it so from "starting").
  running: ["starting"],
  // A job resumed from "starting" can find the restore point already done.
  succeeded: ["starting", "running"],
  // The re-check refused, Azure refused, or the restore point failed.
  failed: ["pending", "starting", "running"],
  // The outcome could not be learned in time.
  lost: ["pending", "starting", "running"],
};

export function isTerminal(state: JobState): boolean {
  return (TERMINAL_JOB_STATES as readonly JobState[]).includes(state);
}
