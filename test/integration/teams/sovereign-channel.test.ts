/**
 * Teams in GCC High and DoD: with ChannelService=https://botframework.azure.us the door checks tokens against
 * Azure Government's Bot Framework (its issuer and OpenID metadata) and asks Azure Government's Entra for
 * outbound tokens, for its Bot Framework scope. Without test seams no request may leave this machine: each
 * one is recorded where it starts and stopped there, so what the door would ask of Microsoft is seen without
 * asking it.
 */

import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";
import { type Activity as BotActivity, CloudAdapter, type ConversationReference } from "botbuilder";
import { AuthenticationConstants, GovernmentConstants } from "botframework-connector";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { BOT_FRAMEWORK_CLOUDS, createTeamsAuthentication } from "../../../src/adapters/teams/teams-auth.js";
import { type TeamsConfig, US_GOV_CHANNEL_SERVICE } from "../../../src/config.js";
import { alice, messageActivity } from "../../support/teams-activities.js";
import { startTeamsBot, type TeamsBot } from "../../support/teams-bot.js";
import { type LocalTokenIssuer, startLocalTokenIssuer } from "../../support/teams-jwt.js";

const APP_ID = "3f1a2b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b";
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const SECRET = "not-a-real-secret-gov-1a2b";
const SERVICE_URL = "https://smba.infra.gov.teams.microsoft.us/amer/";
const GOV_ISSUER = "https://api.botframework.us";
const PUBLIC_ISSUER = "https://api.botframework.com";

const config = (channelService?: string): TeamsConfig => ({
  appId: APP_ID,
  appType: "SingleTenant",
  tenantId: TENANT,
  appPassword: SECRET,
  dangerouslyAllowUnauthenticated: false,
  channelService,
});

/** Every HTTP(S) request this process starts to anything but loopback: recorded, then destroyed at once. */
function stopExternalRequests() {
  const seen: string[] = [];
  const onStart = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    const host = String(request.getHeader("host") ?? request.host);
    if (host.startsWith("127.0.0.1")) return;
    seen.push(`${request.protocol}//${host}${request.path.split("?")[0]}`);
    request.destroy(new Error("stopped by the test: nothing leaves this machine"));
  };
  subscribe("http.client.request.start", onStart);
  return { seen, stop: () => unsubscribe("http.client.request.start", onStart) };
}

let govIssuer: LocalTokenIssuer;
let external: ReturnType<typeof stopExternalRequests>;
beforeAll(async () => {
  govIssuer = await startLocalTokenIssuer(GOV_ISSUER);
});
afterAll(() => govIssuer.close());
beforeEach(() => {
  external = stopExternalRequests();
  vi.spyOn(console, "error").mockImplementation(() => undefined); // botbuilder prints every refusal
});
afterEach(() => {
  external.stop();
  vi.restoreAllMocks();
});

const activity = messageActivity(
  { conversationId: "a:personal-alice", serviceUrl: SERVICE_URL },
  alice,
  "help",
) as unknown as BotActivity;

describe("botbuilder's settings per cloud", () => {
  it("are what the bot copies when a test swaps the inbound metadata", () => {
    expect(BOT_FRAMEWORK_CLOUDS.usGovernment).toEqual({
      ToChannelFromBotLoginUrl: GovernmentConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: GovernmentConstants.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: GovernmentConstants.ToBotFromChannelTokenIssuer,
      OAuthUrl: GovernmentConstants.OAuthUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: GovernmentConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      CallerId: "urn:botframework:azureusgov",
    });
    expect(BOT_FRAMEWORK_CLOUDS.public).toMatchObject({
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    });
    expect(US_GOV_CHANNEL_SERVICE).toBe(GovernmentConstants.ChannelService);
  });
});

const CLOUDS = [
  {
    cloud: "US Government (ChannelService set)",
    channelService: US_GOV_CHANNEL_SERVICE,
    issuer: GOV_ISSUER,
    otherIssuer: PUBLIC_ISSUER,
    metadata: "https://login.botframework.azure.us/v1/.well-known/openidconfiguration",
    login: `https://login.microsoftonline.us/${TENANT}`,
    scope: "https://api.botframework.us",
  },
  {
    cloud: "public (ChannelService unset)",
    channelService: undefined,
    issuer: PUBLIC_ISSUER,
    otherIssuer: GOV_ISSUER,
    metadata: "https://login.botframework.com/v1/.well-known/openidconfiguration",
    login: `https://login.microsoftonline.com/${TENANT}`,
    scope: "https://api.botframework.com",
  },
];

