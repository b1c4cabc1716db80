/**
 * The only reader of the environment: validated, typed configuration with one error listing every problem.
 * Everything else is handed the parts of this object it needs.
 */

import { AZURE_PUBLIC_CLOUD, cloudOfArmEndpoint, isKnownAuthority } from "./clouds.js";
import type { Limits } from "./core/limits.js";
import { DEFAULT_LIMITS } from "./core/limits.js";
import { DEFAULT_SET_WINDOW_MS } from "./core/set-protection.js";
import { type Env, EnvReader } from "./env-reader.js";
import { BotError } from "./errors.js";

export type { Env } from "./env-reader.js";
export { parseDuration } from "./env-reader.js";

export interface ArmConfig {
  mode: "azure" | "simulator";
  /** Subscriptions the bot may act in; empty = every subscription the identity can list. */
  subscriptionIds: string[];
  /** ARM endpoint; for the simulator, set only when talking to an external `rpbot sim`. */
  endpoint?: string;
  /** Fleet file for the built-in simulator; unset = the built-in sample fleet. */
  simulatorFleetFile?: string;
  /** How long the VM name index is trusted before the fleet is listed again. */
  nameIndexTtlMs: number;
  /** How often a restore point operation is polled. */
  pollIntervalMs: number;
  /** Built-in simulator knobs: how long a restore point takes, and latency added to every request. */
  simulatorRestorePointDurationMs?: number;
  simulatorLatencyMs?: number;
  /** How long one ARM request attempt may take before it fails with "Azure did not answer within …". */
  requestTimeoutMs: number;
  /** Azure Resource Graph for finding VMs and collections; off: ARM listings only (RPBOT_RESOURCE_GRAPH). */
  resourceGraph: boolean;
  /** The Azure portal messages link to (RPBOT_PORTAL_URL, else the ARM endpoint's cloud's); none for the simulator. */
  portalUrl?: string;
  /**
   * Real Azure only: the audience of ARM tokens (RPBOT_ARM_AUDIENCE, else the endpoint's cloud's, else the
   * endpoint's origin); tokens are asked for `<audience>/.default`.
   */
  audience?: string;
  /** Real Azure only: the Entra authority (AZURE_AUTHORITY_HOST, else the endpoint's cloud's). */
  authorityHost?: string;
  /** Set for an authority MSAL does not know, whose validation would ask public Azure's instance discovery. */
  disableInstanceDiscovery?: boolean;
}

function defaultPortalUrl(mode: ArmConfig["mode"], endpoint: string | undefined): string | undefined {
  if (mode === "simulator") return undefined;
  return (endpoint ? cloudOfArmEndpoint(endpoint) : AZURE_PUBLIC_CLOUD)?.portalUrl;
}

export interface SlackConfig {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
}

export interface TeamsConfig {
  appId?: string;
  appPassword?: string;
  appType?: string;
  tenantId?: string;
  dangerouslyAllowUnauthenticated: boolean;
  /** NODE_ENV=production: the unauthenticated local-testing switch is refused. */
  production?: boolean;
  /** Bot Framework's ChannelService: unset = public cloud, US_GOV_CHANNEL_SERVICE = GCC High and DoD. */
  channelService?: string;
}

/** The one ChannelService value botbuilder knows besides none (botframework-connector GovernmentConstants). */
export const US_GOV_CHANNEL_SERVICE = "https://botframework.azure.us";

/** How restore point jobs are owned, followed and told (docs/jobs.md). */
export interface JobsConfig {
  /** How long a job's VM lease lasts without renewal: a process that died is taken over after this. */
  leaseMs: number;
  /** A job whose outcome is still unknown this long after the press ends as lost. */
  followLimitMs: number;
  /** A result the platform has not accepted this long after the job ended is given up as undeliverable. */
  deliveryGiveUpMs: number;
}

export interface Config {
  arm: ArmConfig;
  jobs: JobsConfig;
  /** How long a plan's confirm buttons work. */
  confirmationTtlMs: number;
  limits: Limits;
  slack?: SlackConfig;
  teams: TeamsConfig;
  port: number;
  /** Connections the HTTP server holds at once; more are closed as they arrive. */
  httpMaxConnections: number;
  databaseUrl?: string;
  sqlitePath: string;
  policyFile?: string;
  logLevel: string;
  /** GET /metrics and the Application Insights export (docs/configuration.md, Metrics). */
  metrics?: MetricsConfig;
  /** Protecting a set of VMs at once (docs/configuration.md, Sets). */
  sets: SetsConfig;
}

/**
 * Every problem found, in one error; `message` can be given when the problems come from a file with a
 * summary of its own (a fleet file says where, and how many more problems there are).
 */
export class ConfigError extends BotError {
  readonly code = "config-error";
  constructor(
    readonly problems: string[],
    options: { message?: string; cause?: unknown } = {},
  ) {
    super(options.message ?? `Configuration is not valid: ${problems.join("; ")}`, { cause: options.cause });
  }
}

const SUBSCRIPTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
/** setTimeout's limit: a longer delay would fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);
  const subscriptionIds = read.list("AZURE_SUBSCRIPTION_IDS");
  for (const id of subscriptionIds) {
    if (!SUBSCRIPTION_ID.test(id))
      problems.push(`AZURE_SUBSCRIPTION_IDS: "${id}" is not a subscription id (a GUID)`);
  }
  const mode =
    read.oneOf("RPBOT_ARM", ["azure", "simulator"]) ?? (subscriptionIds.length > 0 ? "azure" : "simulator");
  const endpoint = read.url("RPBOT_ARM_ENDPOINT", ["https:"]);
  const config: Config = {
    arm: {
      mode,
      subscriptionIds,
      endpoint,
      portalUrl: read.url("RPBOT_PORTAL_URL", ["https:"]) ?? defaultPortalUrl(mode, endpoint),
      simulatorFleetFile: read.text("RPBOT_SIM_FLEET"),
      nameIndexTtlMs: read.duration("RPBOT_NAME_INDEX_TTL") ?? 5 * 60_000,
      pollIntervalMs: read.duration("RPBOT_POLL_INTERVAL") ?? 2000,
      simulatorRestorePointDurationMs: read.duration("RPBOT_SIM_RESTORE_POINT_DURATION"),
      simulatorLatencyMs: read.duration("RPBOT_SIM_LATENCY"),
      requestTimeoutMs: read.duration("RPBOT_ARM_TIMEOUT_MS", 1, MAX_TIMER_MS) ?? 30_000,
      resourceGraph: read.oneOf("RPBOT_RESOURCE_GRAPH", ["on", "off"]) !== "off",
      ...readArmIdentity(read, problems, mode, endpoint),
    },
    jobs: {
      leaseMs: read.duration("RPBOT_JOB_LEASE", 1_000, MAX_TIMER_MS) ?? 60_000,
      followLimitMs: read.duration("RPBOT_JOB_FOLLOW_LIMIT", 1_000, MAX_TIMER_MS) ?? 2 * 60 * 60_000,
      deliveryGiveUpMs: read.duration("RPBOT_DELIVERY_GIVE_UP", 1_000) ?? 24 * 60 * 60_000,
    },
    confirmationTtlMs: read.duration("RPBOT_CONFIRMATION_TTL") ?? 10 * 60_000,
    limits: readLimits(read),
    slack: readSlack(read, problems),
    teams: {
      appId: read.text("MicrosoftAppId"),
      appPassword: read.text("MicrosoftAppPassword"),
      appType: read.oneOf("MicrosoftAppType", ["MultiTenant", "SingleTenant", "UserAssignedMSI"]),
      tenantId: read.text("MicrosoftAppTenantId"),
      dangerouslyAllowUnauthenticated: read.bool("TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED") ?? false,
      production: read.text("NODE_ENV") === "production",
      channelService: readChannelService(read, problems),
    },
    port: read.integer("PORT", 0, 65_535) ?? 3978,
    httpMaxConnections: read.integer("RPBOT_HTTP_MAX_CONNECTIONS", 1) ?? 1000,
    databaseUrl: read.url("DATABASE_URL", ["postgres:", "postgresql:"]),
    sqlitePath: read.text("RPBOT_DB") ?? "./data/rpbot.db",
    policyFile: read.text("RPBOT_POLICY"),
    logLevel: read.oneOf("RPBOT_LOG_LEVEL", LOG_LEVELS) ?? "info",
    metrics: readMetrics(read),
    sets: readSets(read),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

type ArmIdentity = Pick<ArmConfig, "audience" | "authorityHost" | "disableInstanceDiscovery">;

/**
 * Which cloud real Azure is: the ARM token audience and the Entra authority, from the variables or from the
 * endpoint's known cloud. An endpoint of no known cloud never borrows public Azure's authority: it must be set.
 */
function readArmIdentity(
  read: EnvReader,
  problems: string[],
  mode: ArmConfig["mode"],
  endpoint: string | undefined,
): ArmIdentity {
  // Kept as written: a trailing slash is part of an audience (Entra's scope for
  // https://management.core.windows.net/ is https://management.core.windows.net//.default).
  const audience = read.url("RPBOT_ARM_AUDIENCE", ["https:"]) && read.text("RPBOT_ARM_AUDIENCE");
  if (audience?.endsWith("/.default")) {
    problems.push("RPBOT_ARM_AUDIENCE is the audience itself, without /.default (the bot adds it)");
  }
  const authorityHost = read.url("AZURE_AUTHORITY_HOST", ["https:"]);
  if (authorityHost && new URL(authorityHost).pathname !== "/") {
    problems.push(
      "AZURE_AUTHORITY_HOST must be the authority's origin alone, such as https://login.microsoftonline.us (no tenant or path)",
    );
  }
  if (mode !== "azure") return {};
  const cloud = endpoint ? cloudOfArmEndpoint(endpoint) : AZURE_PUBLIC_CLOUD;
  if (!authorityHost && !cloud) {
    problems.push(
      "RPBOT_ARM_ENDPOINT is not Azure public, US Government or China: set AZURE_AUTHORITY_HOST to its Entra authority and RPBOT_ARM_AUDIENCE to its ARM audience",
    );
  }
  const host = authorityHost ?? cloud?.authorityHost;
  return {
    // What the Azure SDKs ask for without a cloud setting: `${endpoint origin}/.default`.
    audience: audience ?? cloud?.armAudience ?? (endpoint ? new URL(endpoint).origin : undefined),
    authorityHost: host,
    disableInstanceDiscovery: host ? !isKnownAuthority(host) : undefined,
  };
}

