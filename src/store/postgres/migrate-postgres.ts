/**
 * Applies pending migrations to PostgreSQL in one transaction. Several replicas start at once, so the
 * transaction first takes an advisory lock: the others wait for it, then find nothing left to apply.
 */

import type pg from "pg";
import { MIGRATIONS, type Migration, pendingMigrations, SCHEMA_MIGRATIONS_TABLE } from "../migrations.js";
import { quotedIdentifier } from "./schema-name.js";

/** One lock per schema, so databases shared by several schemas (tests) migrate them in parallel. */
const LOCK = "SELECT pg_advisory_xact_lock(hashtext($1))";

export async function migratePostgres(
  client: pg.ClientBase,
  schema: string | undefined,
  migrations: readonly Migration[] = MIGRATIONS,
  now: () => number = Date.now,
): Promise<void> {
  await client.query("BEGIN");
  try {
    await client.query(LOCK, [`restore-point-bot migrations: ${schema ?? "(default schema)"}`]);
    // Inside the lock: concurrent CREATE SCHEMA IF NOT EXISTS can still fail on PostgreSQL's unique index.
    if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quotedIdentifier(schema)}`);
    await client.query(SCHEMA_MIGRATIONS_TABLE);
    const { rows } = await client.query<{ version: number }>("SELECT version FROM schema_migrations");
    for (const migration of pendingMigrations(new Set(rows.map((row) => Number(row.version))), migrations)) {
      await client.query(migration.postgres);
      await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
        migration.version,
        migration.name,
        now(),
      ]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
