/**
 * A store that stops answering does not hang GET /metrics: the served bot on PostgreSQL behind a TCP proxy
 * the test cuts (connections held silent, as in a network partition). The scrape answers within the read's
 * deadline with the outbox gauges unknown (NaN) and the rest as usual, and shows numbers again once the
 * database is back.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventually } from "../../support/eventually.js";
import { sampleValue, scrape } from "../../support/prometheus-text.js";
import { createProxiedDatabase, type ProxiedDatabase } from "../../support/proxied-database.js";
import { type ServedBotHarness, startServedBot } from "../../support/served-bot.js";
import type { TcpProxy } from "../../support/tcp-proxy.js";

let database: ProxiedDatabase;
let proxy: TcpProxy;
let served: ServedBotHarness;

beforeAll(async () => {
  database = await createProxiedDatabase("rpbot_metrics");
  proxy = database.proxy;
  served = await startServedBot({ env: { DATABASE_URL: database.proxiedUrl }, doors: () => [] });
});
afterAll(async () => {
  proxy?.restore();
  await served?.close();
  await database?.drop();
});

it("answers within the deadline while PostgreSQL is cut off, and shows the outbox again once it is back", async () => {
  expect(sampleValue(await scrape(served.url), "rpbot_outbox_depth")).toBe(0);
  proxy.cut();
  // Past the gauges' half-second reuse of the last reading, so the next scrape asks the store.
  await eventually(async () => {
    const started = performance.now();
    const seen = await scrape(served.url);
    // The read's 2 s deadline and room for a loaded machine, far below the 30 s a statement may take.
    expect(performance.now() - started).toBeLessThan(6000);
    expect(sampleValue(seen, "rpbot_outbox_depth")).toBeNaN();
    expect(sampleValue(seen, "rpbot_outbox_oldest_age_seconds")).toBeNaN();
    expect(sampleValue(seen, "rpbot_name_index_age_seconds")).toBeGreaterThanOrEqual(0);
  });
  proxy.restore();
  await eventually(async () => {
    const seen = await scrape(served.url);
    expect(sampleValue(seen, "rpbot_outbox_depth")).toBe(0);
    expect(sampleValue(seen, "rpbot_metrics_read_failures_total", { part: "store" })).toBeGreaterThan(0);
  });
});
