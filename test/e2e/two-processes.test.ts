/**
 * Two bot processes on one PostgreSQL database press Create for the same VM at the same moment: exactly one
 * restore point is created, and the other person is told why not.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createInterface, type Interface } from "node:readline";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../src/simulator/index.js";
import { collect, simClient } from "../support/sim-client.js";
import { PRODUCTION, startSampleSimulator } from "../support/sim-fixture.js";
import { testDatabaseUrl } from "../support/test-database.js";

const DATABASE_URL = testDatabaseUrl();
const CHILD = fileURLToPath(new URL("../support/bot-process.child.ts", import.meta.url));
const schema = `rpbot_two_${randomBytes(4).toString("hex")}`;
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSampleSimulator({ restorePointDurationMs: 300 });
});
afterAll(async () => {
  await sim.close();
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
});

interface BotProcess {
  child: ChildProcessWithoutNullStreams;
  next(): Promise<Record<string, unknown>>;
}

function startBot(userId: string): BotProcess {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, userId, schema], {
    env: {
      PATH: process.env.PATH ?? "",
      DATABASE_URL,
      RPBOT_ARM: "simulator",
      RPBOT_ARM_ENDPOINT: sim.endpoint,
      NODE_EXTRA_CA_CERTS: sim.caFile,
      RPBOT_POLL_INTERVAL: "20ms",
    },
  });
  const lines: Interface = createInterface({ input: child.stdout });
  const iterator = lines[Symbol.asyncIterator]();
  return {
    child,
    next: async () => {
      const { value, done } = await iterator.next();
      if (done) throw new Error("the bot process ended early");
      return JSON.parse(String(value)) as Record<string, unknown>;
    },
  };
}

describe("two bot processes, one PostgreSQL database", () => {
  it("creates exactly one restore point when both confirm at once", async () => {
    const bots = [startBot("console:alice"), startBot("console:bob")];
    const ready = await Promise.all(bots.map((bot) => bot.next()));
    expect(ready.map((line) => line.ready)).toEqual([true, true]);
    for (const bot of bots) bot.child.stdin.write("go\n");
    const pressed = await Promise.all(bots.map((bot) => bot.next()));
    const done = await Promise.all(bots.map((bot) => bot.next()));
    const titles = pressed.map((line) => String(line.pressed)).sort();
    expect(titles[0]).toMatch(/^Creating restore point/);
    expect(titles[1]).toBe("No restore point of vm-web-02 was created");
    expect(done.flatMap((line) => line.told as string[])).toEqual(["succeeded"]);

    const compute = simClient(sim, PRODUCTION);
    const collections = await collect(compute.restorePointCollections.list("rg-web"));
    const mine = collections.filter((collection) =>
      collection.source?.id?.toLowerCase().endsWith("/vm-web-02"),
    );
    expect(mine).toHaveLength(1);
    const expanded = await compute.restorePointCollections.get("rg-web", mine[0]?.name ?? "", {
      expand: "restorePoints",
    });
    expect(expanded.restorePoints).toHaveLength(1);
  }, 60_000);
});
