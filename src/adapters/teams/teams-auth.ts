/**
 * The Bot Framework identity of the door: inbound JWT validation and outbound connector credentials, from
 * the Bot Framework variable names. Tests replace Microsoft's endpoints through programmatic options (never
 * environment variables), so no configuration mistake can turn them on in production.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import {
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  ConfigurationServiceClientCredentialFactory,
} from "botbuilder";
import { type TeamsConfig, US_GOV_CHANNEL_SERVICE } from "../../config.js";
import { BotError } from "../../errors.js";

/** Seams for Microsoft's endpoints. Anything that weakens a check is named dangerously…. */
export interface TeamsEndpoints {
  /** Validate inbound tokens against this OpenID metadata document (and the JWKS it names) instead of Bot Framework's. */
  dangerouslyTrustOpenIdMetadataUrl?: string;
  /** The issuer inbound tokens must carry with that metadata; default the configured cloud's Bot Framework issuer. */
  tokenIssuer?: string;
  /** Outbound connector calls carry this bearer instead of a token from Entra ID: no MSAL call at all. */
  dangerouslyFakeOutboundToken?: string;
}

/**
 * Bot Framework's values per cloud, as botbuilder picks them from ChannelService (botframework-connector
 * AuthenticationConstants, GovernmentConstants and CallerIdConstants). botbuilder takes all of them as soon as
 * one is overridden, so a test that swaps the inbound metadata keeps the rest as the configured cloud has them.
 */
export const BOT_FRAMEWORK_CLOUDS = {
  public: {
    ToChannelFromBotLoginUrl: "https://login.microsoftonline.com/botframework.com",
    ToChannelFromBotOAuthScope: "https://api.botframework.com",
    ToBotFromChannelTokenIssuer: "https://api.botframework.com",
    OAuthUrl: "https://api.botframework.com",
    ToBotFromEmulatorOpenIdMetadataUrl:
      "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
    CallerId: "urn:botframework:azure",
  },
  /** ChannelService https://botframework.azure.us: Azure Government, where Teams GCC High and DoD bots live. */
  usGovernment: {
    ToChannelFromBotLoginUrl: "https://login.microsoftonline.us/MicrosoftServices.onmicrosoft.us",
    ToChannelFromBotOAuthScope: "https://api.botframework.us",
    ToBotFromChannelTokenIssuer: "https://api.botframework.us",
    OAuthUrl: "https://api.botframework.azure.us",
    ToBotFromEmulatorOpenIdMetadataUrl:
      "https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0/.well-known/openid-configuration",
    CallerId: "urn:botframework:azureusgov",
  },
};

function botFrameworkCloud(channelService: string | undefined) {
  return channelService === US_GOV_CHANNEL_SERVICE
    ? BOT_FRAMEWORK_CLOUDS.usGovernment
    : BOT_FRAMEWORK_CLOUDS.public;
}

/** A Bot Connector call (reply, update, proactive message), retries and token included, gives up after this. */
export const CONNECTOR_CALL_TIMEOUT_MS = 15_000;

export function createTeamsAuthentication(
  config: TeamsConfig,
  endpoints: TeamsEndpoints = {},
  options: { connectorTimeoutMs?: number } = {},
): ConfigurationBotFrameworkAuthentication {
  // No app id = botbuilder's anonymous mode: no token checked, none sent (teamsDoorDecision allows it only
  // with TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED).
  const identity: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.tenantId,
  };
  const cloud = botFrameworkCloud(config.channelService);
  const settings: ConfigurationBotFrameworkAuthenticationOptions = endpoints.dangerouslyTrustOpenIdMetadataUrl
    ? {
        ...identity,
        ...cloud,
        ToBotFromChannelOpenIdMetadataUrl: endpoints.dangerouslyTrustOpenIdMetadataUrl,
        ToBotFromChannelTokenIssuer: endpoints.tokenIssuer ?? cloud.ToBotFromChannelTokenIssuer,
      }
    : // botbuilder's own name: it picks the cloud's login URL, scope, issuer and OpenID metadata from it.
      { ...identity, ChannelService: config.channelService };
  const credentials = endpoints.dangerouslyFakeOutboundToken
    ? new DangerouslyFakeOutboundCredentials(identity, endpoints.dangerouslyFakeOutboundToken)
    : undefined;
  const timeoutMs = options.connectorTimeoutMs ?? CONNECTOR_CALL_TIMEOUT_MS;
  return new TeamsAuthentication(timeoutMs, settings, credentials);
}

/** The caller's token was refused: the request is answered 401 (or 403) and goes no further. */
export class TeamsAuthError extends BotError {
  readonly code = "unauthenticated";

  /** `message` is botbuilder's or jsonwebtoken's reason (audience, issuer, expiry): it never holds the token. */
  constructor(
    message: string,
    readonly status: 401 | 403,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

interface TokenCheck {
  refusal?: TeamsAuthError;
}

const tokenChecks = new AsyncLocalStorage<TokenCheck>();

/**
 * Runs one request through botbuilder and returns the refusal of its token, if there was one. botbuilder
 * catches what authenticateRequest throws and passes on only the message, so the typed refusal is kept
 * here, per request, where the check failed.
 */
export async function tokenRefusalOf(run: () => Promise<void>): Promise<TeamsAuthError | undefined> {
  const check: TokenCheck = {};
  try {
    await tokenChecks.run(check, run);
  } catch (error) {
    // CloudAdapter.process answers a thrown refusal itself; a caller that lets it escape still gets it typed.
    if (!check.refusal) throw error;
  }
  return check.refusal;
}

/**
 * Every refused token becomes a TeamsAuthError. botbuilder's own refusals carry a status; a forged signature
 * or an expired token surfaces as a jsonwebtoken error instead, which botbuilder would answer with a 500. A
 * check that could not run (Microsoft's signing keys unavailable) is our failure, not the caller's: a 500.
 */
class TeamsAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    private readonly connectorTimeoutMs: number,
    ...args: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>
  ) {
    super(...args);
  }

