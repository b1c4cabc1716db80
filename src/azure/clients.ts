/**
 * Builds the ARM clients: one ComputeManagementClient per subscription (the SDK binds a client to one), and
 * a plain pipeline for the subscription reads (subscription-reads.ts), which @azure/arm-compute does not cover.
 */
import { ComputeManagementClient } from "@azure/arm-compute";
import { ResourceGraphClient } from "@azure/arm-resourcegraph";
import type { TokenCredential } from "@azure/core-auth";
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createPipelineFromOptions,
  createPipelineRequest,
  type HttpClient,
  type Pipeline,
  type PipelinePolicy,
} from "@azure/core-rest-pipeline";
import { AZURE_PUBLIC_CLOUD } from "../clouds.js";
import { type ArmBudget, type ArmBudgetSettings, armBudgetsOf } from "./arm-budget.js";
import { toArmError } from "./arm-error.js";
import { type ArmRequestObserver, armObserverPolicies } from "./arm-metrics-policy.js";
import {
  capRetryAfterPolicy,
  keepArmMessagePolicy,
  MAX_RETRY_AFTER_MS,
  trustPolicy,
} from "./arm-policies.js";
import { armTimeoutPolicy, DEFAULT_ARM_TIMEOUT_MS } from "./arm-timeout.js";
import type { GraphQuota } from "./graph-quota.js";
import { type ReadBudget, type ReadBudgetSettings, readBudgetPolicyFor } from "./read-budget.js";
import {
  getSubscription,
  listSubscriptions,
  SUBSCRIPTIONS_API_VERSION,
  type SubscriptionSummary,
} from "./subscription-reads.js";

export type { SubscriptionSummary } from "./subscription-reads.js";

export const PUBLIC_ARM_ENDPOINT = AZURE_PUBLIC_CLOUD.armEndpoint;

export interface ArmConnection {
  endpoint: string;
  credential: TokenCredential;
  /** The audience of ARM tokens: every client asks for `<audience>/.default` (armScopeFor). */
  audience?: string;
  /** A PEM certificate to trust in-process (the built-in simulator's); otherwise the system's trust store. */
  caPem?: string;
  maxRetries?: number;
  /** How long one request attempt may take before it fails as ArmError "timeout" (default 30 s). */
  timeoutMs?: number;
  /**
   * Pacing of each subscription's reads, shared by everything the bot reads through these clients (checks,
   * plans, jobs, reports); default: ARM's documented bucket (arm-budget.ts).
   */
  readBudget?: ReadBudgetSettings;
  /** The same for writes (PUT, PATCH, POST) and for deletes; default: ARM's documented buckets (arm-budget.ts). */
  writeBudget?: ArmBudgetSettings;
  deleteBudget?: ArmBudgetSettings;
  /** Told of every request attempt and retry (the bot's metrics); nothing is observed without it. */
  observer?: ArmRequestObserver;
}

export interface ArmClients {
  readonly endpoint: string;
  compute(subscriptionId: string): ComputeManagementClient;
  /** The read budget of the subscription's client: what its reads have cost and waited so far. */
  readBudget(subscriptionId: string): ReadBudget;
  /** The same for the subscription's writes (PUT, PATCH, POST) and deletes. */
  writeBudget(subscriptionId: string): ArmBudget;
  deleteBudget(subscriptionId: string): ArmBudget;
  /** Every enabled subscription the identity can list, with its display name. */
  listSubscriptions(): Promise<SubscriptionSummary[]>;
  /** One subscription by id, with its display name. */
  getSubscription(subscriptionId: string): Promise<SubscriptionSummary | undefined>;
  /** One GET of the subscription list, not retried: throws an ArmError unless ARM answers 200. */
  ping(abortSignal?: AbortSignal): Promise<void>;
}

/** Which cloud real Azure is (from ArmConfig): its ARM endpoint, ARM's token audience, its authority. */
export interface AzureCloudSettings {
  /** Default: public Azure's. */
  endpoint?: string;
  /** Default: the endpoint's origin, as the Azure SDKs do. */
  audience?: string;
  authorityHost?: string;
  /** For an authority MSAL does not know: no instance discovery call to public Azure's login host. */
  disableInstanceDiscovery?: boolean;
}

