/**
 * The door's real JWT validation (botbuilder's, against a local OpenID metadata + JWKS server and tokens signed
 * with a local RSA key), and the unauthenticated local mode that only the loudly named switch allows.
 */
import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Activity as BotActivity } from "botbuilder";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  createTeamsAuthentication,
  TeamsAuthError,
  tokenRefusalOf,
} from "../../../src/adapters/teams/teams-auth.js";
import { BotError } from "../../../src/errors.js";
import { alice, messageActivity } from "../../support/teams-activities.js";
import { startTeamsBot, type TeamsBot } from "../../support/teams-bot.js";
import { type LocalTokenIssuer, startLocalTokenIssuer } from "../../support/teams-jwt.js";

const APP_ID = "3f1a2b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b";
const SECRET = "not-a-real-secret-9f8e7d";
const SINGLE_TENANT = {
  MicrosoftAppId: APP_ID,
  MicrosoftAppType: "SingleTenant",
  MicrosoftAppTenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
  MicrosoftAppPassword: SECRET,
};

let issuer: LocalTokenIssuer;
let teams: TeamsBot | undefined;
beforeAll(async () => {
  issuer = await startLocalTokenIssuer();
});
afterAll(() => issuer.close());
afterEach(async () => {
  vi.restoreAllMocks();
  await teams?.close();
  teams = undefined;
});

async function authenticatedBot(): Promise<TeamsBot> {
  teams = await startTeamsBot({
    env: SINGLE_TENANT,
    endpoints: {
      dangerouslyTrustOpenIdMetadataUrl: issuer.metadataUrl,
      dangerouslyFakeOutboundToken: "fake-outbound",
    },
  });
  return teams;
}

describe("with MicrosoftAppId: real JWT validation", () => {
  it("accepts a good channel token and replies with the outbound bearer", async () => {
    const bot = await authenticatedBot();
    const token = issuer.token({ audience: APP_ID, serviceUrl: bot.connector.url });
    const response = await bot.post(messageActivity(bot.where, alice, "help"), {
      authorization: `Bearer ${token}`,
    });
    expect(response.status).toBe(200);
    expect(bot.connector.posts()).toHaveLength(1);
    expect(bot.connector.posts()[0]?.authorization).toBe("Bearer fake-outbound");
  });

  const refusals: Array<[string, (bot: TeamsBot) => Record<string, string>, RegExp]> = [
    ["no token", () => ({}), /Request is not authorized/],
    [
      "a wrong audience",
      (bot) => bearer(issuer.token({ audience: "another-bot", serviceUrl: bot.connector.url })),
      /Invalid AppId/,
    ],
    [
      "an expired token",
      (bot) =>
        bearer(
          issuer.token({
            audience: APP_ID,
            serviceUrl: bot.connector.url,
            expiresAt: Math.floor(Date.now() / 1000) - 600,
          }),
        ),
      /expired/,
    ],
    [
      "a token for another service URL",
      () => bearer(issuer.token({ audience: APP_ID, serviceUrl: "https://smba.trafficmanager.net/emea/" })),
      /ServiceUrl/,
    ],
    [
      "a token signed with another key",
      (bot) =>
        bearer(
          issuer.token({
            audience: APP_ID,
            serviceUrl: bot.connector.url,
            signWith: generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey,
          }),
        ),
      /invalid signature/,
    ],
    ["a token that is not a JWT", () => bearer("not-a-jwt"), /No valid identity/],
  ];

  it.each(refusals)(
    "refuses %s with 401, sends nothing and logs why without secrets",
    async (_name, headers, why) => {
      const bot = await authenticatedBot();
      vi.spyOn(console, "error").mockImplementation(() => undefined); // botbuilder prints every refusal
      const sent = headers(bot);
      const response = await bot.post(messageActivity(bot.where, alice, "help"), sent);
      expect(response).toEqual({ status: 401, body: { error: "unauthorized" } });
      expect(bot.connector.calls).toHaveLength(0);
      expect(await bot.served.runtime.store.conversations.get("teams:a:personal-alice")).toBeUndefined();
      const refusal = bot.served.logs.find((record) => record.message === "Teams request not authenticated");
      expect(refusal?.fields.reason).toMatch(why);
      const logged = JSON.stringify(bot.served.logs);
      expect(logged).not.toContain(SECRET);
      const token = sent.authorization?.split(" ")[1];
      if (token) expect(logged).not.toContain(token);
    },
  );
});

