/** SqlDatabase over one better-sqlite3 connection, with prepared statements reused across calls. */

import type Database from "better-sqlite3";
import type { SqlDatabase, SqlParam, SqlRow, SqlStatement } from "../sql/sql-database.port.js";
import { StoreError } from "../store-error.js";

type NumberedParams = Record<string, SqlParam>;
type Statement = Database.Statement<unknown[], SqlRow>;

/** Errors of the file rather than the statement: read-only, disk full, I/O, cannot open. */
const FILE_TROUBLE = ["SQLITE_READONLY", "SQLITE_FULL", "SQLITE_IOERR", "SQLITE_CANTOPEN"];

export class SqliteDatabase implements SqlDatabase {
  private readonly statements = new Map<string, Statement>();

  /** `path`: the file, named in errors the configuration fixes (read-only, full, gone). */
  constructor(
    private readonly connection: Database.Database,
    private readonly path?: string,
  ) {}

  async query(sql: string, params: readonly SqlParam[] = []): Promise<SqlRow[]> {
    return this.guarded(() => this.run(sql, params));
  }

  async transaction(first: SqlStatement, then: (rows: SqlRow[]) => SqlStatement[]): Promise<SqlRow[]> {
    const work = this.connection.transaction(() => {
      const rows = this.run(first.sql, first.params);
      for (const next of then(rows)) this.run(next.sql, next.params);
      return rows;
    });
    // IMMEDIATE takes the write lock up front, so another process's writer waits (busy_timeout) instead of
    // both reading and one failing to upgrade.
    return this.guarded(() => work.immediate());
  }

  private run(sql: string, params: readonly SqlParam[]): SqlRow[] {
    const statement = this.prepared(sql);
    const bindings = numbered(params);
    if (statement.reader) return statement.all(bindings);
    statement.run(bindings);
    return [];
  }

  private guarded<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw this.explained(error);
    }
  }

  /** The file's own trouble is fixed where RPBOT_DB points, so the message says where that is. */
  private explained(error: unknown): unknown {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== "string" || !FILE_TROUBLE.some((prefix) => code.startsWith(prefix))) return error;
    const where = this.path ? `The SQLite database at ${this.path} (RPBOT_DB)` : "The SQLite database";
    const reason = error instanceof Error ? error.message : String(error);
    return new StoreError(`${where} cannot be written: ${reason} (${code}).`, { cause: error });
  }

  private prepared(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.connection.prepare<unknown[], SqlRow>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/** SQLite reads `$1` as a parameter named "1", which better-sqlite3 binds from an object key. */
function numbered(params: readonly SqlParam[]): NumberedParams {
  return Object.fromEntries(params.map((value, index) => [String(index + 1), value]));
}
