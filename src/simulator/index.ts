/** The ARM simulator's public API (used by the CLI's `rpbot sim`, the embedded default and tests). */

export { API_VERSIONS, type ApiFamily } from "./api-versions.js";
export { type ControlStats, handleControl } from "./control/routes.js";
export { CONTROL_HOST, ControlHostRefused, listenControl } from "./control/server.js";
export {
  DEFAULT_CREATION_FAILURE_CODE,
  type FaultControls,
  type FaultSettings,
  type FaultStatus,
  type FaultUpdate,
  FREEZE_SCOPES,
  type FreezeScope,
  MAX_LATENCY_MS,
  type ShareFaultUpdate,
} from "./faults.js";
export { type Fleet, FleetFileError, loadFleetFile, validateFleet } from "./fleet-file.js";
export type { FleetSettings } from "./fleet-settings.js";
export { type GenerateFleetOptions, generateFleet } from "./generate-fleet.js";
export type { SimHandler, SimRequest, SimResponse } from "./http/types.js";
export {
  DEFAULT_QUOTA as RESOURCE_GRAPH_DEFAULT_QUOTA,
  type QuotaSettings as ResourceGraphQuotaSettings,
} from "./resource-graph/quota.js";
export type { GraphCounters } from "./resource-graph/service.js";
export type { CreationLimits } from "./rules/frequency.js";
export { buildSampleFleet, SAMPLE_SUBSCRIPTIONS } from "./sample-fleet/index.js";
export {
  createSimulatorCore,
  type RunningSimulator,
  type SimulatorCore,
  type SimulatorOptions,
  startSimulator,
} from "./simulator.js";
export type { RestorePointCounts } from "./store/state.js";
export type { TokenExpectations, TokenTally } from "./token-check.js";