describe("a refused token, by type", () => {
  const config = {
    appId: APP_ID,
    appType: "SingleTenant",
    tenantId: SINGLE_TENANT.MicrosoftAppTenantId,
    appPassword: SECRET,
    dangerouslyAllowUnauthenticated: false,
  };
  const activity = messageActivity(
    { scope: "personal", conversationId: "a:personal-alice", serviceUrl: "https://smba.example/" },
    alice,
    "help",
  ) as unknown as BotActivity;

  it("is a TeamsAuthError coded unauthenticated, where the check fails, and is reported per request", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined); // botbuilder prints every refusal
    const auth = createTeamsAuthentication(config, { dangerouslyTrustOpenIdMetadataUrl: issuer.metadataUrl });
    const expired = issuer.token({ audience: APP_ID, serviceUrl: "https://smba.example/", expiresAt: 1 });
    const thrown = await auth.authenticateRequest(activity, `Bearer ${expired}`).catch((error) => error);
    expect(thrown).toBeInstanceOf(TeamsAuthError);
    expect(thrown).toBeInstanceOf(BotError);
    expect(thrown).toMatchObject({
      code: "unauthenticated",
      status: 401,
      message: expect.stringMatching(/expired/),
    });
    // The refusal belongs to its own request: one that is in flight meanwhile does not see it.
    const refusing = tokenRefusalOf(async () => {
      await auth.authenticateRequest(activity, "Bearer not-a-jwt");
    });
    const accepted = await tokenRefusalOf(async () => {
      await refusing;
    });
    expect(await refusing).toMatchObject({ code: "unauthenticated", status: 401 });
    expect(accepted).toBeUndefined();
  });

  it("leaves every other failure alone", async () => {
    await expect(
      tokenRefusalOf(async () => {
        throw new Error("token rejected: a bug that only looks like a refusal");
      }),
    ).rejects.toThrow(/a bug/);
  });

  it("is not what a check that could not run is: signing keys that will not load answer 500", async () => {
    const broken = createServer((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    await new Promise<void>((resolve) => broken.listen(0, "127.0.0.1", resolve));
    try {
      const port = (broken.address() as AddressInfo).port;
      const bot = await startTeamsBot({
        env: SINGLE_TENANT,
        endpoints: {
          dangerouslyTrustOpenIdMetadataUrl: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
          dangerouslyFakeOutboundToken: "fake-outbound",
        },
      });
      teams = bot;
      vi.spyOn(console, "error").mockImplementation(() => undefined);
      const token = issuer.token({ audience: APP_ID, serviceUrl: bot.connector.url });
      const response = await bot.post(messageActivity(bot.where, alice, "help"), bearer(token));
      expect(response).toEqual({ status: 500, body: { error: "internal error" } });
      expect(bot.connector.calls).toHaveLength(0);
      const failure = bot.served.logs.find((record) => record.message === "Teams request failed");
      expect(failure?.fields.reason).toMatch(
        /Could not check the Teams token: Failed to load openID config: 503/,
      );
      expect(bot.served.logs.some((record) => record.message === "Teams request not authenticated")).toBe(
        false,
      );
    } finally {
      broken.closeAllConnections();
      await new Promise<void>((resolve) => broken.close(() => resolve()));
    }
  });
});

describe("without MicrosoftAppId", () => {
  it("accepts unauthenticated requests only with TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED, and warns", async () => {
    const bot = await startTeamsBot({ env: { TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: "true" } });
    teams = bot;
    const response = await bot.post(messageActivity(bot.where, alice, "help"));
    expect(response.status).toBe(200);
    expect(bot.connector.posts()[0]?.authorization).toBeUndefined();
    expect(bot.served.logs).toContainEqual(
      expect.objectContaining({ level: "warn", message: expect.stringMatching(/UNAUTHENTICATED/) }),
    );
  });

  it("does not start without it, and says why", async () => {
    await expect(startTeamsBot({ env: {} })).rejects.toThrow(/Teams is not configured: set MicrosoftAppId/);
  });
});

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
