/**
 * Chooses and starts the ARM side from configuration: real Azure, an external `rpbot sim`, or the built-in
 * simulator on the sample fleet (the embedded default, so nobody needs an Azure account to try the bot).
 */

import type { ArmRequestObserver } from "../azure/arm-metrics-policy.js";
import { armScopeFor } from "../azure/clients.js";
import {
  type ArmConnection,
  type ArmGateway,
  azureConnection,
  createArmGateway,
  simulatorConnection,
} from "../azure/index.js";
import { type ArmConfig, ConfigError } from "../config.js";
import { type Fleet, FleetFileError, loadFleetFile } from "../simulator/fleet-file.js";
import type { RunningSimulator, SimulatorOptions } from "../simulator/simulator.js";

/** What /readyz reports of ARM: ok, or why not (never a token). */
export type ArmReadiness = { ok: true } | { ok: false; reason: string };

export interface ArmRuntime {
  gateway: ArmGateway;
  /**
   * Can the bot talk to ARM right now? The simulator (built-in or external): one GET answers. Real Azure: the
   * credential yields a token (no ARM call, no quota spent). `signal` abandons the check.
   */
  readiness(signal?: AbortSignal): Promise<ArmReadiness>;
  /** Set when the built-in simulator runs in this process. */
  simulator?: RunningSimulator;
  describe: string;
  close(): Promise<void>;
}

export interface ArmRuntimeOptions {
  now?: () => Date;
  /** Knobs for the built-in simulator (tests, benchmarks): its fleet, latency, buckets. */
  simulator?: Partial<Omit<SimulatorOptions, "now">>;
  /** Where the gateway says that Resource Graph was refused or a background refresh failed. */
  warn?: (message: string) => void;
  /** Told of every ARM request attempt and retry (`rpbot serve`'s metrics). */
  observer?: ArmRequestObserver;
}

export async function startArmRuntime(
  config: ArmConfig,
  options: ArmRuntimeOptions = {},
): Promise<ArmRuntime> {
  const now = options.now ?? (() => new Date());
  if (config.mode === "azure") {
    return fromConnection(
      config,
      withRequestSettings(azureCloudConnection(config), config, options.observer),
      config.subscriptionIds,
      "Azure Resource Manager",
      options.warn,
    );
  }
  if (config.endpoint) {
    // An external `rpbot sim`: its certificate is trusted through NODE_EXTRA_CA_CERTS, as docs/cli.md says.
    return fromConnection(
      config,
      withRequestSettings(simulatorConnection(config.endpoint), config, options.observer),
      config.subscriptionIds,
      `simulator at ${config.endpoint}`,
      options.warn,
    );
  }
  // Only a process that runs the built-in simulator loads it (a check against real Azure never does).
  const { buildSampleFleet, startSimulator } = await import("../simulator/index.js");
  const fleet =
    options.simulator?.fleet ??
    (config.simulatorFleetFile ? loadFleet(config.simulatorFleetFile) : buildSampleFleet(now()));
  const simulator = await startSimulator({
    fleet,
    now,
    restorePointDurationMs: config.simulatorRestorePointDurationMs,
    latencyMs: config.simulatorLatencyMs,
    ...options.simulator,
  });
  const subscriptions = config.subscriptionIds.length > 0 ? config.subscriptionIds : simulator.subscriptions;
  const connection = withRequestSettings(
    simulatorConnection(simulator.endpoint, simulator.caPem),
    config,
    options.observer,
  );
  const fleetName = config.simulatorFleetFile ?? "the sample fleet";
  const describe = `built-in simulator (${fleetName})`;
  const runtime = fromConnection(config, connection, subscriptions, describe, options.warn);
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
  warn: ArmRuntimeOptions["warn"],
): ArmRuntime {
  const gateway = createArmGateway({
    connection,
    subscriptionIds,
    nameIndexTtlMs: config.nameIndexTtlMs,
    resourceGraph: config.resourceGraph,
    warn,
  });
  const readiness =
    config.mode === "azure"
      ? (signal?: AbortSignal) => tokenReadiness(connection, signal)
      : (signal?: AbortSignal) => pingReadiness(gateway, signal);
  return { gateway, readiness, describe, close: async () => {} };
}

/** Real Azure in the configured cloud: the scope and authority come from ArmConfig, never assumed public. */
function azureCloudConnection(config: ArmConfig): ArmConnection {
  return azureConnection({
    endpoint: config.endpoint,
    audience: config.audience,
    authorityHost: config.authorityHost,
    disableInstanceDiscovery: config.disableInstanceDiscovery,
  });
}

/** Every ARM connection's per-request settings: the attempt timeout, and who is told of each attempt. */
function withRequestSettings(
  connection: ArmConnection,
  config: ArmConfig,
  observer: ArmRequestObserver | undefined,
): ArmConnection {
  return { ...connection, timeoutMs: config.requestTimeoutMs, ...(observer ? { observer } : {}) };
}

async function pingReadiness(gateway: ArmGateway, signal?: AbortSignal): Promise<ArmReadiness> {
  try {
    await gateway.clients.ping(signal);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  }
}

/** DefaultAzureCredential caches its token: once signed in, this costs nothing until the token is due. */
async function tokenReadiness(connection: ArmConnection, signal?: AbortSignal): Promise<ArmReadiness> {
  try {
    const token = await connection.credential.getToken(
      armScopeFor(connection.endpoint, connection.audience),
      {
        abortSignal: signal,
      },
    );
    if (token) return { ok: true };
    return { ok: false, reason: "the Azure credential returned no token" };
  } catch (error) {
    return { ok: false, reason: `the Azure credential yields no token: ${reasonOf(error)}` };
  }
}

/** The first line only: DefaultAzureCredential lists every credential it tried, over many lines. */
function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = (text.split("\n")[0] ?? "").trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
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
