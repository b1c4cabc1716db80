/** Starts the simulator: validates the fleet, makes a certificate, wires the handler, listens on HTTPS. */
import { createArmHandler } from "./arm-handler.js";
import { createCertificate } from "./certificate.js";
import type { SimContext } from "./context.js";
import { parseFaultUpdate } from "./control/fault-update.js";
import { type ControlTarget, handleControl } from "./control/routes.js";
import { listenControl } from "./control/server.js";
import { type FaultControls, FaultState, type FaultUpdate } from "./faults.js";
import { type Fleet, validateFleet } from "./fleet-file.js";
import { limitsOf } from "./fleet-settings.js";
import { type ListeningServer, listenHttps } from "./http/server.js";
import type { SimHandler } from "./http/types.js";
import { OperationUrlSigner } from "./operation-url.js";
import type { QuotaSettings } from "./resource-graph/quota.js";
import { ResourceGraphService } from "./resource-graph/service.js";
import type { CreationLimits } from "./rules/frequency.js";
import type { StatsSnapshot } from "./stats.js";
import { RequestStats } from "./stats.js";
import { OperationBook } from "./store/operations.js";
import { FleetState, type RestorePointCounts } from "./store/state.js";
import { ARM_DEFAULT_BUCKETS, ArmThrottle, type BucketSettings } from "./throttle.js";
import { type TokenExpectations, TokenGate, type TokenTally } from "./token-check.js";

export interface SimulatorOptions {
  fleet: Fleet;
  /** 0 = an ephemeral port (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Added to every request (default 0). */
  latencyMs?: number;
  /** How long a restore point stays Creating (default 3000). */
  restorePointDurationMs?: number;
  /**
   * How long a restore point or collection stays Deleting (default: the fleet's `simulator.deleteDurationMs`, else
   * 1 s or the creation time if shorter, so a simulator sped up for tests deletes as fast as it creates).
   */
  deleteDurationMs?: number;
  /** The clock (default: real time). Operations and token buckets follow it. */
  now?: () => Date;
  /** ARM subscription reads token bucket (default capacity 250, 25/s). */
  readBudget?: BucketSettings;
  /** ARM subscription writes (PUT, PATCH, POST) token bucket (default capacity 200, 10/s). */
  writeBudget?: BucketSettings;
  /** ARM subscription deletes token bucket, separate from writes as in ARM (default capacity 200, 10/s). */
  deleteBudget?: BucketSettings;
  /** Resource Graph's per-user quota (default: the docs' example, 15 queries per 5-second window). */
  resourceGraphQuota?: Partial<QuotaSettings>;
  /** Items per page of list responses (default 100). */
  pageSize?: number;
  /** Minimum intervals and hourly budget of restore point creations (default: the fleet's, else the seed's). */
  creationLimits?: Partial<CreationLimits>;
  /** Faults active from the start, as the control API's PUT /faults takes them. */
  faults?: FaultUpdate;
  /** Starts the control API on http://127.0.0.1:PORT (0 = an ephemeral port); none when undefined. */
  controlPort?: number;
  /** Play another cloud: only JWTs for this ARM audience (and issuer) pass; unset = any bearer token. */
  tokens?: TokenExpectations;
}

export interface RunningSimulator {
  /** https://127.0.0.1:PORT */
  endpoint: string;
  /** Absolute path of the PEM certificate to trust. */
  caFile: string;
  caPem: string;
  subscriptions: string[];
  /** http://127.0.0.1:PORT of the control API, when `controlPort` was given. */
  controlEndpoint?: string;
  faults: FaultControls;
  /** The same as faults.setLatency. */
  setLatency(ms: number): void;
  /** How many restore points exist across the fleet, by state. */
  restorePoints(): RestorePointCounts;
  /** Counts every request received, by route name. */
  stats(): StatsSnapshot;
  /** Called with the route name as each request arrives, before latency; returns the unsubscribe. */
  onRequest(listener: (route: string) => void): () => void;
  /** The tokens accepted and refused, when `tokens` was given (any bearer token passes otherwise). */
  tokens(): TokenTally | undefined;
  resetStats(): void;
  close(): Promise<void>;
}

export interface SimulatorCore {
  handler: SimHandler;
  /** The control API in memory (what the control server serves). */
  control: SimHandler;
  context: SimContext;
  stats: RequestStats;
  /** The token check, when `tokens` was given. */
  tokens?: TokenGate;
  setLatency(ms: number): void;
  restorePoints(): RestorePointCounts;
}

