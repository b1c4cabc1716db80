/**
 * A prune of 400 restore points of one VM (the sample fleet's vm-full-01 holds 500: "prune vm-full-01 keep 100"),
 * from the press to the summary, through the whole bot against the built-in simulator with ARM's real delete
 * bucket (200, refilled at 10 a second) and 20 ms of latency. The floor no client can beat without 429s is the
 * deletes beyond the bucket over the refill rate. Targets: every point deleted, zero 429s, one summary.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config.js";
import { silentLogger } from "../src/logger.js";
import { startBotRuntime } from "../src/runtime/bot-runtime.js";
import type { BenchRow } from "./bench-row.js";
import { recordRuns } from "./run-recorder.js";

const VM = "vm-full-01";
const KEEP = 100;
const LATENCY_MS = 20;
const DELETE_BUCKET = { capacity: 200, refillPerSecond: 10 };
const TIMEOUT_MS = 120_000;

export async function benchPrune(): Promise<BenchRow[]> {
  const config = loadConfig({
    RPBOT_DB: join(mkdtempSync(join(tmpdir(), "rpbot-bench-prune-")), "rpbot.db"),
    RPBOT_POLL_INTERVAL: "100ms",
  });
  const runtime = await startBotRuntime(config, {
    log: silentLogger,
    simulator: { latencyMs: LATENCY_MS, deleteBudget: DELETE_BUCKET, deleteDurationMs: 200 },
  });
  const { summaries, summarised } = recordRuns(runtime);
  const sim = runtime.arm.simulator;
  if (!sim) throw new Error("the benchmark needs the built-in simulator");
  try {
    const ctx = { platform: "console" as const, userId: "console:bench", conversationKey: "console:bench" };
    const plan = await runtime.bot.handleMessage(ctx, `prune ${VM} keep ${KEEP}`);
    const confirm = plan.buttons?.find((button) => button.action === "run");
    if (!confirm) throw new Error(`no plan to confirm: ${plan.title}: ${plan.text ?? ""}`);
    const subscription = sim.subscriptions[0] ?? "";
    const budget = runtime.arm.gateway.clients.deleteBudget(subscription);
    const throttledBefore = budget.counters.throttled;
    const pressedAt = performance.now();
    await runtime.bot.handleAction(ctx, { action: confirm.action, value: confirm.value });
    const timeout = new Promise<"timeout">((resolve) =>
      setTimeout(() => resolve("timeout"), TIMEOUT_MS).unref(),
    );
    const waited = await Promise.race([summarised, timeout]);
    const seconds = (performance.now() - pressedAt) / 1000;
    // Anything told twice would arrive right after the first: the coordinator is idle once it has posted.
    await runtime.runs.idle();
    const [summary] = summaries;
    const items = summary?.items ?? [];
    const deleted = items.filter((item) => item.state === "deleted").length;
    const floor = Math.max(0, items.length - DELETE_BUCKET.capacity) / DELETE_BUCKET.refillPerSecond;
    const throttled = budget.counters.throttled - throttledBefore;
    return [
      {
        benchmark: `prune ${items.length} restore points of one VM, ${LATENCY_MS} ms ARM, ARM's delete bucket`,
        measured:
          waited === "timeout"
            ? `no summary within ${TIMEOUT_MS / 1000} s`
            : `${deleted}/${items.length} deleted in ${seconds.toFixed(1)} s (floor ${floor.toFixed(1)} s); ${throttled} 429s; told ${summaries.length}x`,
        target: "all deleted, 0 429s, told once",
        ok:
          waited !== "timeout" &&
          items.length >= 400 &&
          deleted === items.length &&
          throttled === 0 &&
          summaries.length === 1,
      },
    ];
  } finally {
    await runtime.close();
  }
}