/** botbuilder refuses any other value at start, with no hint of the right one: say it here instead. */
function readChannelService(read: EnvReader, problems: string[]): string | undefined {
  const value = read.url("ChannelService", ["https:"]);
  if (value === undefined) return undefined;
  if (value.toLowerCase() === US_GOV_CHANNEL_SERVICE) return US_GOV_CHANNEL_SERVICE;
  problems.push(
    `ChannelService must be ${US_GOV_CHANNEL_SERVICE} (Azure Government: Teams GCC High and DoD) or unset (public cloud)`,
  );
  return undefined;
}

function readLimits(read: EnvReader): Limits {
  return {
    applicationConsistentIntervalMs:
      read.duration("RPBOT_MIN_INTERVAL_APP") ?? DEFAULT_LIMITS.applicationConsistentIntervalMs,
    crashConsistentIntervalMs:
      read.duration("RPBOT_MIN_INTERVAL_CRASH") ?? DEFAULT_LIMITS.crashConsistentIntervalMs,
    maxRestorePointsPerVm:
      read.integer("RPBOT_MAX_RESTORE_POINTS_PER_VM", 1) ?? DEFAULT_LIMITS.maxRestorePointsPerVm,
    maxCollectionsPerSubscriptionRegion:
      read.integer("RPBOT_MAX_COLLECTIONS_PER_REGION", 1) ??
      DEFAULT_LIMITS.maxCollectionsPerSubscriptionRegion,
    retentionWarningAt: read.integer("RPBOT_RETENTION_WARNING_AT", 1) ?? DEFAULT_LIMITS.retentionWarningAt,
    collectionWarningAt: read.integer("RPBOT_COLLECTION_WARNING_AT", 1) ?? DEFAULT_LIMITS.collectionWarningAt,
  };
}

function readSlack(read: EnvReader, problems: string[]): SlackConfig | undefined {
  const botToken = read.text("SLACK_BOT_TOKEN");
  const signingSecret = read.text("SLACK_SIGNING_SECRET");
  const appToken = read.text("SLACK_APP_TOKEN");
  const apiUrl = read.url("SLACK_API_URL", ["https:", "http:"]);
  if (!botToken) {
    if (signingSecret || appToken) problems.push("SLACK_BOT_TOKEN is required when Slack is configured");
    return undefined;
  }
  if (!signingSecret && !appToken) {
    problems.push(
      "Slack needs SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode) with SLACK_BOT_TOKEN",
    );
  }
  return { botToken, signingSecret, appToken, apiUrl };
}

// --- Metrics and telemetry (docs/configuration.md, Metrics) ---

export interface MetricsConfig {
  /** RPBOT_METRICS_TOKEN: GET /metrics then needs `Authorization: Bearer <token>`; unset, it is open. */
  token?: string;
  /** APPLICATIONINSIGHTS_CONNECTION_STRING: traces of `rpbot serve` go to Application Insights; unset, none. */
  appInsightsConnectionString?: string;
}

/** Secrets both: read, never echoed in a problem. */
function readMetrics(read: EnvReader): MetricsConfig {
  const token = read.text("RPBOT_METRICS_TOKEN");
  const appInsightsConnectionString = read.text("APPLICATIONINSIGHTS_CONNECTION_STRING");
  return {
    ...(token ? { token } : {}),
    ...(appInsightsConnectionString ? { appInsightsConnectionString } : {}),
  };
}

// --- Sets (docs/configuration.md, Sets) ---

export interface SetsConfig {
  /** The most VMs one set may hold (RPBOT_MAX_SET_SIZE); a larger set is refused with its count. */
  maxSize: number;
  /** How close together the members' newest restore points must be for the set to be protected (RPBOT_SET_WINDOW). */
  windowMs: number;
  /** Members being started at once (RPBOT_SET_CONCURRENCY); ARM's write budget paces them further. */
  concurrency: number;
}

const DEFAULT_MAX_SET_SIZE = 200;
const DEFAULT_SET_CONCURRENCY = 10;

function readSets(read: EnvReader): SetsConfig {
  return {
    maxSize: read.integer("RPBOT_MAX_SET_SIZE", 1) ?? DEFAULT_MAX_SET_SIZE,
    windowMs: read.duration("RPBOT_SET_WINDOW", 1_000) ?? DEFAULT_SET_WINDOW_MS,
    concurrency: read.integer("RPBOT_SET_CONCURRENCY", 1) ?? DEFAULT_SET_CONCURRENCY,
  };
}
