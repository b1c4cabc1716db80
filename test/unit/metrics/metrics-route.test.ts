/** GET /metrics in memory: open without a token; with one, only a scrape bearing it gets the numbers. */
import { describe, expect, it } from "vitest";
import type { HttpRequest } from "../../../src/adapters/http/http-route.js";
import { createBotMetrics } from "../../../src/metrics/bot-metrics.js";
import { METRICS_PATH, metricsRoute } from "../../../src/metrics/metrics-route.js";

const TOKEN = "s3cret-metrics-token-0123456789";

const get = (headers: Record<string, string> = {}): HttpRequest => ({
  method: "GET",
  path: METRICS_PATH,
  headers,
  rawBody: Buffer.alloc(0),
});

describe("GET /metrics", () => {
  it("answers the exposition text to anyone when no token is configured", async () => {
    const route = metricsRoute(createBotMetrics(), undefined);
    const response = await route.handle(get());
    expect(response.status).toBe(200);
    expect(response.headers?.["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(String(response.body)).toMatch(/^# TYPE rpbot_requests_total counter$/m);
  });

  it("with a token: 401 and a Bearer challenge without it, with another or with another scheme", async () => {
    const route = metricsRoute(createBotMetrics(), TOKEN);
    const refused: Record<string, string>[] = [
      {},
      { authorization: "Bearer wrong-token" },
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: `Basic ${TOKEN}` },
      { authorization: TOKEN },
      { authorization: "Bearer " },
    ];
    for (const headers of refused) {
      const response = await route.handle(get(headers));
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.headers?.["www-authenticate"]).toBe('Bearer realm="rpbot metrics"');
      expect(JSON.stringify(response)).not.toContain(TOKEN);
      expect(String(response.body)).not.toMatch(/rpbot_requests_total/);
    }
  });

  it("with a token: 200 for the bearer of it, whatever the case of the scheme", async () => {
    const route = metricsRoute(createBotMetrics(), TOKEN);
    for (const authorization of [`Bearer ${TOKEN}`, `bearer ${TOKEN}`]) {
      const response = await route.handle(get({ authorization }));
      expect(response.status).toBe(200);
      expect(String(response.body)).toMatch(/^# TYPE rpbot_checks_total counter$/m);
    }
  });
});
