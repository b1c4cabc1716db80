/** Starts the simulator: validates the fleet, makes a certificate, wires the handler, listens on HTTPS. */
import { createArmHandler } from "./arm-handler.js";
import { createCertificate } from "./certificate.js";
import type { SimContext } from "./context.js";
import { type FaultControls, FaultState } from "./faults.js";
import { type Fleet, validateFleet } from "./fleet-file.js";
import { listenHttps } from "./http/server.js";
import type { SimHandler } from "./http/types.js";
import type { StatsSnapshot } from "./stats.js";
import { RequestStats } from "./stats.js";
import { OperationBook } from "./store/operations.js";
import { FleetState } from "./store/state.js";
import { ARM_DEFAULT_BUCKETS, ArmThrottle, type BucketSettings } from "./throttle.js";

export interface SimulatorOptions {
  fleet: Fleet;
  /** 0 = an ephemeral port (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Added to every request (default 0). */
  latencyMs?: number;
  /** How long a restore point stays Creating, and a delete Deleting (default 3000). */
  restorePointDurationMs?: number;
  /** The clock (default: real time). Operations and token buckets follow it. */
  now?: () => Date;
  /** ARM subscription reads token bucket (default capacity 250, 25/s). */
  readBudget?: BucketSettings;
  /** Items per page of list responses (default 100). */
  pageSize?: number;
}

export interface RunningSimulator {
  /** https://127.0.0.1:PORT */
  endpoint: string;
  /** Absolute path of the PEM certificate to trust. */
  caFile: string;
  caPem: string;
  subscriptions: string[];
  faults: FaultControls;
  setLatency(ms: number): void;
  /** Counts every request received, by route name. */
  stats(): StatsSnapshot;
  /** Called with the route name as each request arrives, before latency; returns the unsubscribe. */
  onRequest(listener: (route: string) => void): () => void;
  resetStats(): void;
  close(): Promise<void>;
}

export interface SimulatorCore {
  handler: SimHandler;
  context: SimContext;
  stats: RequestStats;
  setLatency(ms: number): void;
}

/** The simulator without a socket: tests can call `handler(request)` in memory. */
export function createSimulatorCore(options: SimulatorOptions): SimulatorCore {
  const fleet = validateFleet(options.fleet, "fleet");
  const context: SimContext = {
    state: new FleetState(fleet.resources),
    operations: new OperationBook(),
    faults: new FaultState(),
    now: options.now ?? (() => new Date()),
    restorePointDurationMs: options.restorePointDurationMs ?? 3000,
    pageSize: Math.max(1, options.pageSize ?? 100),
  };
  const stats = new RequestStats();
  const throttle = new ArmThrottle({
    ...ARM_DEFAULT_BUCKETS,
    reads: options.readBudget ?? ARM_DEFAULT_BUCKETS.reads,
  });
  let latencyMs = options.latencyMs ?? 0;
  const handler = createArmHandler({ context, throttle, stats, latencyMs: () => latencyMs });
  return { handler, context, stats, setLatency: (ms) => (latencyMs = Math.max(0, ms)) };
}

export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const core = createSimulatorCore(options);
  const certificate = await createCertificate();
  const server = await listenHttps(core.handler, {
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    certPem: certificate.certPem,
    keyPem: certificate.keyPem,
  }).catch(async (error: unknown) => {
    await certificate.dispose();
    throw error;
  });
  let closing: Promise<void> | undefined;
  return {
    endpoint: server.origin,
    caFile: certificate.caFile,
    caPem: certificate.certPem,
    subscriptions: core.context.state.subscriptions().map((subscription) => subscription.subscriptionId),
    faults: core.context.faults,
    setLatency: core.setLatency,
    stats: () => core.stats.snapshot(),
    onRequest: (listener) => core.stats.listen(listener),
    resetStats: () => core.stats.reset(),
    // Idempotent: a CLI may call it from several shutdown paths.
    close: () => {
      closing ??= server.close().finally(() => certificate.dispose());
      return closing;
    },
  };
}
