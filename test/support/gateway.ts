/** The bot's real ARM gateway pointed at a running simulator. */
import { type ArmGateway, createArmGateway, simulatorConnection } from "../../src/azure/index.js";
import type { ReadBudgetSettings } from "../../src/azure/read-budget.js";
import type { RunningSimulator } from "../../src/simulator/index.js";

export interface GatewayOptions {
  now?: () => number;
  ttlMs?: number;
  maxRetries?: number;
  subscriptionIds?: string[];
  readBudget?: ReadBudgetSettings;
  /** Default true, as in production. */
  resourceGraph?: boolean;
  warn?: (message: string) => void;
}

export function gatewayFor(sim: RunningSimulator, options: GatewayOptions = {}): ArmGateway {
  const { maxRetries, readBudget } = options;
  return createArmGateway({
    connection: { ...simulatorConnection(sim.endpoint, sim.caPem), maxRetries, readBudget },
    subscriptionIds: options.subscriptionIds ?? [],
    nameIndexTtlMs: options.ttlMs ?? 60_000,
    resourceGraph: options.resourceGraph,
    warn: options.warn,
    now: options.now,
  });
}