/** The simulator without a socket: tests can call `handler(request)` in memory. */
export function createSimulatorCore(options: SimulatorOptions): SimulatorCore {
  const fleet = validateFleet(options.fleet, "fleet");
  const context: SimContext = {
    state: new FleetState(fleet.resources),
    operations: new OperationBook(),
    faults: new FaultState(),
    now: options.now ?? (() => new Date()),
    restorePointDurationMs: options.restorePointDurationMs ?? DEFAULT_RESTORE_POINT_DURATION_MS,
    deleteDurationMs: deleteDurationOf(options, fleet),
    pageSize: Math.max(1, options.pageSize ?? 100),
    limits: limitsOf(fleet.simulator, options.creationLimits),
    signer: new OperationUrlSigner(),
    resourceGraph: new ResourceGraphService(options.resourceGraphQuota),
  };
  const stats = new RequestStats();
  const throttle = new ArmThrottle({
    ...ARM_DEFAULT_BUCKETS,
    reads: options.readBudget ?? ARM_DEFAULT_BUCKETS.reads,
    writes: options.writeBudget ?? ARM_DEFAULT_BUCKETS.writes,
    deletes: options.deleteBudget ?? ARM_DEFAULT_BUCKETS.deletes,
  });
  context.faults.setLatency(options.latencyMs ?? 0);
  if (options.faults) context.faults.apply(checkedFaults(options.faults));
  const tokens = checksTokens(options.tokens) ? new TokenGate(options.tokens, context.now) : undefined;
  const handler = createArmHandler({ context, throttle, stats, tokens });
  const restorePoints = () => {
    // Deletes and creations that are due but not yet settled must count as done.
    context.operations.settle(context.now());
    return context.state.restorePointCounts();
  };
  const target: ControlTarget = {
    faults: context.faults,
    stats: () => stats.snapshot(),
    resetStats: () => {
      stats.reset();
      tokens?.reset();
    },
    inFlight: () => stats.inFlight(),
    restorePoints,
    ...(tokens ? { tokens: () => tokens.tally() } : {}),
  };
  const control: SimHandler = async (request) => handleControl(request, target);
  const setLatency = (ms: number) => context.faults.setLatency(ms);
  return { handler, control, context, stats, tokens, setLatency, restorePoints };
}

const DEFAULT_RESTORE_POINT_DURATION_MS = 3000;
/** The real service took about 5 s to delete a point (reference 6.1); ours is quicker by default. */
const DEFAULT_DELETE_DURATION_MS = 1000;

function deleteDurationOf(options: SimulatorOptions, fleet: Fleet): number {
  const creationMs = options.restorePointDurationMs ?? DEFAULT_RESTORE_POINT_DURATION_MS;
  return (
    options.deleteDurationMs ??
    fleet.simulator?.deleteDurationMs ??
    Math.min(DEFAULT_DELETE_DURATION_MS, creationMs)
  );
}

function checksTokens(expectations: TokenExpectations | undefined): expectations is TokenExpectations {
  return expectations?.audience !== undefined || expectations?.issuer !== undefined;
}

function checkedFaults(faults: FaultUpdate): FaultUpdate {
  const parsed = parseFaultUpdate(faults);
  if (!parsed.ok) throw new Error(`Invalid simulator faults: ${parsed.message}`);
  return parsed.update;
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
  const control = await startControl(core, options.controlPort).catch(async (error: unknown) => {
    await server.close().finally(() => certificate.dispose());
    throw error;
  });
  let closing: Promise<void> | undefined;
  const closeAll = async () => {
    await Promise.all([server.close(), control?.close()]).finally(() => certificate.dispose());
  };
  return {
    endpoint: server.origin,
    caFile: certificate.caFile,
    caPem: certificate.certPem,
    subscriptions: core.context.state.subscriptions().map((subscription) => subscription.subscriptionId),
    controlEndpoint: control?.origin,
    faults: core.context.faults,
    setLatency: core.setLatency,
    restorePoints: core.restorePoints,
    stats: () => core.stats.snapshot(),
    onRequest: (listener) => core.stats.listen(listener),
    tokens: () => core.tokens?.tally(),
    resetStats: () => {
      core.stats.reset();
      core.tokens?.reset();
    },
    // Idempotent: a CLI may call it from several shutdown paths.
    close: () => {
      closing ??= closeAll();
      return closing;
    },
  };
}

function startControl(core: SimulatorCore, port: number | undefined): Promise<ListeningServer | undefined> {
  if (port === undefined) return Promise.resolve(undefined);
  return listenControl(core.control, { port });
}
