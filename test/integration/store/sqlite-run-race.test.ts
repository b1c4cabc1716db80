/**
 * createForRun racing a cancel across processes on one SQLite file: four racers (sqlite-run-race.child.ts)
 * write member jobs while this process cancels the run from its own connection.
 */

import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteStore } from "../../../src/store/sqlite-store.js";
import { expectCancelCutTheInserts, type RunInsertOutcome } from "./race-assertions.js";
import { CREATED_BEFORE_CANCEL, runningRun } from "./run-race.js";

const directory = mkdtempSync(join(tmpdir(), "rpbot-run-race-"));
const path = join(directory, "rpbot.db");
const child = join(dirname(fileURLToPath(import.meta.url)), "sqlite-run-race.child.ts");
const WORKERS = 4;

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

interface Racer {
  process: ChildProcessWithoutNullStreams;
  ready: Promise<void>;
  /** Every outcome the racer printed, once it printed "done". */
  done: Promise<RunInsertOutcome[]>;
}

/** `onOutcome` sees each outcome as it is printed, so the cancel can follow the first ones. */
function startRacer(runId: string, worker: number, onOutcome: (outcome: RunInsertOutcome) => void): Racer {
  const racer = spawn(process.execPath, [
    "--import",
    "tsx",
    child,
    path,
    runId,
    String(worker),
    String(WORKERS),
  ]);
  let stderr = "";
  racer.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const outcomes: RunInsertOutcome[] = [];
  const lines = createInterface({ input: racer.stdout });
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const done = new Promise<RunInsertOutcome[]>((resolve, reject) => {
    lines.on("line", (line) => {
      if (line === "ready") markReady();
      else if (line === "done") resolve(outcomes);
      else {
        const outcome = JSON.parse(line) as RunInsertOutcome;
        outcomes.push(outcome);
        onOutcome(outcome);
      }
    });
    // "close" comes after the last line was read; by then a racer that printed "done" has resolved.
    racer.on("close", (code) => reject(new Error(`racer ${worker} ended (${code}) early: ${stderr}`)));
  });
  // A racer that dies before "ready" must fail the barrier, not hang it.
  return { process: racer, ready: Promise.race([ready, done.then(() => undefined)]), done };
}

describe("SQLite run race", () => {
  it("four processes: member jobs racing a cancel are all stopped once it returned, and none is lost", async () => {
    const store = SqliteStore.open(path);
    const run = await runningRun(store);
    let created = 0;
    let writtenAtCancel: Promise<string[]> | undefined;
    const racers: Racer[] = [];
    const cancel = async (): Promise<string[]> => {
      const { cancelled } = await store.runs.cancel(run.id, run.requestedBy, new Date());
      expect(cancelled).toBe(true);
      const written = (await store.jobs.listForRun(run.id)).map((job) => job.id);
      for (const racer of racers) racer.process.stdin.write("cancelled\n");
      return written;
    };
    const onOutcome = (outcome: RunInsertOutcome): void => {
      if (outcome.result !== "created" || ++created !== CREATED_BEFORE_CANCEL) return;
      writtenAtCancel = cancel();
      // Awaited once the racers are done; a failure there fails the test.
      writtenAtCancel.catch(() => undefined);
    };
    for (let worker = 0; worker < WORKERS; worker += 1) racers.push(startRacer(run.id, worker, onOutcome));
    try {
      // The barrier: nobody starts until every racer has opened its connection and said so.
      await Promise.all(racers.map((racer) => racer.ready));
      for (const racer of racers) racer.process.stdin.write("go\n");
      const outcomes = (await Promise.all(racers.map((racer) => racer.done))).flat();
      const atCancel = await (writtenAtCancel ?? Promise.reject(new Error("the run was never cancelled")));
      const atEnd = (await store.jobs.listForRun(run.id)).map((job) => job.id);
      expectCancelCutTheInserts({ outcomes, writtenAtCancel: atCancel, writtenAtEnd: atEnd }, run.id);
    } finally {
      for (const racer of racers) racer.process.kill();
      await store.close();
    }
  });
});
