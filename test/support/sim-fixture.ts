/** Starts a simulator on the sample fleet for one test file; every file gets a fresh world. */
import {
  buildSampleFleet,
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from "../../src/simulator/index.js";

export const PRODUCTION = "11111111-1111-1111-1111-111111111111";
export const STAGING = "22222222-2222-2222-2222-222222222222";

/** Short enough to keep tests fast, long enough to observe "InProgress". */
export const TEST_DURATION_MS = 60;
/** Poll interval for SDK pollers in tests (the simulator sends no Retry-After on polls, like Azure). */
export const POLL = { updateIntervalInMs: 10 } as const;

export function startSampleSimulator(options: Partial<SimulatorOptions> = {}): Promise<RunningSimulator> {
  return startSimulator({
    fleet: buildSampleFleet(options.now?.() ?? new Date()),
    restorePointDurationMs: TEST_DURATION_MS,
    ...options,
  });
}

export function vmId(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/virtualMachines/${name}`;
}

export function diskIdOf(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/disks/${name}`;
}