/** Real Azure: DefaultAzureCredential (environment, workload identity, managed identity, az login, ...). */
export function azureConnection(settings: AzureCloudSettings = {}): ArmConnection {
  const { authorityHost, disableInstanceDiscovery } = settings;
  return {
    endpoint: settings.endpoint ?? PUBLIC_ARM_ENDPOINT,
    audience: settings.audience,
    credential: lazyDefaultCredential({ authorityHost, disableInstanceDiscovery }),
  };
}

/**
 * @azure/identity (and MSAL) is loaded on the first token asked for, not by every command that might. The
 * authority is passed explicitly: not every credential of the chain reads AZURE_AUTHORITY_HOST by itself.
 */
function lazyDefaultCredential(options: {
  authorityHost?: string;
  disableInstanceDiscovery?: boolean;
}): TokenCredential {
  let credential: Promise<TokenCredential> | undefined;
  return {
    getToken: async (scopes, getTokenOptions) => {
      credential ??= import("@azure/identity").then(
        ({ DefaultAzureCredential }) => new DefaultAzureCredential(options),
      );
      return (await credential).getToken(scopes, getTokenOptions);
    },
  };
}

/** The simulator accepts any bearer token; no secret is involved. */
export function simulatorConnection(endpoint: string, caPem?: string): ArmConnection {
  const credential: TokenCredential = {
    getToken: async () => ({ token: "simulator", expiresOnTimestamp: Date.now() + 3_600_000 }),
  };
  return { endpoint, credential, caPem };
}

type PlacedPolicy = { policy: PipelinePolicy; position: "perCall" | "perRetry" };

/** What every client of the connection carries: the Retry-After cap, the attempt timeout, the trusted CA. */
function connectionPolicies(connection: ArmConnection): PlacedPolicy[] {
  const policies: PlacedPolicy[] = [
    { policy: capRetryAfterPolicy(MAX_RETRY_AFTER_MS), position: "perRetry" },
    { policy: keepArmMessagePolicy(), position: "perCall" },
    { policy: armTimeoutPolicy(connection.timeoutMs ?? DEFAULT_ARM_TIMEOUT_MS), position: "perRetry" },
  ];
  if (connection.caPem) policies.push({ policy: trustPolicy(connection.caPem), position: "perCall" });
  if (connection.observer) {
    // First of the per-retry policies: it sees each attempt's end, a timeout included.
    const { perCall, perRetry } = armObserverPolicies(connection.observer);
    policies.unshift({ policy: perRetry, position: "perRetry" });
    policies.push({ policy: perCall, position: "perCall" });
  }
  return policies;
}

/** GA, and the first version that answers in objectArray rows by default. */
export const RESOURCE_GRAPH_API_VERSION = "2022-10-01";

/**
 * Resource Graph on the same endpoint and identity. One retry only: a query throttled past it falls back to
 * ARM listings rather than waiting (resource-graph.ts). The quota's policy reads every answer's headers.
 */
export function createGraphClient(connection: ArmConnection, quota: GraphQuota): ResourceGraphClient {
  return new ResourceGraphClient(connection.credential, {
    endpoint: connection.endpoint,
    $host: connection.endpoint,
    credentialScopes: [armScopeFor(connection.endpoint, connection.audience)],
    apiVersion: RESOURCE_GRAPH_API_VERSION,
    additionalPolicies: [...connectionPolicies(connection), { policy: quota.policy(), position: "perRetry" }],
    retryOptions: {
      maxRetries: Math.min(1, connection.maxRetries ?? 1),
      retryDelayInMs: 250,
      maxRetryDelayInMs: 4000,
    },
    userAgentOptions: { userAgentPrefix: "restore-point-bot" },
  });
}

