/**
 * The bot's metrics in memory: one registry per bot with the process's default metrics, the observers
 * moving their counters, the exposition format a scraper reads, and the scrape-time gauges' deadline.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createBotMetrics, JOB_DURATION_BUCKETS, outcomeOfStatus } from "../../../src/metrics/bot-metrics.js";
import type { OutboxBacklog } from "../../../src/store/store.port.js";
import { BOT_METRIC_TYPES, parseExposition, sampleValue } from "../../support/prometheus-text.js";

const read = async (metrics: ReturnType<typeof createBotMetrics>) =>
  parseExposition((await metrics.render()).text);

describe("the bot's metrics", () => {
  it("declare every bot metric with its type, beside the process's default metrics, in Prometheus text", async () => {
    const metrics = createBotMetrics();
    const { contentType } = await metrics.render();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const { types } = await read(metrics);
    for (const [name, type] of Object.entries(BOT_METRIC_TYPES)) expect(types.get(name), name).toBe(type);
    expect(types.get("process_cpu_user_seconds_total")).toBe("counter");
    expect(types.get("nodejs_eventloop_lag_seconds")).toBe("gauge");
  });

  it("are the metrics docs/configuration.md lists, with the same types", () => {
    const docs = readFileSync(new URL("../../../docs/configuration.md", import.meta.url), "utf8");
    const listed = [...docs.matchAll(/^\| (rpbot_\w+)\s*\| (\w+)\s*\|/gm)].map((m) => [m[1], m[2]]);
    expect(Object.fromEntries(listed)).toEqual(BOT_METRIC_TYPES);
  });

  it("count what the observers are told, each bot in its own registry", async () => {
    const one = createBotMetrics();
    const other = createBotMetrics();
    one.requestAnswered("teams", "ok");
    one.requestAnswered("teams", "ok");
    one.requestAnswered("slack", "rejected");
    one.checks.checkAnswered("partial");
    one.endings.jobEnded("succeeded", 42);
    one.endings.jobEnded("lost", 7300);
    one.arm.attempted({ method: "GET", status: 200 });
    one.arm.attempted({ method: "GET", status: 429 });
    one.arm.attempted({ method: "PUT", status: undefined });
    one.arm.retried("GET");

    const seen = await read(one);
    expect(sampleValue(seen, "rpbot_requests_total", { door: "teams", outcome: "ok" })).toBe(2);
    expect(sampleValue(seen, "rpbot_requests_total", { door: "slack", outcome: "rejected" })).toBe(1);
    expect(sampleValue(seen, "rpbot_checks_total", { result: "partial" })).toBe(1);
    expect(sampleValue(seen, "rpbot_creations_total", { result: "succeeded" })).toBe(1);
    expect(sampleValue(seen, "rpbot_creations_total", { result: "lost" })).toBe(1);
    expect(sampleValue(seen, "rpbot_job_duration_seconds_sum", { result: "succeeded" })).toBe(42);
    expect(sampleValue(seen, "rpbot_job_duration_seconds_bucket", { result: "succeeded", le: "60" })).toBe(1);
    expect(sampleValue(seen, "rpbot_job_duration_seconds_bucket", { result: "succeeded", le: "30" })).toBe(0);
    // Past the last bucket: only +Inf holds it.
    expect(sampleValue(seen, "rpbot_job_duration_seconds_bucket", { result: "lost", le: "7200" })).toBe(0);
    expect(sampleValue(seen, "rpbot_job_duration_seconds_bucket", { result: "lost", le: "+Inf" })).toBe(1);
    expect(sampleValue(seen, "rpbot_arm_requests_total", { method: "GET", status_class: "2xx" })).toBe(1);
    expect(sampleValue(seen, "rpbot_arm_requests_total", { method: "GET", status_class: "4xx" })).toBe(1);
    expect(sampleValue(seen, "rpbot_arm_requests_total", { method: "PUT", status_class: "none" })).toBe(1);
    expect(sampleValue(seen, "rpbot_arm_throttled_total")).toBe(1);
    expect(sampleValue(seen, "rpbot_arm_retries_total")).toBe(1);

    const untouched = await read(other);
    expect(untouched.samples.filter((s) => s.name === "rpbot_requests_total")).toEqual([]);
    expect(sampleValue(untouched, "rpbot_arm_throttled_total")).toBe(0);
  });

  it("buckets job durations for restore points of seconds to the two-hour follow limit", () => {
    expect(JOB_DURATION_BUCKETS[0]).toBe(1);
    expect(JOB_DURATION_BUCKETS.at(-1)).toBe(7200);
    expect([...JOB_DURATION_BUCKETS].sort((a, b) => a - b)).toEqual(JOB_DURATION_BUCKETS);
  });

  it("name an answer's outcome by its status class", () => {
    expect([200, 302, 400, 401, 413, 500, 503, "gone" as const].map(outcomeOfStatus)).toEqual([
      "ok",
      "ok",
      "rejected",
      "rejected",
      "rejected",
      "error",
      "error",
      "gone",
    ]);
  });
});

describe("the gauges read at scrape time", () => {
  const at = Date.UTC(2030, 0, 1, 12);

  it("show the outbox backlog and the name index's age, +Inf before the index is built", async () => {
    const metrics = createBotMetrics();
    let indexAge: number | undefined;
    metrics.watch({
      outboxBacklog: async () => ({ depth: 3, oldestCreatedAt: new Date(at - 90_000) }),
      nameIndexAgeMs: () => indexAge,
      now: () => at,
    });
    let seen = await read(metrics);
    expect(sampleValue(seen, "rpbot_outbox_depth")).toBe(3);
    expect(sampleValue(seen, "rpbot_outbox_oldest_age_seconds")).toBe(90);
    expect(sampleValue(seen, "rpbot_name_index_age_seconds")).toBe(Number.POSITIVE_INFINITY);
    indexAge = 12_500;
    seen = await read(metrics);
    expect(sampleValue(seen, "rpbot_name_index_age_seconds")).toBe(12.5);
  });

  it("show an empty outbox as 0 waiting, 0 seconds old", async () => {
    const metrics = createBotMetrics();
    metrics.watch({ outboxBacklog: async () => ({ depth: 0 }), nameIndexAgeMs: () => 0, now: () => at });
    const seen = await read(metrics);
    expect([
      sampleValue(seen, "rpbot_outbox_depth"),
      sampleValue(seen, "rpbot_outbox_oldest_age_seconds"),
    ]).toEqual([0, 0]);
  });

  it("answer within the deadline while the store hangs, as NaN, without asking it again meanwhile", async () => {
    const metrics = createBotMetrics();
    let asked = 0;
    let clock = at;
    metrics.watch({
      outboxBacklog: () => {
        asked++;
        return new Promise<OutboxBacklog>(() => undefined);
      },
      nameIndexAgeMs: () => 1000,
      now: () => clock,
      readTimeoutMs: 150,
    });
    const started = performance.now();
    const first = await read(metrics);
    clock += 10_000;
    const second = await read(metrics);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(sampleValue(first, "rpbot_outbox_depth")).toBeNaN();
    expect(sampleValue(second, "rpbot_outbox_oldest_age_seconds")).toBeNaN();
    // The other parts still answer.
    expect(sampleValue(second, "rpbot_name_index_age_seconds")).toBe(1);
    expect(sampleValue(second, "rpbot_metrics_read_failures_total", { part: "store" })).toBe(2);
    expect(asked).toBe(1);
  });

  it("show NaN while the store fails, and the numbers again once it answers", async () => {
    const metrics = createBotMetrics();
    let clock = at;
    let failing = true;
    metrics.watch({
      outboxBacklog: async () => {
        if (failing) throw new Error("SQLITE_BUSY: database is locked");
        return { depth: 1, oldestCreatedAt: new Date(clock - 5000) };
      },
      nameIndexAgeMs: () => 0,
      now: () => clock,
    });
    expect(sampleValue(await read(metrics), "rpbot_outbox_depth")).toBeNaN();
    failing = false;
    clock += 10_000;
    const seen = await read(metrics);
    expect(sampleValue(seen, "rpbot_outbox_depth")).toBe(1);
    expect(sampleValue(seen, "rpbot_outbox_oldest_age_seconds")).toBe(5);
    expect(sampleValue(seen, "rpbot_metrics_read_failures_total", { part: "store" })).toBe(1);
  });
});
