/** The SQLite store on a real file: the conformance suite, plus races between connections and processes. */

import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS, openStore, StoreError } from "../../../src/store/index.js";
import { migrateSqlite } from "../../../src/store/sqlite/migrate-sqlite.js";
import { SqliteDatabase } from "../../../src/store/sqlite/sqlite-database.js";
import { SqliteStore } from "../../../src/store/sqlite-store.js";
import { describeStoreConformance } from "./conformance.js";
import { expectOneWinnerEach, type RaceOutcome, seedRace } from "./race-assertions.js";
import { buildJob, uniqueId } from "./store-builders.js";
import { describeUpgradeFromReleaseV01 } from "./upgrade.conformance.js";
import { describeUpgradeFromMigration4, type MigratedDatabase } from "./upgrade-runs.conformance.js";

const directory = mkdtempSync(join(tmpdir(), "rpbot-store-"));
/** A directory that does not exist yet: opening must create it. */
const path = join(directory, "data", "rpbot.db");
const raceChild = join(dirname(fileURLToPath(import.meta.url)), "sqlite-race.child.ts");

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describeStoreConformance("SQLite", () => openStore({ sqlitePath: path }));

/** A file migrated by today's runner up to `version`, as the release that shipped it left it on first start. */
async function databaseAt(version: number): Promise<MigratedDatabase> {
  const file = join(directory, `v${version}-${randomUUID()}.db`);
  const connection = new Database(file);
  migrateSqlite(
    connection,
    MIGRATIONS.filter((migration) => migration.version <= version),
  );
  const raw = new SqliteDatabase(connection);
  return {
    query: (sql, params) => raw.query(sql, params),
    open: () => openStore({ sqlitePath: file }),
    close: async () => {
      connection.close();
    },
  };
}

// Release 0.1 shipped with migration 1 only.
describeUpgradeFromReleaseV01("SQLite", () => databaseAt(1));
describeUpgradeFromMigration4("SQLite", () => databaseAt(4));

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

  it("two connections to the same file: exactly one wins each decide, acquire and finish", async () => {
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
            ended:
              (await store.jobs.finish(`${prefix}-j-${i}`, { state: "succeeded" }, "outbox", now)) !==
              undefined,
          }));
          const results = await Promise.all(attempts);
          return {
            decided: results.map((r) => r.decided),
            acquired: results.map((r) => r.acquired),
            ended: results.map((r) => r.ended),
          };
        }),
      );
      expectOneWinnerEach(outcomes, count);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it("four processes on the same file: exactly one wins each decide, acquire and finish", async () => {
    const store = SqliteStore.open(path);
    const prefix = uniqueId("processes");
    const count = 25;
    try {
      await seedRace(store, prefix, count);
    } finally {
      await store.close();
    }
    const racers = [0, 1, 2, 3].map((worker) => startRacer(prefix, count, `process-${worker}`));
    try {
      // The barrier: nobody starts until every racer has opened its connection and said so.
      expect(await Promise.all(racers.map((racer) => racer.next()))).toStrictEqual(racers.map(() => "ready"));
      for (const racer of racers) racer.child.stdin.write("go\n");
      const outcomes = await Promise.all(
        racers.map(async (racer) => JSON.parse(await racer.next()) as RaceOutcome),
      );
      expectOneWinnerEach(outcomes, count);
    } finally {
      for (const racer of racers) racer.child.kill();
    }
  });
});

interface Racer {
  child: ChildProcessWithoutNullStreams;
  /** The racer's next stdout line; rejects with its stderr if it exits first. */
  next(): Promise<string>;
}

function startRacer(prefix: string, count: number, worker: string): Racer {
  const child = spawn(process.execPath, ["--import", "tsx", raceChild, path, prefix, String(count), worker]);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    child,
    next: async () => {
      const { value, done } = await lines.next();
      if (done) throw new Error(`racer ${worker} ended early: ${stderr}`);
      return String(value);
    },
  };
}

describe("SQLite file trouble", () => {
  it("names the file and RPBOT_DB when the database refuses writes", async () => {
    const file = join(directory, `readonly-${randomUUID()}.db`);
    (await openStore({ sqlitePath: file })).close();
    const connection = new Database(file);
    connection.pragma("query_only = ON"); // as a read-only mount would: every write fails with SQLITE_READONLY
    try {
      const db = new SqliteDatabase(connection, file);
      const write = db.query("INSERT INTO seen_requests (request_key, seen_at) VALUES ($1, $2)", ["k", 1]);
      await expect(write).rejects.toBeInstanceOf(StoreError);
      await expect(write).rejects.toThrow(`The SQLite database at ${file} (RPBOT_DB) cannot be written`);
      // A statement's own mistake is not the file's trouble, and keeps its own error.
      await expect(db.query("SELECT * FROM no_such_table")).rejects.not.toBeInstanceOf(StoreError);
    } finally {
      connection.close();
    }
  });

  it("is not ready once its file was deleted or replaced, and says which file", async () => {
    const file = join(directory, `deleted-${randomUUID()}.db`);
    const store = SqliteStore.open(file);
    try {
      expect(await store.readiness()).toStrictEqual({ ok: true });
      rmSync(file);
      expect(await store.readiness()).toMatchObject({
        ok: false,
        part: "store",
        reason: expect.stringMatching(new RegExp(`the SQLite file ${file} is gone \\(RPBOT_DB\\)`)),
      });
      writeFileSync(file, "");
      expect(await store.readiness()).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/was replaced/),
      });
    } finally {
      await store.close();
    }
  });
});
