/**
 * Checks in a long-running `rpbot serve` while its name index comes to the end of its TTL and is refreshed in
 * the background. The target (200 checks over 12 minutes, 5-minute TTL, p99 <= 2 x p50) scaled down to
 * a TTL of 15 s and 200 checks over 36 s, so the index is refreshed a few times during the run, against a
 * 10,000-VM `rpbot sim` 20 ms away. This process plays Slack: it sends signed slash commands on a fixed schedule
 * (never waiting for the previous answer) and times each from its sending to the fake Web API receiving its
 * verdict (the chat.update of the placeholder), so a check that waits for a rebuild of the index shows in the
 * tail. The stall of a refresh does not scale down with time, so this is harsher than the shape.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type FakeSlack, type SlackCall, startFakeSlack } from "../test/support/fake-slack.js";
import { startServeProcess } from "../test/support/serve-process.js";
import { type SimProcess, startSimProcess } from "../test/support/sim-process.js";
import { shownText } from "../test/support/slack-blocks.js";
import { post, SIGNING_SECRET, slashCommand } from "../test/support/slack-requests.js";
import type { BenchRow } from "./bench-row.js";
import { percentile } from "./percentiles.js";

const VMS = 10_000;
const LATENCY_MS = 20;
const TTL = "15s";
const CHECKS = 200;
const SPREAD_MS = 36_000;
const INTERVAL_MS = SPREAD_MS / CHECKS;
const ANSWER_WITHIN_MS = 30_000;
const MAX_RATIO = 2;
/** What rebuilds the name index: Resource Graph queries, or the ARM listings when the graph is off. */
const REFRESH_ROUTES = ["resourceGraph.resources", "virtualMachines.list", "virtualMachines.listAll"];
/** Coarse on purpose: every sample costs the simulator a count of its restore points. */
const STATS_SAMPLE_MS = 250;
const WARM_UP_VMS = ["vm-gen-00001", "vm-gen-00003", "vm-gen-01001", "vm-gen-05001", "vm-gen-09001"];

interface Check {
  vm: string;
  sentAt: number;
  /** When the fake Web API received this check's answer; undefined while unanswered. */
  answeredAt?: number;
  verdict?: boolean;
}

/** When the simulator saw refresh requests arrive (sampled), to place the slow checks against them. */
interface RefreshSample {
  at: number;
  refreshRequests: number;
}

export async function benchServeChecks(): Promise<BenchRow[]> {
  const slack = await startFakeSlack();
  const sim = await startSimProcess([
    "--generate",
    String(VMS),
    "--latency",
    String(LATENCY_MS),
    "--control-port",
    "0",
  ]);
  const bot = await startServeProcess({
    ...sim.env,
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    RPBOT_DB: join(mkdtempSync(join(tmpdir(), "rpbot-bench-")), "rpbot.db"),
    RPBOT_NAME_INDEX_TTL: TTL,
    RPBOT_LOG_LEVEL: "warn",
  }).catch((error: unknown) => {
    sim.stop();
    void slack.close();
    throw error;
  });
  try {
    const url = `${bot.url}/slack/events`;
    // The first check may wait for the first build of the index, and the first few run cold: not measured.
    // Odd-numbered VMs, so that none of the measured ones (every 50th) is checked before.
    for (const [i, vm] of WARM_UP_VMS.entries()) {
      const warmUp: Check = { vm, sentAt: Date.now() };
      await send(url, slack, warmUp);
      await answered(slack, [warmUp], Date.now() + ANSWER_WITHIN_MS);
      if (warmUp.answeredAt === undefined)
        throw new Error(`the warm-up check of ${vm} was not answered:\n${bot.stderr()}`);
      if (i === 0) await settled(sim);
    }
    await fetch(new URL("/stats", sim.info.control ?? ""), { method: "DELETE" });
    const samples: RefreshSample[] = [];
    const sampling = sampleRefreshes(sim, samples);
    const started = Date.now();
    // 200 different VMs across the fleet (every 50th), so no answer comes from a cache of the previous one.
    const checks: Check[] = Array.from({ length: CHECKS }, (_, i) => ({
      vm: vmName(i * (VMS / CHECKS)),
      sentAt: 0,
    }));
    const sends: Promise<void>[] = [];
    const refusals: unknown[] = [];
    for (const [i, check] of checks.entries()) {
      await sleep(Math.max(0, started + i * INTERVAL_MS - Date.now()));
      check.sentAt = Date.now();
      // Caught at once: a refused ack must not be an unhandled rejection while later checks are still sent.
      sends.push(send(url, slack, check).catch((error: unknown) => void refusals.push(error)));
    }
    await Promise.all(sends);
    if (refusals.length > 0) throw refusals[0];
    await answered(slack, checks, Date.now() + ANSWER_WITHIN_MS);
    sampling.stop();
    await sampling.done;
    const stats = await sim.control().stats();

    const latencies = checks.flatMap((check) =>
      check.answeredAt === undefined ? [] : [check.answeredAt - check.sentAt],
    );
    const unanswered = checks.filter((check) => check.answeredAt === undefined).length;
    const notVerdicts = checks.filter((check) => check.answeredAt !== undefined && !check.verdict).length;
    const refreshRequests = refreshRequestsOf(stats.byRoute);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const max = Math.max(...latencies);
    const ratio = p99 / p50;
    const ok = unanswered === 0 && notVerdicts === 0 && refreshRequests > 0 && ratio <= MAX_RATIO;
    if (!ok || process.env.BENCH_VERBOSE) report(checks, samples, started, bot.stderr());
    return [
      {
        benchmark: `rpbot serve, ${CHECKS} checks of different VMs over ${SPREAD_MS / 1000} s, name index TTL ${TTL} (${VMS.toLocaleString("en-US")} VMs, ${LATENCY_MS} ms latency): p99 / p50`,
        measured: `p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${max.toFixed(0)} ms; ratio ${ratio.toFixed(2)}; ${unanswered} unanswered, ${notVerdicts} not verdicts; ${stats.requests} ARM requests, ${refreshRequests} refresh (${describeRoutes(stats.byRoute)})`,
        target: `<= ${MAX_RATIO}, every check answered within ${ANSWER_WITHIN_MS / 1000} s, >= 1 refresh`,
        ok,
      },
    ];
  } finally {
    await bot.stop();
    sim.stop();
    await slack.close();
  }
}

