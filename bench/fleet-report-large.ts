/**
 * The fleet report of a large estate end to end: 50,000 VMs over 5 subscriptions, ARM 20 ms away, asked for
 * through Slack ("/restorepoint report all") of a real `rpbot serve`, then the memory that process keeps.
 * Each side runs in its own process, as in production: `rpbot sim`, `rpbot serve`, and this one playing Slack
 * (the client and the Web API). The time runs from the slash command until the fake Slack receives the
 * finished report (the chat.update of the "Looking into it…" placeholder), so it includes what a person waits
 * for: the ARM reads, the evaluation, and rendering the message.
 *
 * BENCH_SERVE_NODE_OPTIONS is passed to `rpbot serve` as NODE_OPTIONS to look inside it, e.g.
 * "--heapsnapshot-signal=SIGUSR2" or "--import ./hook.mjs" (Node 20 refuses --cpu-prof in NODE_OPTIONS, so a
 * CPU profile needs a hook that starts node:inspector's profiler). BENCH_LARGE_TIMEOUT_S bounds the wait for
 * the report (default 600).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type FakeSlack, type SlackCall, startFakeSlack } from "../test/support/fake-slack.js";
import { type ServeProcess, startServeProcess } from "../test/support/serve-process.js";
import { type SimProcess, startSimProcess } from "../test/support/sim-process.js";
import { shownText } from "../test/support/slack-blocks.js";
import { post, SIGNING_SECRET, slashCommand } from "../test/support/slack-requests.js";
import { startScriptNodeFlags } from "../test/support/start-script.js";
import type { BenchRow } from "./bench-row.js";

const VMS = 50_000;
const SUBSCRIPTIONS = 5;
const LATENCY_MS = 20;
const TARGET_SECONDS = 60;
const TARGET_RSS_MIB = 300;
const TIMEOUT_MS = Number(process.env.BENCH_LARGE_TIMEOUT_S ?? 600) * 1000;
/** "all" is the scope word for everything the bot can see (src/azure/fleet-scope.ts). */
const TEXT = "report all";
/** Longer than Resource Graph's 5 s quota window, during which a quota-paced build sends nothing. */
const QUIET_MS = 7_000;
const QUIET_MAX_MS = 60_000;
/** How many of the busiest routes the row names. */
const ROUTES_SHOWN = 5;

type Outcome = { ok: true; seconds: number; vms: number } | { ok: false; seconds: number; reason: string };

export async function benchFleetReportLarge(): Promise<BenchRow[]> {
  const sim = await startSimProcess([
    "--generate",
    String(VMS),
    "--subscriptions",
    String(SUBSCRIPTIONS),
    "--latency",
    String(LATENCY_MS),
    "--control-port",
    "0",
  ]);
  let slack: FakeSlack | undefined;
  let bot: ServeProcess | undefined;
  try {
    slack = await startFakeSlack();
    bot = await startServeProcess(serveEnv(sim, slack));
    // Only the report's requests count: the name index the bot builds at start-up (~60 Resource Graph queries
    // here, ~25 s paced by the graph's quota) is left to finish first, then the counts are reset.
    await quiet(sim);
    await fetch(new URL("/stats", sim.info.control), { method: "DELETE" });
    const before = memoryOf(bot.pid);
    const outcome = await askForReport(bot, slack);
    const { requests, byRoute } = await sim.control().stats();
    const memory = bot.ended() ? undefined : memoryOf(bot.pid);
    return [reportRow(outcome, requests, byRoute), memoryRow(memory, before)];
  } finally {
    await bot?.stop();
    sim.stop();
    await slack?.close();
  }
}

function serveEnv(sim: SimProcess, slack: FakeSlack): Record<string, string> {
  const profiling = process.env.BENCH_SERVE_NODE_OPTIONS;
  return {
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    ...sim.env,
    RPBOT_DB: join(mkdtempSync(join(tmpdir(), "rpbot-bench-")), "rpbot.db"),
    RPBOT_LOG_LEVEL: "warn",
    ...(profiling ? { NODE_OPTIONS: profiling } : {}),
  };
}

