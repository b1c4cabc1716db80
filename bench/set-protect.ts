/**
 * Protecting a set of 100 VMs in one subscription, ARM 50 ms away, from the press to the last restore point
 * started, through the whole bot (the dialogs, the run coordinator, one job per member, the real SDK against the
 * built-in simulator). The subscription's write bucket is mostly spent (20 left, refilled at 20 a second), so
 * the set's 200 writes (a collection and a restore point per VM) cannot all go at once: the floor no client can
 * beat without 429s is the writes beyond the bucket over the refill rate. Reads get a bucket large enough not to
 * be the limit (the concurrent-checks bench measures read pacing). Targets: every creation started, zero 429s,
 * the time within 20% of the floor, and the progress card updated at most once per 2 s.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config.js";
import { silentLogger } from "../src/logger.js";
import { startBotRuntime } from "../src/runtime/bot-runtime.js";
import { generateFleet } from "../src/simulator/generate-fleet.js";
import type { Fleet } from "../src/simulator/index.js";
import type { JsonObject } from "../src/simulator/json.js";
import type { BenchRow } from "./bench-row.js";
import { recordRuns } from "./run-recorder.js";

const VMS = 100;
const LATENCY_MS = 50;
const WRITE_BUCKET = { capacity: 20, refillPerSecond: 20 };
const READ_BUCKET = { capacity: 100_000, refillPerSecond: 100_000 };
const TOLERANCE = 1.2;
const PROGRESS_INTERVAL_MS = 2_000;
const TAG = { key: "bench", value: "set" };

export async function benchSetProtect(): Promise<BenchRow[]> {
  const config = loadConfig({
    RPBOT_DB: join(mkdtempSync(join(tmpdir(), "rpbot-bench-set-")), "rpbot.db"),
    RPBOT_POLL_INTERVAL: "200ms",
    RPBOT_MAX_SET_SIZE: String(VMS),
  });
  const runtime = await startBotRuntime(config, {
    log: silentLogger,
    progressIntervalMs: PROGRESS_INTERVAL_MS,
    simulator: {
      fleet: taggedFleet(),
      latencyMs: LATENCY_MS,
      writeBudget: WRITE_BUCKET,
      readBudget: READ_BUCKET,
      restorePointDurationMs: 500,
    },
  });
  const sim = runtime.arm.simulator;
  if (!sim) throw new Error("the benchmark needs the built-in simulator");
  const { cards, summarised } = recordRuns(runtime);
  try {
    const ctx = { platform: "console" as const, userId: "console:bench", conversationKey: "console:bench" };
    const plan = await runtime.bot.handleMessage(ctx, `protect tag ${TAG.key}=${TAG.value} crash`);
    const create = plan.buttons?.find((button) => button.action === "run");
    if (!create) throw new Error(`no plan to confirm: ${plan.title}: ${plan.text ?? ""}`);
    const starts: number[] = [];
    const stop = sim.onRequest((route) => {
      if (route === "restorePoints.create") starts.push(performance.now());
    });
    const subscription = sim.subscriptions[0] ?? "";
    const clients = runtime.arm.gateway.clients;
    const throttledBefore = throttled(clients, subscription);
    const writesBefore = sim.stats().byRoute;
    const pressedAt = performance.now();
    await runtime.bot.handleAction(ctx, { action: create.action, value: create.value });
    const summary = await summarised;
    stop();
    const writes = countWrites(sim.stats().byRoute, writesBefore);
    const seconds = ((starts.at(-1) ?? pressedAt) - pressedAt) / 1000;
    const floor = Math.max(0, writes - WRITE_BUCKET.capacity) / WRITE_BUCKET.refillPerSecond;
    const fourTwentyNines = throttled(clients, subscription) - throttledBefore;
    const started = summary.jobs.filter((job) => job.restorePointId || job.state === "succeeded").length;
    const gaps = cards.slice(1).map((at, index) => at - (cards[index] ?? at));
    const minGap = gaps.length > 0 ? Math.min(...gaps) : Number.POSITIVE_INFINITY;
    return [
      {
        benchmark: `protect a set of ${VMS} VMs, ${LATENCY_MS} ms ARM, write bucket ${WRITE_BUCKET.capacity} + ${WRITE_BUCKET.refillPerSecond}/s`,
        measured: `${started}/${VMS} started in ${seconds.toFixed(2)} s; floor ${floor.toFixed(2)} s (${writes} writes); ratio ${(seconds / floor).toFixed(2)}; ${fourTwentyNines} 429s`,
        target: `all started, 0 429s, ratio <= ${TOLERANCE}`,
        ok: started === VMS && fourTwentyNines === 0 && seconds <= floor * TOLERANCE,
      },
      {
        benchmark: "protect a set: progress card updates",
        measured: `${cards.length} updates, closest ${Number.isFinite(minGap) ? (minGap / 1000).toFixed(3) : "-"} s apart`,
        target: `at most one per ${PROGRESS_INTERVAL_MS / 1000} s`,
        // Node rounds timer delays to whole milliseconds: 2 ms of rounding is not a second update.
        ok: minGap >= PROGRESS_INTERVAL_MS - 2,
      },
    ];
  } finally {
    await runtime.close();
  }
}

/** 100 generated VMs (two resource groups, one subscription), every one tagged as the set. */
function taggedFleet(): Fleet {
  const fleet = generateFleet({ count: VMS, now: new Date(), subscriptions: 1 });
  const resources = (fleet.resources as JsonObject[]).map((resource) =>
    resource.type === "Microsoft.Compute/virtualMachines"
      ? { ...resource, tags: { ...(resource.tags as JsonObject | undefined), [TAG.key]: TAG.value } }
      : resource,
  );
  return { ...fleet, resources };
}

function countWrites(after: Record<string, number>, before: Record<string, number>): number {
  const routes = ["restorePointCollections.createOrUpdate", "restorePoints.create"];
  return routes.reduce((sum, route) => sum + (after[route] ?? 0) - (before[route] ?? 0), 0);
}

type Clients = Awaited<ReturnType<typeof startBotRuntime>>["arm"]["gateway"]["clients"];

/** Every 429 the bot got from the subscription: reads, writes and deletes. */
function throttled(clients: Clients, subscriptionId: string): number {
  return (
    clients.readBudget(subscriptionId).counters.throttled +
    clients.writeBudget(subscriptionId).counters.throttled +
    clients.deleteBudget(subscriptionId).counters.throttled
  );
}
