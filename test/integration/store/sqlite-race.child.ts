/**
 * One racer in the cross-process SQLite test (sqlite.test.ts): opens its own connection to the shared file,
 * prints "ready", waits for "go" on stdin (sent once every racer is ready, so they all start together),
 * then tries to win every confirmation, lock and notification in turn.
 * Prints {"decided":[...],"acquired":[...],"ended":[...]} on the line after "ready".
 * Usage: node --import tsx sqlite-race.child.ts <db path> <id prefix> <count> <worker>
 */

import { once } from "node:events";
import { createInterface } from "node:readline";
import { SqliteStore } from "../../../src/store/sqlite-store.js";

const [path = "", prefix = "", countText = "0", worker = ""] = process.argv.slice(2);
const count = Number(countText);
const store = SqliteStore.open(path);
const input = createInterface({ input: process.stdin });
process.stdout.write("ready\n");
const [line] = (await once(input, "line")) as [string];
input.close();
process.stdin.destroy();
if (line !== "go") throw new Error(`expected "go" on stdin, got ${JSON.stringify(line)}`);

const now = new Date("2030-01-01T10:00:01.000Z");
const decided: boolean[] = [];
const acquired: boolean[] = [];
const ended: boolean[] = [];
for (let i = 0; i < count; i += 1) {
  const decision = await store.confirmations.decide(`${prefix}-c-${i}`, {
    state: "confirmed",
    by: worker,
    at: now,
  });
  decided.push(decision.decided);
  acquired.push(await store.locks.acquire(`${prefix}-l-${i}`, worker, 60_000, now));
  ended.push(
    (await store.jobs.finish(`${prefix}-j-${i}`, { state: "succeeded" }, "outbox", now)) !== undefined,
  );
}
await store.close();
process.stdout.write(`${JSON.stringify({ decided, acquired, ended })}\n`);
