/** SqlDatabase over a pg Pool: each statement runs on whichever pooled connection is free. */

import type pg from "pg";
import type { SqlDatabase, SqlParam, SqlRow, SqlStatement } from "../sql/sql-database.port.js";

export class PostgresDatabase implements SqlDatabase {
  constructor(private readonly pool: pg.Pool) {}

  async query(sql: string, params: readonly SqlParam[] = []): Promise<SqlRow[]> {
    const result = await this.pool.query<SqlRow>(sql, [...params]);
    return result.rows;
  }

  /** One pooled connection for the whole transaction; a connection that failed mid-way is not reused. */
  async transaction(first: SqlStatement, then: (rows: SqlRow[]) => SqlStatement[]): Promise<SqlRow[]> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const { rows } = await client.query<SqlRow>(first.sql, [...first.params]);
      for (const next of then(rows)) await client.query(next.sql, [...next.params]);
      await client.query("COMMIT");
      client.release();
      return rows;
    } catch (error) {
      const rolledBack = await client.query("ROLLBACK").then(
        () => true,
        () => false,
      );
      client.release(!rolledBack);
      throw error;
    }
  }
}
