/**
 * Turn latency of the Teams door: 50 concurrent "help" messages POSTed to /api/messages of the served bot
 * (door, store, dialogs, card, reply through a local connector), side by side in the same run with a bare
 * botbuilder bot behind the same HTTP server and route that only replies "ok". "help" keeps ARM out of it,
 * so the ratio is what the door itself adds to botbuilder.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { CloudAdapter, type TurnContext } from "botbuilder";
import { startHttpServer } from "../src/adapters/http/http-server.js";
import { createTeamsDoor } from "../src/adapters/teams/index.js";
import { messagesRoute } from "../src/adapters/teams/messages.route.js";
import { createTeamsAuthentication } from "../src/adapters/teams/teams-auth.js";
import { loadConfig } from "../src/config.js";
import { silentLogger } from "../src/logger.js";
import { serveBot } from "../src/runtime/serve.js";
import { startFakeConnector } from "../test/support/fake-connector.js";
import { OPEN_POLICY } from "../test/support/served-bot.js";
import { alice, messageActivity } from "../test/support/teams-activities.js";
import type { BenchRow } from "./bench-row.js";
import { percentile } from "./percentiles.js";

const CONCURRENT = 50;
const ROUNDS = 10;
const TARGET_RATIO = 1.3;

export async function benchTeamsTurn(): Promise<BenchRow[]> {
  const connector = await startFakeConnector();
  const config = loadConfig({
    RPBOT_DB: join(mkdtempSync(join(tmpdir(), "rpbot-bench-teams-")), "rpbot.db"),
    TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: "true",
    PORT: "0",
  });
  const served = await serveBot(config, {
    log: silentLogger,
    policy: OPEN_POLICY,
    host: "127.0.0.1",
    doors: (runtime, log) => [
      createTeamsDoor({ config: config.teams, bot: runtime.bot, store: runtime.store, log }),
    ],
  });
  const bare = await startBareBot();
  try {
    const door: number[] = [];
    const baseline: number[] = [];
    const where = { serviceUrl: connector.url, conversationId: "a:bench" };
    await burst(served.url, where); // warm both: JIT, connections, SQLite pages
    await burst(bare.url, where);
    for (let round = 0; round < ROUNDS; round++) {
      // Interleaved rounds, so drift on the machine hits both sides alike.
      baseline.push(...(await burst(bare.url, where)));
      door.push(...(await burst(served.url, where)));
    }
    return [row("p50", door, baseline, 50), row("p99", door, baseline, 99)];
  } finally {
    await bare.close();
    await served.close();
    await connector.close();
  }
}

/** CloudAdapter in anonymous mode behind the same restify server and route as the door; it only replies. */
async function startBareBot() {
  const adapter = new CloudAdapter(createTeamsAuthentication({ dangerouslyAllowUnauthenticated: true }));
  const reply = async (context: TurnContext) => {
    if (context.activity.type === "message") await context.sendActivity("ok");
  };
  return startHttpServer({
    port: 0,
    host: "127.0.0.1",
    routes: [messagesRoute(adapter, reply, silentLogger)],
    log: silentLogger,
  });
}

async function burst(url: string, where: { serviceUrl: string; conversationId: string }): Promise<number[]> {
  return Promise.all(
    Array.from({ length: CONCURRENT }, async () => {
      const body = JSON.stringify(messageActivity(where, alice, "help"));
      const start = performance.now();
      const response = await fetch(`${url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`the bot answered ${response.status}`);
      return performance.now() - start;
    }),
  );
}

function row(name: string, door: number[], baseline: number[], p: number): BenchRow {
  const ours = percentile(door, p);
  const bare = percentile(baseline, p);
  const ratio = ours / bare;
  return {
    benchmark: `Teams turn ${name}, ${CONCURRENT} concurrent "help" (door / bare botbuilder bot, ${ROUNDS} rounds)`,
    measured: `${ours.toFixed(1)} ms / ${bare.toFixed(1)} ms = ${ratio.toFixed(2)}`,
    target: p === 99 ? `<= ${TARGET_RATIO}` : "(reported)",
    ok: p === 99 ? ratio <= TARGET_RATIO : true,
  };
}
