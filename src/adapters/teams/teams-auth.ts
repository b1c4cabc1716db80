/**
 * The Bot Framework identity of the door: inbound JWT validation and outbound connector credentials, from
 * the Bot Framework variable names. Tests replace Microsoft's endpoints through programmatic options (never
 * environment variables), so no configuration mistake can turn them on in production.
 */
import {
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  ConfigurationServiceClientCredentialFactory,
} from "botbuilder";
import type { TeamsConfig } from "../../config.js";

/** Seams for Microsoft's endpoints. Anything that weakens a check is named dangerously…. */
export interface TeamsEndpoints {
  /** Validate inbound tokens against this OpenID metadata document (and the JWKS it names) instead of Bot Framework's. */
  dangerouslyTrustOpenIdMetadataUrl?: string;
  /** The issuer inbound tokens must carry with that metadata; default Bot Framework's. */
  tokenIssuer?: string;
  /** Outbound connector calls carry this bearer instead of a token from Entra ID: no MSAL call at all. */
  dangerouslyFakeOutboundToken?: string;
}

/**
 * Bot Framework's public-cloud values (botframework-connector AuthenticationConstants). botbuilder takes all of
 * them as soon as one is overridden, so a test that swaps the inbound metadata keeps the rest as in production.
 */
const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: "https://login.microsoftonline.com/botframework.com",
  ToChannelFromBotOAuthScope: "https://api.botframework.com",
  ToBotFromChannelTokenIssuer: "https://api.botframework.com",
  OAuthUrl: "https://api.botframework.com",
  ToBotFromEmulatorOpenIdMetadataUrl:
    "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
  CallerId: "urn:botframework:azure",
};

export function createTeamsAuthentication(
  config: TeamsConfig,
  endpoints: TeamsEndpoints = {},
): ConfigurationBotFrameworkAuthentication {
  // No app id = botbuilder's anonymous mode: no token checked, none sent (teamsDoorDecision allows it only
  // with TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED).
  const identity: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.tenantId,
  };
  const settings: ConfigurationBotFrameworkAuthenticationOptions = endpoints.dangerouslyTrustOpenIdMetadataUrl
    ? {
        ...identity,
        ...PUBLIC_CLOUD,
        ToBotFromChannelOpenIdMetadataUrl: endpoints.dangerouslyTrustOpenIdMetadataUrl,
        ToBotFromChannelTokenIssuer: endpoints.tokenIssuer ?? PUBLIC_CLOUD.ToBotFromChannelTokenIssuer,
      }
    : identity;
  const credentials = endpoints.dangerouslyFakeOutboundToken
    ? new DangerouslyFakeOutboundCredentials(identity, endpoints.dangerouslyFakeOutboundToken)
    : undefined;
  return new TeamsAuthentication(settings, credentials);
}

/** The prefix of the error message the route turns into 401 (botbuilder would answer 500). */
export const TOKEN_REJECTED = "token rejected";

/**
 * botbuilder answers 401 only for its own AuthenticationError; a forged signature surfaces as a jsonwebtoken
 * error and would become a 500. That is the caller's fault, not ours.
 */
class TeamsAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(
    ...args: Parameters<ConfigurationBotFrameworkAuthentication["authenticateRequest"]>
  ): ReturnType<ConfigurationBotFrameworkAuthentication["authenticateRequest"]> {
    try {
      return await super.authenticateRequest(...args);
    } catch (error) {
      if (!isBadToken(error)) throw error;
      throw new Error(`${TOKEN_REJECTED}: ${error.message.split("\n")[0]}`);
    }
  }
}

function isBadToken(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  return ["JsonWebTokenError", "NotBeforeError", "TokenExpiredError"].includes(error.name);
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
