/**
 * The one thing the sub-stores need from a database: run a statement and read its rows. The SQL written
 * against it is portable between SQLite (3.35+) and PostgreSQL: `$1..$n` parameters (both accept them),
 * ON CONFLICT upserts and RETURNING. Values only ever travel as parameters.
 */

export type SqlParam = string | number | null;

/** A row keyed by column name. PostgreSQL returns BIGINT as a string, SQLite as a number. */
export type SqlRow = Readonly<Record<string, unknown>>;

export interface SqlDatabase {
  /** Runs one statement; resolves to its rows (SELECT or RETURNING), or [] when it returns none. */
  query(sql: string, params?: readonly SqlParam[]): Promise<SqlRow[]>;
}