export function createArmClients(connection: ArmConnection): ArmClients {
  const scopes = [armScopeFor(connection.endpoint, connection.audience)];
  const policies = connectionPolicies(connection);
  const retryOptions = {
    maxRetries: connection.maxRetries ?? 3,
    retryDelayInMs: 250,
    maxRetryDelayInMs: 4000,
  };
  const computeClients = new Map<string, ComputeManagementClient>();
  // One subscription's GET spends that subscription's reads, as ARM counts them; the tenant-wide list does not.
  const pacedSubscriptionReads = readBudgetPolicyFor((url) => {
    const subscriptionId = ONE_SUBSCRIPTION.exec(new URL(url).pathname)?.[1];
    return subscriptionId ? clients.readBudget(subscriptionId) : undefined;
  });
  const pipeline = subscriptionPipeline(
    connection.credential,
    scopes,
    [...policies, { policy: pacedSubscriptionReads, position: "perRetry" }],
    retryOptions,
  );
  const pingPipeline = subscriptionPipeline(connection.credential, scopes, policies, {
    ...retryOptions,
    maxRetries: 0,
  });
  const httpClient = createDefaultHttpClient();
  const subscriptions = { endpoint: connection.endpoint, pipeline, httpClient };
  const clients: ArmClients = {
    endpoint: connection.endpoint,
    compute(subscriptionId) {
      const key = subscriptionId.toLowerCase();
      let client = computeClients.get(key);
      if (!client) {
        client = new ComputeManagementClient(connection.credential, subscriptionId, {
          endpoint: connection.endpoint,
          credentials: { scopes },
          additionalPolicies: policies,
          retryOptions,
          userAgentOptions: { userAgentPrefix: "restore-point-bot" },
        });
        armBudgetsOf(client, {
          reads: connection.readBudget,
          writes: connection.writeBudget,
          deletes: connection.deleteBudget,
        });
        computeClients.set(key, client);
      }
      return client;
    },
    readBudget(subscriptionId) {
      return armBudgetsOf(this.compute(subscriptionId)).reads;
    },
    writeBudget(subscriptionId) {
      return armBudgetsOf(this.compute(subscriptionId)).writes;
    },
    deleteBudget(subscriptionId) {
      return armBudgetsOf(this.compute(subscriptionId)).deletes;
    },
    listSubscriptions: () => listSubscriptions(subscriptions),
    getSubscription: (subscriptionId) => getSubscription(subscriptions, subscriptionId),
    ping: (abortSignal) => ping(connection.endpoint, pingPipeline, httpClient, abortSignal),
  };
  return clients;
}

/** The path of one subscription's own resource: /subscriptions/{id}. */
const ONE_SUBSCRIPTION = /^\/subscriptions\/([^/]+)\/?$/i;

/**
 * The token scope of an ARM endpoint: `<audience>/.default`, the audience as written (a trailing slash is
 * part of it); without one, the endpoint's origin, as the Azure SDKs ask. Never public Azure's for another.
 */
export function armScopeFor(endpoint: string, audience?: string): string {
  return `${audience ?? new URL(endpoint).origin}/.default`;
}

function subscriptionPipeline(
  credential: TokenCredential,
  scopes: string[],
  policies: PlacedPolicy[],
  retryOptions: { maxRetries: number; retryDelayInMs: number; maxRetryDelayInMs: number },
): Pipeline {
  const pipeline = createPipelineFromOptions({
    retryOptions,
    userAgentOptions: { userAgentPrefix: "restore-point-bot" },
  });
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential, scopes }));
  for (const { policy, position } of policies) {
    pipeline.addPolicy(policy, position === "perRetry" ? { afterPhase: "Retry" } : { phase: "Serialize" });
  }
  return pipeline;
}

async function ping(
  endpoint: string,
  pipeline: Pipeline,
  httpClient: HttpClient,
  abortSignal?: AbortSignal,
): Promise<void> {
  const url = `${endpoint}/subscriptions?api-version=${SUBSCRIPTIONS_API_VERSION}`;
  try {
    const request = createPipelineRequest({ url, method: "GET", abortSignal });
    const response = await pipeline.sendRequest(httpClient, request);
    if (response.status !== 200) {
      throw Object.assign(new Error(`listing subscriptions answered ${response.status}`), {
        statusCode: response.status,
      });
    }
  } catch (error) {
    throw toArmError(error, "checking that Azure Resource Manager answers");
  }
}
