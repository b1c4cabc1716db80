/** The store for several replicas: one PostgreSQL database (docs/configuration.md, DATABASE_URL). */

import pg from "pg";
import { describeTarget, withoutPassword } from "./postgres/connection-target.js";
import { migratePostgres } from "./postgres/migrate-postgres.js";
import { PostgresDatabase } from "./postgres/postgres-database.js";
import { checkedSchemaName } from "./postgres/schema-name.js";
import type { RunStore } from "./run-store.port.js";
import { sqlReadiness } from "./sql/sql-readiness.js";
import { createSqlSubStores } from "./sql/sql-sub-stores.js";
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

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database */
  connectionString: string;
  /** A dedicated schema (created if missing) instead of the server's default search_path. */
  schema?: string;
  maxConnections?: number;
  /** How long to wait for a connection before giving up (an unreachable host would otherwise hang). */
  connectTimeoutMs?: number;
  /** How long one statement may take before it fails (a server that stopped answering). */
  queryTimeoutMs?: number;
  /** Errors of idle pooled connections (server restart, network cut); the pool replaces the connection. */
  onBackgroundError?: (error: Error) => void;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_QUERY_TIMEOUT_MS = 30_000;

export class PostgresStore implements Store {
  readonly kind = "postgres";
  readonly confirmations: ConfirmationStore;
  readonly locks: LockStore;
  readonly jobs: JobStore;
  readonly runs: RunStore;
  readonly conversations: ConversationStore;
  readonly audit: AuditLog;
  readonly outbox: OutboxStore;
  readonly replays: ReplayStore;
  private readonly db: PostgresDatabase;
  private closing: Promise<void> | undefined;

  private constructor(private readonly pool: pg.Pool) {
    this.db = new PostgresDatabase(pool);
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

  /** Connects, creates the schema if asked for one, and migrates; failures become a StoreError. */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const schema = options.schema === undefined ? undefined : checkedSchemaName(options.schema);
    const target = describeTarget(options.connectionString);
    const explain = (doing: string, error: unknown): StoreError => {
      const reason = withoutPassword(
        error instanceof Error ? error.message : String(error),
        options.connectionString,
      );
      return new StoreError(`Could not ${doing} PostgreSQL at ${target}: ${reason}`, { cause: error });
    };

    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      // A server that stops answering mid-query must not hold a chat request or a job for ever.
      query_timeout: options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS,
      // Set at connection start-up, so every pooled connection sees the schema without an extra round trip.
      ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    });
    // Without a listener an idle connection's error would crash the process.
    pool.on("error", options.onBackgroundError ?? (() => undefined));

    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      await pool.end();
      throw explain("connect to", error);
    }
    try {
      await migratePostgres(client, schema);
      client.release();
    } catch (error) {
      client.release(true);
      await pool.end();
      throw explain("migrate the database on", error);
    }
    return new PostgresStore(pool);
  }

  async readiness(): Promise<StoreReadiness> {
    return sqlReadiness(this.db, new Date());
  }

  async close(): Promise<void> {
    this.closing ??= this.pool.end();
    await this.closing;
  }
}