describe.each(CLOUDS)("in production settings, $cloud", (cloud) => {
  it("checks an inbound token against that cloud's OpenID metadata", async () => {
    const auth = createTeamsAuthentication(config(cloud.channelService));
    const token = govIssuer.token({ audience: APP_ID, serviceUrl: SERVICE_URL, issuer: cloud.issuer });
    await expect(auth.authenticateRequest(activity, `Bearer ${token}`)).rejects.toThrow(/Could not check/);
    expect(external.seen).toEqual([cloud.metadata]);
  });

  it("refuses a token of the other cloud's issuer before fetching anything", async () => {
    const auth = createTeamsAuthentication(config(cloud.channelService));
    const token = govIssuer.token({ audience: APP_ID, serviceUrl: SERVICE_URL, issuer: cloud.otherIssuer });
    await expect(auth.authenticateRequest(activity, `Bearer ${token}`)).rejects.toMatchObject({
      code: "unauthenticated",
      status: 401,
    });
    expect(external.seen).toEqual([]);
  });

  it("asks that cloud's Entra for an outbound token, for its Bot Framework scope", async () => {
    const adapter = new CloudAdapter(createTeamsAuthentication(config(cloud.channelService)));
    const reference = {
      serviceUrl: SERVICE_URL,
      conversation: { id: "a:personal-alice" },
      channelId: "msteams",
    };
    let credentials: { oAuthEndpoint?: string; oAuthScope?: string } | undefined;
    const sent = adapter.continueConversationAsync(
      APP_ID,
      reference as unknown as Partial<ConversationReference>,
      async (context) => {
        const client = context.turnState.get(adapter.ConnectorClientKey) as {
          credentials: typeof credentials;
        };
        credentials = client.credentials;
        await context.sendActivity("hello");
      },
    );
    await expect(sent).rejects.toThrow();
    expect(credentials).toMatchObject({ oAuthEndpoint: cloud.login, oAuthScope: cloud.scope });
    // The token request went to that authority (and was stopped there); the connector was never called.
    expect(new Set(external.seen)).toEqual(new Set([`${cloud.login}/oauth2/v2.0/token`]));
  });
});

describe("through the Teams door, with ChannelService set", () => {
  let bot: TeamsBot | undefined;
  afterEach(async () => {
    await bot?.close();
    bot = undefined;
  });

  async function govBot(): Promise<TeamsBot> {
    bot = await startTeamsBot({
      env: {
        MicrosoftAppId: APP_ID,
        MicrosoftAppType: "SingleTenant",
        MicrosoftAppTenantId: TENANT,
        MicrosoftAppPassword: SECRET,
        ChannelService: US_GOV_CHANNEL_SERVICE,
      },
      // Only the metadata document is swapped: the issuer expected is still the configured cloud's.
      endpoints: {
        dangerouslyTrustOpenIdMetadataUrl: govIssuer.metadataUrl,
        dangerouslyFakeOutboundToken: "fake",
      },
    });
    return bot;
  }

  it("answers a message whose token Azure Government's Bot Framework issued", async () => {
    const teams = await govBot();
    const token = govIssuer.token({ audience: APP_ID, serviceUrl: teams.connector.url, issuer: GOV_ISSUER });
    const response = await teams.post(messageActivity(teams.where, alice, "help"), {
      authorization: `Bearer ${token}`,
    });
    expect(response.status).toBe(200);
    expect(teams.connector.posts()).toHaveLength(1);
  });

  it("refuses a token the public cloud's Bot Framework issued, signed with the same key", async () => {
    const teams = await govBot();
    const token = govIssuer.token({
      audience: APP_ID,
      serviceUrl: teams.connector.url,
      issuer: PUBLIC_ISSUER,
    });
    const response = await teams.post(messageActivity(teams.where, alice, "help"), {
      authorization: `Bearer ${token}`,
    });
    expect(response.status).toBe(401);
    expect(teams.connector.calls).toHaveLength(0);
  });
});
