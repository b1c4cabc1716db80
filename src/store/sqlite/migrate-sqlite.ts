/** Applies pending migrations to a SQLite database in one write transaction. */

import type Database from "better-sqlite3";
import { MIGRATIONS, type Migration, pendingMigrations, SCHEMA_MIGRATIONS_TABLE } from "../migrations.js";

export function migrateSqlite(
  connection: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
  now: () => number = Date.now,
): void {
  const migrate = connection.transaction(() => {
    connection.exec(SCHEMA_MIGRATIONS_TABLE);
    const applied = connection.prepare("SELECT version FROM schema_migrations").pluck().all();
    const record = connection.prepare(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
    );
    for (const migration of pendingMigrations(new Set(applied.map(Number)), migrations)) {
      connection.exec(migration.sqlite);
      record.run(migration.version, migration.name, now());
    }
  });
  // IMMEDIATE takes the write lock before reading the applied versions, so a second process opening the same
  // file waits (busy_timeout) and then finds nothing left to do instead of applying a migration twice.
  migrate.immediate();
}
