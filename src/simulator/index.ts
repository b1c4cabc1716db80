/** The ARM simulator's public API (used by the CLI's `rpbot sim`, the embedded default and tests). */
export type { FaultControls } from "./faults.js";
export { type Fleet, FleetFileError, loadFleetFile, validateFleet } from "./fleet-file.js";
export { type GenerateFleetOptions, generateFleet } from "./generate-fleet.js";
export type { SimRequest, SimResponse } from "./http/types.js";
export { buildSampleFleet, SAMPLE_SUBSCRIPTIONS } from "./sample-fleet/index.js";
export {
  createSimulatorCore,
  type RunningSimulator,
  type SimulatorCore,
  type SimulatorOptions,
  startSimulator,
} from "./simulator.js";
