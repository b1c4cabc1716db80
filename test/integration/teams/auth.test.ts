/**
 * The door's real JWT validation (botbuilder's, against a local OpenID metadata + JWKS server and tokens signed
 * with a local RSA key), and the unauthenticated local mode that only the loudly named switch allows.
 */
import { generateKeyPairSync } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
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
