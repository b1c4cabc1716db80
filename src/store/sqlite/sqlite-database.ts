/** SqlDatabase over one better-sqlite3 connection, with prepared statements reused across calls. */

import type Database from "better-sqlite3";
import type { SqlDatabase, SqlParam, SqlRow } from "../sql/sql-database.port.js";

type NumberedParams = Record<string, SqlParam>;
type Statement = Database.Statement<unknown[], SqlRow>;

export class SqliteDatabase implements SqlDatabase {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly connection: Database.Database) {}

  async query(sql: string, params: readonly SqlParam[] = []): Promise<SqlRow[]> {
    const statement = this.prepared(sql);
    const bindings = numbered(params);
    if (statement.reader) return statement.all(bindings);
    statement.run(bindings);
    return [];
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
