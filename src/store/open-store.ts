/**
 * Picks the store the configuration asks for (docs/configuration.md) and migrates it before handing it out.
 * Only the chosen driver is loaded: pg and better-sqlite3 each cost a few hundred milliseconds to import, and a
 * process uses one of them.
 */

import type { Store } from "./store.port.js";

export interface OpenStoreOptions {
  /** DATABASE_URL: set = PostgreSQL (several replicas). */
  databaseUrl?: string;
  /** RPBOT_DB: the SQLite file used when databaseUrl is unset (":memory:" for a throwaway store). */
  sqlitePath: string;
  /** PostgreSQL only: a dedicated schema, created if missing. */
  schema?: string;
}

/** Failures (unreachable server, unwritable file, bad schema name) are thrown as StoreError. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.databaseUrl) {
    const { PostgresStore } = await import("./postgres-store.js");
    return PostgresStore.open({
      connectionString: options.databaseUrl,
      ...(options.schema === undefined ? {} : { schema: options.schema }),
    });
  }
  const { SqliteStore } = await import("./sqlite-store.js");
  return SqliteStore.open(options.sqlitePath);
}
