/**
 * `rpbot sim [--fleet FILE] [--port N] [--generate N [--subscriptions N]] [--control-port N] [fault flags]
 * [--audience URL] [--issuer URL]`: the ARM simulator alone, until stopped. Fault flags set faults from the start;
 * the control port changes them while it runs. --audience/--issuer make it another cloud, which refuses tokens
 * for any other.
 */
import {
  buildSampleFleet,
  type FaultStatus,
  type FaultUpdate,
  type Fleet,
  FleetFileError,
  type FreezeScope,
  generateFleet,
  loadFleetFile,
  type ShareFaultUpdate,
  startSimulator,
  type TokenExpectations,
} from "../simulator/index.js";
import { CliUsageError } from "./cli-failure.js";
import type { CommandIo } from "./io.js";

export interface SimArgs {
  fleet?: string;
  port: number;
  generate?: number;
  /** How many subscriptions the generated fleet is spread over (only with `generate`). */
  subscriptions?: number;
  latencyMs?: number;
  restorePointDurationMs?: number;
  /** How long a delete runs (default: the fleet's setting, else 1 s or the creation time if shorter). */
  deleteDurationMs?: number;
  /** Starts the loopback control API on this port (0 = ephemeral). */
  controlPort?: number;
  /** Faults active from the start. */
  faults?: FaultUpdate;
  /** Play another cloud: only JWTs for this ARM audience (and issuer) are accepted. */
  tokens?: TokenExpectations;
}

/** The token flags as parseArgs gives them. */
export interface SimTokenFlags {
  audience?: string;
  issuer?: string;
}

/** The fault flags as parseArgs gives them. */
export interface SimFaultFlags {
  "control-port"?: string;
  "fail-creations"?: string;
  "fail-reads"?: string;
  "fail-writes"?: string;
  "retry-after"?: string;
  freeze?: string;
}

export async function runSimCommand(
  args: SimArgs,
  io: CommandIo,
  now: () => Date,
  stopped: Promise<void>,
): Promise<number> {
  try {
    return await runSimulator(args, io, now, stopped);
  } catch (error) {
    throw await asConfigError(error);
  }
}

/**
 * An invalid fleet file is the operator's configuration problem (exit 1, one line). The conversion lives with
 * the ARM runtime, which also loads fleet files; it is imported only on that path, because the runtime brings
 * in the Azure SDK, which the simulator alone never needs.
 */
async function asConfigError(error: unknown): Promise<unknown> {
  if (!(error instanceof FleetFileError)) return error;
  const { fleetFileAsConfigError } = await import("../runtime/arm-runtime.js");
  return fleetFileAsConfigError(error);
}

async function runSimulator(
  args: SimArgs,
  io: CommandIo,
  now: () => Date,
  stopped: Promise<void>,
): Promise<number> {
  const fleet = chooseFleet(args, now());
  const simulator = await startSimulator({
    fleet,
    port: args.port,
    now,
    latencyMs: args.latencyMs,
    restorePointDurationMs: args.restorePointDurationMs,
    deleteDurationMs: args.deleteDurationMs,
    faults: args.faults,
    controlPort: args.controlPort,
    tokens: args.tokens,
  });
  io.out(
    JSON.stringify({
      endpoint: simulator.endpoint,
      caFile: simulator.caFile,
      subscriptions: simulator.subscriptions,
      // Only with --control-port, so the line keeps its documented fields otherwise.
      ...(simulator.controlEndpoint ? { control: simulator.controlEndpoint } : {}),
    }),
  );
  if (args.faults) io.err(`rpbot sim: faults from the start: ${JSON.stringify(simulator.faults.settings())}`);
  if (args.tokens) io.err(`rpbot sim: accepts only tokens with ${describeTokens(args.tokens)}`);
  await stopped;
  await simulator.close();
  return 0;
}

function chooseFleet(args: SimArgs, now: Date): Fleet {
  if (args.fleet) return loadFleetFile(args.fleet);
  if (args.generate !== undefined) {
    return generateFleet({
      count: args.generate,
      now,
      withRestorePoints: Math.floor(args.generate / 10),
      subscriptions: args.subscriptions,
    });
  }
  return buildSampleFleet(now);
}

