/**
 * The built-in simulator on a clock the test moves, with restore points that take CREATE_MS and deletes that take
 * DELETE_MS: "meanwhile" is observed by moving the clock, never by sleeping.
 */
import type { ComputeManagementClient } from "@azure/arm-compute";
import {
  buildSampleFleet,
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from "../../src/simulator/index.js";
import { simClient } from "./sim-client.js";
import { PRODUCTION } from "./sim-fixture.js";

export const CLOCK_START = new Date("2026-11-25T12:00:00Z");
export const CREATE_MS = 60_000;
export const DELETE_MS = 30_000;

export interface ClockedSimulator {
  sim: RunningSimulator;
  compute: ComputeManagementClient;
  /** Moves the simulator's clock on by `ms`. */
  pass(ms: number): void;
}

export async function startClockedSimulator(
  options: Partial<SimulatorOptions> = {},
): Promise<ClockedSimulator> {
  let now = CLOCK_START;
  const sim = await startSimulator({
    fleet: buildSampleFleet(CLOCK_START),
    now: () => now,
    restorePointDurationMs: CREATE_MS,
    deleteDurationMs: DELETE_MS,
    ...options,
  });
  return {
    sim,
    compute: simClient(sim, PRODUCTION),
    pass: (ms) => {
      now = new Date(now.getTime() + ms);
    },
  };
}
