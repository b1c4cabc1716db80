/**
 * Chooses and starts the ARM side from configuration: real Azure, an external `rpbot sim`, or the built-in
 * simulator on the sample fleet (the embedded default, so nobody needs an Azure account to try the bot).
 */
import {
  type ArmConnection,
  type ArmGateway,
  azureConnection,
  createArmGateway,
  simulatorConnection,
} from "../azure/index.js";
import { type ArmConfig, ConfigError } from "../config.js";
import {
  buildSampleFleet,
  type Fleet,
  FleetFileError,
  loadFleetFile,
  type RunningSimulator,
  startSimulator,
} from "../simulator/index.js";

export interface ArmRuntime {
  gateway: ArmGateway;
  /** Set when the built-in simulator runs in this process. */
  simulator?: RunningSimulator;
  describe: string;
  close(): Promise<void>;
}

export interface ArmRuntimeOptions {
  now?: () => Date;
  /** Knobs for the built-in simulator (tests, benchmarks). */
  simulator?: { latencyMs?: number; restorePointDurationMs?: number };
}

export async function startArmRuntime(
  config: ArmConfig,
  options: ArmRuntimeOptions = {},
): Promise<ArmRuntime> {
  const now = options.now ?? (() => new Date());
  if (config.mode === "azure") {
    return fromConnection(
      config,
      azureConnection(config.endpoint),
      config.subscriptionIds,
      "Azure Resource Manager",
    );
  }
  if (config.endpoint) {
    // An external `rpbot sim`: its certificate is trusted through NODE_EXTRA_CA_CERTS, as docs/cli.md says.
    return fromConnection(
      config,
      simulatorConnection(config.endpoint),
      config.subscriptionIds,
      `simulator at ${config.endpoint}`,
    );
  }
  const fleet = config.simulatorFleetFile ? loadFleet(config.simulatorFleetFile) : buildSampleFleet(now());
  const simulator = await startSimulator({
    fleet,
    now,
    restorePointDurationMs: config.simulatorRestorePointDurationMs,
    latencyMs: config.simulatorLatencyMs,
    ...options.simulator,
  });
  const subscriptions = config.subscriptionIds.length > 0 ? config.subscriptionIds : simulator.subscriptions;
  const connection = simulatorConnection(simulator.endpoint, simulator.caPem);
  const fleetName = config.simulatorFleetFile ?? "the sample fleet";
  const runtime = fromConnection(config, connection, subscriptions, `built-in simulator (${fleetName})`);
  return {
    ...runtime,
    simulator,
    close: async () => {
      await simulator.close();
    },
  };
}

function fromConnection(
  config: ArmConfig,
  connection: ArmConnection,
  subscriptionIds: string[],
  describe: string,
): ArmRuntime {
  const gateway = createArmGateway({ connection, subscriptionIds, nameIndexTtlMs: config.nameIndexTtlMs });
  return { gateway, describe, close: async () => {} };
}

/** Loads a fleet file for the built-in simulator; its problems become the bot's ConfigError. */
export function loadFleet(path: string): Fleet {
  try {
    return loadFleetFile(path);
  } catch (error) {
    throw fleetFileAsConfigError(error);
  }
}

/**
 * The simulator keeps its own FleetFileError (it imports nothing of the bot); this is where it becomes a
 * ConfigError, with the one line the CLI prints: the first problem, and how many more there are. Anything
 * else is returned unchanged.
 */
export function fleetFileAsConfigError(error: unknown): unknown {
  if (!(error instanceof FleetFileError)) return error;
  const [first, ...rest] = error.problems;
  if (!first) {
    const message = error.message.replace(/\s*\n\s*/g, " ");
    return new ConfigError([message], { message, cause: error });
  }
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length === 1 ? "" : "s"})` : "";
  return new ConfigError([...error.problems], {
    message: `Invalid fleet file: ${first}${more}`,
    cause: error,
  });
}
