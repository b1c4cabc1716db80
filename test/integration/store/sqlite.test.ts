/** The SQLite store on a real file: the conformance suite, plus races between connections and processes. */

import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS, openStore, SqliteStore, StoreError } from "../../../src/store/index.js";
import { describeStoreConformance } from "./conformance.js";
import { expectOneWinnerEach, type RaceOutcome, seedRace } from "./race-assertions.js";
import { buildJob, uniqueId } from "./store-builders.js";

const directory = mkdtempSync(join(tmpdir(), "rpbot-store-"));
/** A directory that does not exist yet: opening must create it. */
const path = join(directory, "data", "rpbot.db");
const here = dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describeStoreConformance("SQLite", () => openStore({ sqlitePath: path }));

describe("SQLite store", () => {
  it("is chosen when no database URL is given, in WAL mode, with each migration recorded once", async () => {
    const store = await openStore({ sqlitePath: path });
    await store.close();
    expect(store.kind).toBe("sqlite");
    const inspect = new Database(path, { readonly: true });
    try {
      expect(inspect.pragma("journal_mode", { simple: true })).toBe("wal");
      const versions = inspect
        .prepare("SELECT version FROM schema_migrations ORDER BY version")
        .pluck()
        .all();
      expect(versions).toStrictEqual(MIGRATIONS.map((migration) => migration.version));
    } finally {
      inspect.close();
    }
  });

  it("supports a private in-memory database", async () => {
    const store = await openStore({ sqlitePath: ":memory:" });
    const job = buildJob();
    await store.jobs.create(job);
    expect(await store.jobs.get(job.id)).toStrictEqual(job);
    await store.close();
    await store.close();
  });

  it("reports a path it cannot create as a StoreError naming the path", async () => {
    const blocker = join(directory, "not-a-directory");
    writeFileSync(blocker, "");
    const bad = join(blocker, "rpbot.db");
    const opening = openStore({ sqlitePath: bad });
    await expect(opening).rejects.toBeInstanceOf(StoreError);
    await expect(opening).rejects.toMatchObject({
      code: "store-error",
      message: expect.stringContaining(bad),
    });
  });

  it("two connections to the same file: exactly one wins each decide, acquire and markNotified", async () => {
    const first = SqliteStore.open(path);
    const second = SqliteStore.open(path);
    try {
      const prefix = uniqueId("two-connections");
      const count = 10;
      await seedRace(first, prefix, count);
      const now = new Date("2030-01-01T10:00:01.000Z");
      const outcomes = await Promise.all(
        [first, second].map(async (store, worker): Promise<RaceOutcome> => {
          const attempts = Array.from({ length: count }, async (_, i) => ({
            decided: (
              await store.confirmations.decide(`${prefix}-c-${i}`, {
                state: "confirmed",
                by: `w${worker}`,
                at: now,
              })
            ).decided,
            acquired: await store.locks.acquire(`${prefix}-l-${i}`, `w${worker}`, 60_000, now),
            notified: await store.jobs.markNotified(`${prefix}-j-${i}`, now),
          }));
          const results = await Promise.all(attempts);
          return {
            decided: results.map((r) => r.decided),
            acquired: results.map((r) => r.acquired),
            notified: results.map((r) => r.notified),
          };
        }),
      );
      expectOneWinnerEach(outcomes, count);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it("four processes on the same file: exactly one wins each decide, acquire and markNotified", async () => {
    const store = SqliteStore.open(path);
    const prefix = uniqueId("processes");
    const count = 25;
    try {
      await seedRace(store, prefix, count);
    } finally {
      await store.close();
    }
    const startAt = Date.now() + 3_000;
    const child = join(here, "sqlite-race.child.ts");
    const outcomes = await Promise.all(
      [0, 1, 2, 3].map(async (worker): Promise<RaceOutcome> => {
        const args = [
          "--import",
          "tsx",
          child,
          path,
          prefix,
          String(count),
          `process-${worker}`,
          String(startAt),
        ];
        const { stdout } = await run(process.execPath, args);
        return JSON.parse(stdout) as RaceOutcome;
      }),
    );
    expectOneWinnerEach(outcomes, count);
  });
});
