/**
 * Slack acknowledgement latency: bursts of 50 signed slash commands at once into `rpbot serve` (restify, our
 * signature check, Bolt, then the real work against an ARM simulator), side by side with a bare Bolt app on its
 * own HTTPReceiver that only acknowledges. Each server runs in its own process, as in production; this process
 * plays Slack (the client and the Web API) and ARM is `rpbot sim` 50 ms away. Rounds alternate, and each
 * waits until the bot has finished the previous round's work, so neither side pays for the other.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { type FakeSlack, startFakeSlack } from "../test/support/fake-slack.js";
import { startServeProcess } from "../test/support/serve-process.js";
import { startSimProcess } from "../test/support/sim-process.js";
import { post, SIGNING_SECRET, slashCommand } from "../test/support/slack-requests.js";
import type { BenchRow } from "./bench-row.js";
import { median, percentile } from "./percentiles.js";

const CONCURRENT = 50;
/** ARM is never 0 ms away: the simulator answers after this, as in the check latency benchmark. */
const ARM_LATENCY_MS = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const TEXT = process.env.BENCH_SLACK_TEXT ?? "check vm-web-01";

interface Burst {
  p50: number;
  p99: number;
}

export async function benchSlackAck(): Promise<BenchRow[]> {
  const slack = await startFakeSlack();
  const sim = await startSimProcess(["--latency", String(ARM_LATENCY_MS)]);
  const env = {
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
  };
  const bot = await startServeProcess({
    ...env,
    ...sim.env,
    RPBOT_DB: join(mkdtempSync(join(tmpdir(), "rpbot-bench-")), "rpbot.db"),
    RPBOT_LOG_LEVEL: "warn",
  });
  const bare = await startBareBolt(env);
  try {
    const botUrl = `${bot.url}/slack/events`;
    const bareUrl = `${bare.url}/slack/events`;
    await burst(bareUrl, slack); // warm both: auth.test, the name index, connections
    await botBurst(botUrl, slack);
    const bareBursts: Burst[] = [];
    const botBursts: Burst[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bareBursts.push(summarise(await burst(bareUrl, slack)));
      botBursts.push(summarise(await botBurst(botUrl, slack)));
    }
    const ratio = median(botBursts.map((b) => b.p99)) / median(bareBursts.map((b) => b.p99));
    return [
      {
        benchmark: `Slack ack, ${CONCURRENT} concurrent "/restorepoint ${TEXT}", median of ${ROUNDS} bursts: bot / bare Bolt at p99`,
        measured: `bot ${describe(botBursts)}; bare ${describe(bareBursts)}; p99 ratio ${ratio.toFixed(2)}`,
        target: "<= 1.3",
        ok: ratio <= 1.3,
      },
    ];
  } finally {
    bare.child.kill();
    await bot.stop();
    sim.stop();
    await slack.close();
  }
}

let triggers = 0;

async function burst(url: string, slack: FakeSlack): Promise<number[]> {
  const responseUrl = slack.responseUrl("bench");
  // Each its own trigger id, as Slack sends them: identical signed commands would be one command replayed.
  const requests = Array.from({ length: CONCURRENT }, () =>
    slashCommand(TEXT, { responseUrl, triggerId: `${Date.now()}.${++triggers}` }),
  );
  const results = await Promise.all(requests.map((request) => post(url, request)));
  if (results.some((result) => result.status !== 200))
    throw new Error(`a slash command was not acknowledged at ${url}`);
  return results.map((result) => result.ms);
}

/** A burst into the bot, returning once the bot has answered all of it (its work follows the acks). */
async function botBurst(url: string, slack: FakeSlack): Promise<number[]> {
  const answered = slack.callsOf("chat.update").length + CONCURRENT;
  const times = await burst(url, slack);
  while (slack.callsOf("chat.update").length < answered)
    await new Promise((resolve) => setTimeout(resolve, 5));
  return times;
}

function summarise(times: number[]): Burst {
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

function describe(bursts: Burst[]): string {
  const p50 = median(bursts.map((b) => b.p50));
  const p99 = median(bursts.map((b) => b.p99));
  return `p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`;
}

/** bench/bare-bolt.child.ts in its own process, as the bot is; resolves once it says its port. */
function startBareBolt(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/bare-bolt.child.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stderr }).on("line", (line) => {
      const port = /serving on port (\d+)/.exec(line)?.[1];
      if (port) resolve({ child, url: `http://127.0.0.1:${port}` });
    });
    child.on("exit", (code) => reject(new Error(`the bare Bolt app exited with ${code}`)));
  });
}
