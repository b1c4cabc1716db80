/** The embedded default store: one SQLite file (docs/configuration.md, RPBOT_DB), safe for several processes. */

import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { createSqlSubStores } from "./sql/sql-sub-stores.js";
import { migrateSqlite } from "./sqlite/migrate-sqlite.js";
import { SqliteDatabase } from "./sqlite/sqlite-database.js";
import type {
  AuditLog,
  ConfirmationStore,
  ConversationStore,
  JobStore,
  LockStore,
  Store,
} from "./store.port.js";
import { StoreError } from "./store-error.js";

export interface SqliteStoreOptions {
  /** How long a writer waits for another connection's write lock before failing (SQLITE_BUSY). */
  busyTimeoutMs?: number;
}

const IN_MEMORY = ":memory:";
const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

export class SqliteStore implements Store {
  readonly kind = "sqlite";
  readonly confirmations: ConfirmationStore;
  readonly locks: LockStore;
  readonly jobs: JobStore;
  readonly conversations: ConversationStore;
  readonly audit: AuditLog;

  private constructor(private readonly connection: Database.Database) {
    const subStores = createSqlSubStores(new SqliteDatabase(connection));
    this.confirmations = subStores.confirmations;
    this.locks = subStores.locks;
    this.jobs = subStores.jobs;
    this.conversations = subStores.conversations;
    this.audit = subStores.audit;
  }

  /** Opens (creating the file and its directory if needed) and migrates; `:memory:` gives a private database. */
  static open(path: string, options: SqliteStoreOptions = {}): SqliteStore {
    let connection: Database.Database | undefined;
    try {
      if (path !== IN_MEMORY) mkdirSync(dirname(resolve(path)), { recursive: true });
      // The timeout is SQLite's busy_timeout: a writer waits for another connection's lock instead of failing.
      connection = new Database(path, { timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
      // WAL lets readers carry on while another process writes.
      connection.pragma("journal_mode = WAL");
      migrateSqlite(connection);
      return new SqliteStore(connection);
    } catch (error) {
      connection?.close();
      const reason = error instanceof Error ? error.message : String(error);
      throw new StoreError(`Could not open the SQLite database at ${path}: ${reason}`, { cause: error });
    }
  }

  async close(): Promise<void> {
    if (this.connection.open) this.connection.close();
  }
}
