/** SqlDatabase over a pg Pool: each statement runs on whichever pooled connection is free. */

import type pg from "pg";
import type { SqlDatabase, SqlParam, SqlRow } from "../sql/sql-database.port.js";

export class PostgresDatabase implements SqlDatabase {
  constructor(private readonly pool: pg.Pool) {}

  async query(sql: string, params: readonly SqlParam[] = []): Promise<SqlRow[]> {
    const result = await this.pool.query<SqlRow>(sql, [...params]);
    return result.rows;
  }
}