function vmName(index: number): string {
  return `vm-gen-${String(index).padStart(5, "0")}`;
}

/** A slash command for the check; its ack must be a 200 (the answer comes later, through the Web API). */
async function send(url: string, slack: FakeSlack, check: Check): Promise<void> {
  const ack = await post(
    url,
    slashCommand(`check ${check.vm}`, { responseUrl: slack.responseUrl(check.vm) }),
  );
  if (ack.status !== 200)
    throw new Error(`"check ${check.vm}" was acknowledged with ${ack.status}: ${ack.body}`);
}

/**
 * Waits until every check has its answer or the deadline passes. An answer is the chat.update that echoes the
 * check's command (every answer repeats what was asked); a verdict is titled "<vm>: ...".
 */
async function answered(slack: FakeSlack, checks: Check[], deadline: number): Promise<void> {
  const byCommand = new Map(checks.map((check) => [`check ${check.vm}\``, check]));
  let seen = 0;
  while (Date.now() < deadline) {
    const updates = slack.callsOf("chat.update");
    for (const update of updates.slice(seen)) match(update, byCommand);
    seen = updates.length;
    if (checks.every((check) => check.answeredAt !== undefined)) return;
    await sleep(5);
  }
}

function match(update: SlackCall, byCommand: Map<string, Check>): void {
  const text = shownText(update);
  for (const [command, check] of byCommand) {
    if (check.answeredAt !== undefined || !text.includes(command)) continue;
    check.answeredAt = update.at;
    check.verdict = text.includes(`${check.vm}: `);
    return;
  }
}

/**
 * Until the start-up build of the index (begun by `serve`, not waited for by the warm-up, which a targeted
 * look-up answers) has finished: nothing in flight at the simulator and no new refresh request for a while.
 */
async function settled(sim: SimProcess): Promise<void> {
  let previous = -1;
  for (;;) {
    const stats = await sim.control().stats();
    const refreshRequests = refreshRequestsOf(stats.byRoute);
    if (stats.inFlight === 0 && refreshRequests === previous) return;
    previous = refreshRequests;
    await sleep(250);
  }
}

/** Polls the simulator's counts, so that each refresh can be placed in time against the checks. */
function sampleRefreshes(sim: SimProcess, samples: RefreshSample[]): { stop(): void; done: Promise<void> } {
  let running = true;
  const done = (async () => {
    while (running) {
      const stats = await sim.control().stats();
      const refreshRequests = refreshRequestsOf(stats.byRoute);
      samples.push({ at: Date.now(), refreshRequests });
      await sleep(STATS_SAMPLE_MS);
    }
  })();
  return { stop: () => (running = false), done };
}

function refreshRequestsOf(byRoute: Record<string, number>): number {
  return REFRESH_ROUTES.reduce((sum, route) => sum + (byRoute[route] ?? 0), 0);
}

function describeRoutes(byRoute: Record<string, number>): string {
  return Object.entries(byRoute)
    .sort(([, a], [, b]) => b - a)
    .map(([route, count]) => `${route} ${count}`)
    .join(", ");
}

/** To stderr: when refresh requests arrived, the slowest checks against them, and the bot's warnings. */
function report(checks: Check[], samples: RefreshSample[], started: number, stderr: string): void {
  const bursts: string[] = [];
  for (const [i, sample] of samples.entries()) {
    const before = samples[i - 1]?.refreshRequests ?? 0;
    if (sample.refreshRequests > before)
      bursts.push(`+${((sample.at - started) / 1000).toFixed(1)} s: ${sample.refreshRequests - before}`);
  }
  const took = (check: Check) => (check.answeredAt ?? Number.POSITIVE_INFINITY) - check.sentAt;
  const slowest = [...checks]
    .sort((a, b) => took(b) - took(a))
    .slice(0, 10)
    .map(
      (check) => `${check.vm} sent +${((check.sentAt - started) / 1000).toFixed(2)} s took ${took(check)} ms`,
    );
  process.stderr.write(
    [
      `serve-checks: refresh requests seen at ${bursts.join("; ") || "none"}`,
      `serve-checks: slowest: ${slowest.join("; ")}`,
      `serve-checks: rpbot serve stderr:\n${stderr.trim()}`,
      "",
    ].join("\n"),
  );
}
