/**
 * RPBOT_METRICS_TOKEN on the served bot's real HTTP server: a scrape without the bearer token, or with
 * another, is refused with a Bearer challenge and counted as rejected; the bearer of it is answered; the
 * token appears in no log line and no answer.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { sampleValue, scrape } from "../../support/prometheus-text.js";
import { ANONYMOUS_ENV, startTeamsBot, type TeamsBot } from "../../support/teams-bot.js";

const TOKEN = "metrics-token-5f0c2a9e81d34b7c";

let teams: TeamsBot;
beforeAll(async () => {
  teams = await startTeamsBot({ env: { ...ANONYMOUS_ENV, RPBOT_METRICS_TOKEN: TOKEN } });
});
afterAll(() => teams.close());

const get = (headers: Record<string, string> = {}) => fetch(`${teams.served.url}/metrics`, { headers });

it("refuses a scrape without the token or with another, with a Bearer challenge", async () => {
  const refused: Record<string, string>[] = [
    {},
    { authorization: "Bearer not-the-token" },
    { authorization: `Basic ${TOKEN}` },
  ];
  for (const headers of refused) {
    const response = await get(headers);
    expect(response.status, JSON.stringify(headers)).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="rpbot metrics"');
    const body = await response.text();
    expect(body).not.toContain(TOKEN);
    expect(body).not.toMatch(/rpbot_requests_total/);
  }
});

it("answers the bearer of the token, and counts the refused scrapes as rejected", async () => {
  const seen = await scrape(teams.served.url, TOKEN);
  expect(seen.types.get("rpbot_requests_total")).toBe("counter");
  expect(sampleValue(seen, "rpbot_requests_total", { door: "metrics", outcome: "rejected" })).toBe(3);
});

it("leaves the doors and the health endpoints open as before", async () => {
  expect((await fetch(`${teams.served.url}/healthz`)).status).toBe(200);
  await teams.say("help");
});

it("never writes the token to the log", async () => {
  await get({ authorization: "Bearer wrong" });
  await scrape(teams.served.url, TOKEN);
  expect(teams.served.logs.length).toBeGreaterThan(0);
  expect(JSON.stringify(teams.served.logs)).not.toContain(TOKEN);
});