  override async authenticateRequest(
    ...args: Parameters<ConfigurationBotFrameworkAuthentication["authenticateRequest"]>
  ): ReturnType<ConfigurationBotFrameworkAuthentication["authenticateRequest"]> {
    try {
      const result = await super.authenticateRequest(...args);
      // The replies of a turn go through this factory, not createConnectorFactory's.
      const { connectorFactory } = result;
      if (!connectorFactory) return result;
      return { ...result, connectorFactory: timedFactory(connectorFactory, this.connectorTimeoutMs) };
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw couldNotCheck(error);
      const check = tokenChecks.getStore();
      if (check) check.refusal = refusal;
      throw refusal;
    }
  }

  /** Proactive messages (job results) and continued conversations. */
  override createConnectorFactory(
    ...args: Parameters<ConfigurationBotFrameworkAuthentication["createConnectorFactory"]>
  ): ConnectorFactory {
    return timedFactory(super.createConnectorFactory(...args), this.connectorTimeoutMs);
  }
}

type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication["createConnectorFactory"]>;

function timedFactory(factory: ConnectorFactory, timeoutMs: number): ConnectorFactory {
  return {
    create: async (serviceUrl, audience) => {
      const client = await factory.create(serviceUrl, audience);
      boundCalls(client, timeoutMs);
      return client;
    },
  };
}

/** The pipeline of @azure/core-rest-pipeline, as much of it as this file uses (no Azure SDK import here). */
interface CallPipeline {
  addPolicy(policy: CallPolicy, options: { phase: "Serialize" }): void;
}
interface CallPolicy {
  name: string;
  sendRequest(request: CallRequest, next: (request: CallRequest) => Promise<unknown>): Promise<unknown>;
}
interface CallRequest {
  method: string;
  abortSignal?: AbortSignal;
}

/**
 * botbuilder passes no timeout to its connector calls and offers no hook for one: the ConnectorClient's
 * core-client pipeline (its private `client`) gets an outermost policy that aborts the call, retries and token
 * included, after `timeoutMs`. test/integration/http/outbound-timeouts.test.ts fails if botbuilder moves it.
 */
function boundCalls(connectorClient: object, timeoutMs: number): void {
  const pipeline = (Reflect.get(connectorClient, "client") as { pipeline?: CallPipeline } | undefined)
    ?.pipeline;
  if (typeof pipeline?.addPolicy !== "function") return;
  pipeline.addPolicy(
    {
      name: "rpbotConnectorTimeout",
      sendRequest: (request, next) => withCallDeadline(request, next, timeoutMs),
    },
    { phase: "Serialize" },
  );
}

async function withCallDeadline(
  request: CallRequest,
  next: (request: CallRequest) => Promise<unknown>,
  timeoutMs: number,
): Promise<unknown> {
  const callerSignal = request.abortSignal;
  const controller = new AbortController();
  const onCallerAbort = () => controller.abort();
  if (callerSignal?.aborted) controller.abort();
  callerSignal?.addEventListener("abort", onCallerAbort);
  request.abortSignal = controller.signal;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`The Bot Connector did not answer within ${timeoutMs / 1000} s (${request.method})`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([next(request), expired]);
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener("abort", onCallerAbort);
    request.abortSignal = callerSignal;
  }
}

function refusalOf(error: unknown): TeamsAuthError | undefined {
  if (!(error instanceof Error)) return undefined;
  const reason = error.message.split("\n")[0] ?? "";
  if (JWT_ERRORS.includes(error.name)) return new TeamsAuthError(reason, 401, { cause: error });
  const status = Reflect.get(error, "statusCode");
  // botframework-connector's AuthenticationError: 401, or 400 for a malformed header (botbuilder answers 401).
  if (typeof status === "number" && status >= 400 && status < 500) {
    return new TeamsAuthError(reason, status === 403 ? 403 : 401, { cause: error });
  }
  return undefined;
}

const JWT_ERRORS = ["JsonWebTokenError", "NotBeforeError", "TokenExpiredError"];

/** botbuilder answers any AuthenticationError with 401, even its "could not load the keys": not this one. */
function couldNotCheck(error: unknown): Error {
  const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
  return new Error(`Could not check the Teams token: ${reason}`, { cause: error });
}

type OutboundCredentials = Awaited<
  ReturnType<ConfigurationServiceClientCredentialFactory["createCredentials"]>
>;

/** Keeps the configured identity for inbound checks (app id, anonymous mode) but signs outbound calls itself. */
class DangerouslyFakeOutboundCredentials extends ConfigurationServiceClientCredentialFactory {
  constructor(
    identity: ConfigurationBotFrameworkAuthenticationOptions,
    private readonly token: string,
  ) {
    super(identity);
  }

  override async createCredentials(): Promise<OutboundCredentials> {
    const bearer = `Bearer ${this.token}`;
    return {
      signRequest: async (request) => {
        request.headers.set("authorization", bearer);
        return request;
      },
    };
  }
}
