/** What every route handler gets: the world, the clock and the knobs. */
import type { FaultState } from "./faults.js";
import type { OperationUrlSigner } from "./operation-url.js";
import type { ResourceGraphService } from "./resource-graph/service.js";
import type { CreationLimits } from "./rules/frequency.js";
import type { OperationBook } from "./store/operations.js";
import type { FleetState } from "./store/state.js";

export interface SimContext {
  state: FleetState;
  operations: OperationBook;
  faults: FaultState;
  now(): Date;
  /** How long a restore point stays Creating. */
  restorePointDurationMs: number;
  /** How long a restore point or a collection stays Deleting. */
  deleteDurationMs: number;
  /** Items per page of every list response. */
  pageSize: number;
  /** Minimum intervals and the hourly budget of restore point creations per VM. */
  limits: CreationLimits;
  /** Signs the operation URLs handed out and checks them when polled. */
  signer: OperationUrlSigner;
  /** Resource Graph: its per-user quota and the results kept between pages. */
  resourceGraph: ResourceGraphService;
}