/** Reads --audience and --issuer (https: URLs); neither given: any bearer token is accepted, as before. */
export function parseSimTokenFlags(flags: SimTokenFlags): Pick<SimArgs, "tokens"> {
  const audience = flags.audience === undefined ? undefined : httpsUrl("--audience", flags.audience);
  const issuer = flags.issuer === undefined ? undefined : httpsUrl("--issuer", flags.issuer);
  if (audience === undefined && issuer === undefined) return {};
  return { tokens: { ...(audience ? { audience } : {}), ...(issuer ? { issuer } : {}) } };
}

function httpsUrl(flag: string, value: string): string {
  const ok = URL.canParse(value) && new URL(value).protocol === "https:";
  if (!ok) throw new CliUsageError(`${flag} takes an https: URL (got "${value}")`);
  return value;
}

function describeTokens(tokens: TokenExpectations): string {
  const parts = [
    tokens.audience === undefined ? undefined : `audience ${tokens.audience}`,
    tokens.issuer === undefined ? undefined : `issuer ${tokens.issuer}`,
  ];
  return parts.filter((part) => part !== undefined).join(" and ");
}

/** Reads --control-port and the fault flags; a bad value is a CliUsageError naming the flag. */
export function parseSimFaultFlags(flags: SimFaultFlags): Pick<SimArgs, "controlPort" | "faults"> {
  const controlPort = flags["control-port"] === undefined ? undefined : port(flags["control-port"]);
  const update: FaultUpdate = {};
  if (flags["fail-creations"] !== undefined) update.failCreations = creations(flags["fail-creations"]);
  const retryAfterSeconds = flags["retry-after"] === undefined ? undefined : seconds(flags["retry-after"]);
  if (flags["fail-reads"] !== undefined) {
    update.reads = share("--fail-reads", flags["fail-reads"], retryAfterSeconds);
  }
  if (flags["fail-writes"] !== undefined) {
    update.writes = share("--fail-writes", flags["fail-writes"], retryAfterSeconds);
  }
  if (retryAfterSeconds !== undefined && update.reads?.status !== 429 && update.writes?.status !== 429) {
    throw new CliUsageError("--retry-after needs --fail-reads or --fail-writes answering 429");
  }
  if (flags.freeze !== undefined) update.freeze = freeze(flags.freeze);
  return { controlPort, faults: Object.keys(update).length > 0 ? update : undefined };
}

/**
 * Reads --subscriptions: a positive whole number, and only with --generate, because a fleet file or the sample
 * fleet names its own subscriptions.
 */
export function parseSimSubscriptions(
  value: string | undefined,
  generate: string | undefined,
): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < 1) {
    throw new CliUsageError(`--subscriptions takes a whole number from 1 (got "${value}")`);
  }
  if (generate === undefined) {
    throw new CliUsageError("--subscriptions needs --generate: it spreads a generated fleet");
  }
  return parsed;
}

function port(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed > 65535) {
    throw new CliUsageError(`--control-port takes a port from 0 to 65535 (got "${value}")`);
  }
  return parsed;
}

function creations(value: string): NonNullable<FaultUpdate["failCreations"]> {
  const match = /^(\d+)(?::([A-Za-z][A-Za-z0-9_.-]*))?$/.exec(value);
  if (!match) {
    throw new CliUsageError(
      `--fail-creations takes N or N:CODE, e.g. 2:OSProvisioningTimedOut (got "${value}")`,
    );
  }
  const code = match[2];
  return { count: Number(match[1]), ...(code ? { code } : {}) };
}

function share(flag: string, value: string, retryAfterSeconds: number | undefined): ShareFaultUpdate {
  const match = /^(\d*\.?\d+)(?::(429|500))?$/.exec(value);
  const fraction = Number(match?.[1]);
  if (!match || !(fraction >= 0 && fraction <= 1)) {
    throw new CliUsageError(
      `${flag} takes SHARE or SHARE:429 or SHARE:500, SHARE from 0 to 1, e.g. 0.5:429 (got "${value}")`,
    );
  }
  const status: FaultStatus = match[2] === "500" ? 500 : 429;
  if (status === 500) return { share: fraction, status };
  return { share: fraction, status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
}

function seconds(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new CliUsageError(`--retry-after takes a whole number of seconds (got "${value}")`);
  }
  return Number(value);
}

function freeze(value: string): FreezeScope {
  if (value === "all" || value === "reads" || value === "writes") return value;
  throw new CliUsageError(`--freeze takes all, reads or writes (got "${value}")`);
}
