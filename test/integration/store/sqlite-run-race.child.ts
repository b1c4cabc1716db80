/**
 * One racer in the cross-process createForRun-vs-cancel test (sqlite-run-race.test.ts): opens its own
 * connection to the shared file, prints "ready", waits for "go", then writes member jobs of the run one after
 * another (indexes worker, worker + workers, ...), printing {"index","result","afterCancel"} for each. The
 * parent cancels the run from its own connection and then sends "cancelled"; every insert begun after that
 * line arrived is marked afterCancel. Five of those later, the racer prints "done" and exits.
 * Usage: node --import tsx sqlite-run-race.child.ts <db path> <run id> <worker> <workers>
 */

import { once } from "node:events";
import { createInterface } from "node:readline";
import { setImmediate as nextTurn } from "node:timers/promises";
import { SqliteStore } from "../../../src/store/sqlite-store.js";
import type { RunInsertOutcome } from "./race-assertions.js";
import { buildMemberJob } from "./run-builders.js";
import { INSERTS_AFTER_CANCEL } from "./run-race.js";

const [path = "", runId = "", workerText = "0", workersText = "1"] = process.argv.slice(2);
const worker = Number(workerText);
const workers = Number(workersText);
const MAX_INSERTS = 2_000;

const store = SqliteStore.open(path);
const input = createInterface({ input: process.stdin });
process.stdout.write("ready\n");
const [line] = (await once(input, "line")) as [string];
if (line !== "go") throw new Error(`expected "go" on stdin, got ${JSON.stringify(line)}`);
let cancelReturned = false;
input.on("line", (next) => {
  if (next === "cancelled") cancelReturned = true;
});

let late = 0;
for (let k = 0; late < INSERTS_AFTER_CANCEL && k < MAX_INSERTS; k += 1) {
  // better-sqlite3 answers synchronously: give the parent's "cancelled" line its turn between inserts.
  await nextTurn();
  const index = worker + k * workers;
  const afterCancel = cancelReturned;
  const result = await store.jobs.createForRun(buildMemberJob({ id: runId }, index));
  const outcome: RunInsertOutcome = { index, result, afterCancel };
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
  if (afterCancel) late += 1;
}
await store.close();
input.close();
process.stdin.destroy();
process.stdout.write("done\n");