/** Until the simulator has had no request for QUIET_MS (at most QUIET_MAX_MS). */
async function quiet(sim: SimProcess): Promise<void> {
  const control = sim.control();
  const giveUpAt = Date.now() + QUIET_MAX_MS;
  let last = await control.stats();
  let quietSince = Date.now();
  while (Date.now() < giveUpAt && Date.now() - quietSince < QUIET_MS) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await control.stats();
    if (now.requests !== last.requests || now.inFlight > 0) quietSince = Date.now();
    last = now;
  }
}

/** The slash command, then the wait for the chat.update that replaces the placeholder with the answer. */
async function askForReport(bot: ServeProcess, slack: FakeSlack): Promise<Outcome> {
  const updatesBefore = slack.callsOf("chat.update").length;
  const started = Date.now();
  const ack = await post(
    `${bot.url}/slack/events`,
    slashCommand(TEXT, { responseUrl: slack.responseUrl("big") }),
  );
  const elapsed = () => (Date.now() - started) / 1000;
  if (ack.status !== 200)
    return { ok: false, seconds: elapsed(), reason: `slash command answered ${ack.status}` };
  for (;;) {
    const answer = slack.callsOf("chat.update")[updatesBefore];
    if (answer) return readAnswer(answer, (answer.at - started) / 1000);
    if (bot.ended())
      return { ok: false, seconds: elapsed(), reason: `rpbot serve ended: ${lastLine(bot.stderr())}` };
    if (Date.now() - started > TIMEOUT_MS) {
      return { ok: false, seconds: elapsed(), reason: `no answer after ${TIMEOUT_MS / 1000} s` };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A finished report says "Fleet report: …" and "N VMs checked."; anything else is the bot's refusal or error. */
function readAnswer(call: SlackCall, seconds: number): Outcome {
  const text = shownText(call);
  const checked = /([\d,]+) VMs? checked/.exec(text)?.[1];
  if (!text.includes("Fleet report") || checked === undefined) {
    return { ok: false, seconds, reason: `answered "${text.replace(/\s+/g, " ").slice(0, 160)}"` };
  }
  return { ok: true, seconds, vms: Number(checked.replace(/,/g, "")) };
}

function reportRow(outcome: Outcome, requests: number, byRoute: Record<string, number>): BenchRow {
  const routes = Object.entries(byRoute)
    .sort(([, a], [, b]) => b - a)
    .slice(0, ROUTES_SHOWN)
    .map(([route, count]) => `${route} ${count}`)
    .join(", ");
  const traffic = `${requests} requests to the simulator: ${routes || "none"}`;
  const measured = outcome.ok
    ? `${outcome.seconds.toFixed(1)} s, ${outcome.vms.toLocaleString("en-US")} VMs; ${traffic}`
    : `FAILED after ${outcome.seconds.toFixed(1)} s (${outcome.reason}); ${traffic}`;
  return {
    benchmark: `Slack "${TEXT}": ${VMS.toLocaleString("en-US")} VMs in ${SUBSCRIPTIONS} subscriptions (${LATENCY_MS} ms latency), request to finished report`,
    measured,
    target: `<= ${TARGET_SECONDS} s, all ${VMS.toLocaleString("en-US")}`,
    ok: outcome.ok && outcome.seconds <= TARGET_SECONDS && outcome.vms === VMS,
  };
}

interface Memory {
  rssMiB: number;
  peakMiB: number;
}

function memoryRow(memory: Memory | undefined, before: Memory): BenchRow {
  return {
    benchmark: `RSS of rpbot serve (started as npm start does: ${startScriptNodeFlags().join(" ") || "no flags"}) right after that report (VmRSS; VmHWM is the peak)`,
    measured: memory
      ? `${memory.rssMiB.toFixed(0)} MiB (peak ${memory.peakMiB.toFixed(0)} MiB; ${before.rssMiB.toFixed(0)} MiB before the report)`
      : "not measured: the process had ended",
    target: `<= ${TARGET_RSS_MIB} MiB`,
    ok: memory !== undefined && memory.rssMiB <= TARGET_RSS_MIB,
  };
}

/** VmRSS and VmHWM from /proc (Linux), in MiB. */
function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  return { rssMiB: kib("VmRSS") / 1024, peakMiB: kib("VmHWM") / 1024 };
}

function lastLine(text: string): string {
  return text.trim().split("\n").at(-1)?.slice(0, 200) ?? "";
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const row of await benchFleetReportLarge()) {
    console.log(`${row.ok ? "ok " : "NO "} ${row.benchmark}: ${row.measured} (target ${row.target})`);
  }
}
