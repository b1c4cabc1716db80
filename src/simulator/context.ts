/** What every route handler gets: the world, the clock and the knobs. */
import type { FaultState } from "./faults.js";
import type { OperationBook } from "./store/operations.js";
import type { FleetState } from "./store/state.js";

export interface SimContext {
  state: FleetState;
  operations: OperationBook;
  faults: FaultState;
  now(): Date;
  /** How long a restore point stays Creating (and a delete stays Deleting). */
  restorePointDurationMs: number;
  /** Items per page of every list response. */
  pageSize: number;
}
