/** The embedded default store: one SQLite file (docs/configuration.md, RPBOT_DB), safe for several processes. */

import { mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import type { RunStore } from "./run-store.port.js";
import { firstLine, sqlReadiness } from "./sql/sql-readiness.js";
import { createSqlSubStores } from "./sql/sql-sub-stores.js";
import { migrateSqlite } from "./sqlite/migrate-sqlite.js";
import { SqliteDatabase } from "./sqlite/sqlite-database.js";
import type {
  AuditLog,
  ConfirmationStore,
  ConversationStore,
  JobStore,
  LockStore,
  OutboxStore,
  ReplayStore,
  Store,
  StoreReadiness,
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
  readonly runs: RunStore;
  readonly conversations: ConversationStore;
  readonly audit: AuditLog;
  readonly outbox: OutboxStore;
  readonly replays: ReplayStore;
  private readonly db: SqliteDatabase;

  private constructor(
    private readonly connection: Database.Database,
    private readonly file: OpenedFile | undefined,
  ) {
    this.db = new SqliteDatabase(connection, file?.path);
    const subStores = createSqlSubStores(this.db);
    this.confirmations = subStores.confirmations;
    this.locks = subStores.locks;
    this.jobs = subStores.jobs;
    this.runs = subStores.runs;
    this.conversations = subStores.conversations;
    this.audit = subStores.audit;
    this.outbox = subStores.outbox;
    this.replays = subStores.replays;
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
      return new SqliteStore(connection, path === IN_MEMORY ? undefined : openedFile(path));
    } catch (error) {
      connection?.close();
      const reason = error instanceof Error ? error.message : String(error);
      throw new StoreError(`Could not open the SQLite database at ${path}: ${reason}`, { cause: error });
    }
  }

  /**
   * A file deleted or replaced under a running process still answers through the old inode, and everything
   * written there is lost when it closes: the path must still name the file that was opened.
   */
  async readiness(): Promise<StoreReadiness> {
    if (this.file) {
      const moved = movedFrom(this.file);
      if (moved) return { ok: false, part: "store", reason: moved };
    }
    return sqlReadiness(this.db, new Date());
  }

  async close(): Promise<void> {
    if (this.connection.open) this.connection.close();
  }
}

interface OpenedFile {
  path: string;
  dev: number;
  ino: number;
}

function openedFile(path: string): OpenedFile {
  const absolute = resolve(path);
  const stats = statSync(absolute);
  return { path: absolute, dev: stats.dev, ino: stats.ino };
}

function movedFrom(file: OpenedFile): string | undefined {
  try {
    const stats = statSync(file.path);
    if (stats.dev === file.dev && stats.ino === file.ino) return undefined;
    return `the SQLite file ${file.path} was replaced since it was opened (RPBOT_DB); restart to use the new one`;
  } catch (error) {
    return `the SQLite file ${file.path} is gone (RPBOT_DB): ${firstLine(error)}`;
  }
}
