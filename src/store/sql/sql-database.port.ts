/**
 * The one thing the sub-stores need from a database: run a statement and read its rows, alone or with the
 * statements that follow from it in one transaction. The SQL written against it is portable between SQLite
 * (3.35+) and PostgreSQL: `$1..$n` parameters (both accept them), ON CONFLICT upserts and RETURNING. Values
 * only ever travel as parameters.
 */

export type SqlParam = string | number | null;

/** A row keyed by column name. PostgreSQL returns BIGINT as a string, SQLite as a number. */
export type SqlRow = Readonly<Record<string, unknown>>;

export interface SqlStatement {
  sql: string;
  params: readonly SqlParam[];
}

export interface SqlDatabase {
  /** Runs one statement; resolves to its rows (SELECT or RETURNING), or [] when it returns none. */
  query(sql: string, params?: readonly SqlParam[]): Promise<SqlRow[]>;
  /**
   * Runs `first` and then the statements `then` makes of its rows, in one transaction: all are written or
   * none. Resolves to `first`'s rows. The follow-up is decided from the rows alone, with no I/O in between,
   * so SQLite can hold its write lock for one synchronous step and never across an await.
   */
  transaction(first: SqlStatement, then: (rows: SqlRow[]) => SqlStatement[]): Promise<SqlRow[]>;
}
