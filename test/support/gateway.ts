/** The bot's real ARM gateway pointed at a running simulator. */
import { type ArmGateway, createArmGateway, simulatorConnection } from "../../src/azure/index.js";
import type { RunningSimulator } from "../../src/simulator/index.js";

export function gatewayFor(
  sim: RunningSimulator,
  options: { now?: () => number; ttlMs?: number; maxRetries?: number; subscriptionIds?: string[] } = {},
): ArmGateway {
  return createArmGateway({
    connection: { ...simulatorConnection(sim.endpoint, sim.caPem), maxRetries: options.maxRetries },
    subscriptionIds: options.subscriptionIds ?? [],
    nameIndexTtlMs: options.ttlMs ?? 60_000,
    now: options.now,
  });
}
