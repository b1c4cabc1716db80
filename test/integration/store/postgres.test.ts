/**
 * The PostgreSQL store on the run's test server (test/support/test-database.ts): the conformance suite in a
 * fresh schema, races between two pools, concurrent migration and error reporting.
 * Every schema this file creates is dropped in afterAll.
 */

import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS, openStore, StoreError } from "../../../src/store/index.js";
import { migratePostgres } from "../../../src/store/postgres/migrate-postgres.js";
import { PostgresDatabase } from "../../../src/store/postgres/postgres-database.js";
import { PostgresStore } from "../../../src/store/postgres-store.js";
import type { Store } from "../../../src/store/store.port.js";
import { testDatabaseUrl } from "../../support/test-database.js";
import { describeStoreConformance } from "./conformance.js";
import {
  expectCancelCutTheInserts,
  expectOneWinnerEach,
  type RaceOutcome,
  seedRace,
} from "./race-assertions.js";
import { raceInsertsAgainstCancel, runningRun } from "./run-race.js";
import { uniqueId } from "./store-builders.js";
import { describeUpgradeFromReleaseV01 } from "./upgrade.conformance.js";
import { describeUpgradeFromMigration4, type MigratedDatabase } from "./upgrade-runs.conformance.js";

const databaseUrl = testDatabaseUrl();
const createdSchemas: string[] = [];

function freshSchema(): string {
  const schema = `rpbot_test_${randomBytes(6).toString("hex")}`;
  createdSchemas.push(schema);
  return schema;
}

async function withClient<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

const schema = freshSchema();
const open = (): Promise<Store> => openStore({ databaseUrl, sqlitePath: "unused.db", schema });

afterAll(async () => {
  await withClient(async (client) => {
    // Names come from freshSchema (rpbot_test_ + hex), so quoting them is safe.
    for (const name of createdSchemas) await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  });
});

describeStoreConformance("PostgreSQL", open);

/** A fresh schema migrated by today's runner up to `version`, as the release that shipped it left it. */
async function databaseAt(version: number): Promise<MigratedDatabase> {
  const legacySchema = freshSchema();
  const pool = new pg.Pool({ connectionString: databaseUrl, options: `-c search_path=${legacySchema}` });
  const client = await pool.connect();
  try {
    await migratePostgres(
      client,
      legacySchema,
      MIGRATIONS.filter((migration) => migration.version <= version),
    );
  } finally {
    client.release();
  }
  const raw = new PostgresDatabase(pool);
  return {
    query: (sql, params) => raw.query(sql, params),
    open: () => openStore({ databaseUrl, sqlitePath: "unused.db", schema: legacySchema }),
    close: () => pool.end(),
  };
}

// Release 0.1 shipped with migration 1 only.
describeUpgradeFromReleaseV01("PostgreSQL", () => databaseAt(1));
describeUpgradeFromMigration4("PostgreSQL", () => databaseAt(4));

describe("PostgreSQL store", () => {
  it("is chosen when a database URL is given and keeps its tables in the dedicated schema", async () => {
    const store = await open();
    await store.close();
    expect(store.kind).toBe("postgres");
    await withClient(async (client) => {
      const tables = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name",
        [schema],
      );
      expect(tables.rows.map((row) => row.table_name)).toStrictEqual([
        "audit_log",
        "confirmations",
        "conversations",
        "jobs",
        "locks",
        "notifications",
        "run_items",
        "runs",
        "schema_migrations",
        "seen_requests",
      ]);
      const versions = await client.query<{ version: number }>(
        `SELECT version FROM "${schema}".schema_migrations ORDER BY version`,
      );
      expect(versions.rows.map((row) => row.version)).toStrictEqual(MIGRATIONS.map((m) => m.version));
    });
  });

  it("two pools: exactly one wins each decide, acquire and finish", async () => {
    const first = await PostgresStore.open({ connectionString: databaseUrl, schema });
    const second = await PostgresStore.open({ connectionString: databaseUrl, schema });
    try {
      const prefix = uniqueId("two-pools");
      const count = 10;
      await seedRace(first, prefix, count);
      const now = new Date("2030-01-01T10:00:01.000Z");
      // Three racers per pool, so calls also race inside each pool.
      const racers = [first, second, first, second, first, second];
      const outcomes = await Promise.all(
        racers.map(async (store, worker): Promise<RaceOutcome> => {
          const results = await Promise.all(
            Array.from({ length: count }, async (_, i) => ({
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
            })),
          );
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

  it("two pools: member jobs racing a cancel are all stopped once it returned, and none is lost", async () => {
    const first = await PostgresStore.open({ connectionString: databaseUrl, schema });
    const second = await PostgresStore.open({ connectionString: databaseUrl, schema });
    try {
      const run = await runningRun(first);
      // Three racers per pool, and the cancel on the second pool.
      const race = await raceInsertsAgainstCancel([first, second, first, second, first, second], second, run);
      expectCancelCutTheInserts(race, run.id);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it("several processes migrating a fresh schema at once all succeed, and migrate it once", async () => {
    const fresh = freshSchema();
    const stores = await Promise.all(
      [1, 2, 3].map(() => openStore({ databaseUrl, sqlitePath: "unused.db", schema: fresh })),
    );
    await Promise.all(stores.map((store) => store.close()));
    await withClient(async (client) => {
      const count = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM "${fresh}".schema_migrations`,
      );
      expect(Number(count.rows[0]?.n)).toBe(MIGRATIONS.length);
    });
  });

  it("reports an unreachable server as a StoreError naming the host, never the password", async () => {
    const url = new URL(databaseUrl);
    url.port = "1";
    url.password = "s3cret-Passw0rd";
    const opening = openStore({ databaseUrl: url.toString(), sqlitePath: "unused.db" });
    await expect(opening).rejects.toBeInstanceOf(StoreError);
    const error = await opening.catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "store-error" });
    const message = error instanceof Error ? error.message : "";
    expect(message).toContain(`${url.hostname}:1`);
    expect(message).not.toContain("s3cret");
  });

  it("reports a missing database as a StoreError naming it", async () => {
    const url = new URL(databaseUrl);
    url.pathname = "/rpbot_no_such_database";
    await expect(openStore({ databaseUrl: url.toString(), sqlitePath: "unused.db" })).rejects.toMatchObject({
      code: "store-error",
      message: expect.stringContaining("rpbot_no_such_database"),
    });
  });

  it("refuses a schema name that is not a plain identifier", async () => {
    await expect(
      openStore({ databaseUrl, sqlitePath: "unused.db", schema: 'x"; DROP SCHEMA public; --' }),
    ).rejects.toBeInstanceOf(StoreError);
  });
});
