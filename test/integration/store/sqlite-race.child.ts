/**
 * One racer in the cross-process SQLite test (sqlite.test.ts): opens its own connection to the shared file,
 * waits for the common start time, then tries to win every confirmation, lock and notification in turn.
 * Prints {"decided":[...],"acquired":[...],"notified":[...]}.
 * Usage: node --import tsx sqlite-race.child.ts <db path> <id prefix> <count> <worker> <start epoch ms>
 */

import { SqliteStore } from "../../../src/store/sqlite-store.js";

const [path = "", prefix = "", countText = "0", worker = "", startText = "0"] = process.argv.slice(2);
const count = Number(countText);
const store = SqliteStore.open(path);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startText) - Date.now())));

const now = new Date("2030-01-01T10:00:01.000Z");
const decided: boolean[] = [];
const acquired: boolean[] = [];
const notified: boolean[] = [];
for (let i = 0; i < count; i += 1) {
  const decision = await store.confirmations.decide(`${prefix}-c-${i}`, {
    state: "confirmed",
    by: worker,
    at: now,
  });
  decided.push(decision.decided);
  acquired.push(await store.locks.acquire(`${prefix}-l-${i}`, worker, 60_000, now));
  notified.push(await store.jobs.markNotified(`${prefix}-j-${i}`, now));
}
await store.close();
process.stdout.write(JSON.stringify({ decided, acquired, notified }));
