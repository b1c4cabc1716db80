/** The audit log: append-only, read oldest first. */

import type { AuditEntry, AuditLog } from "../store.port.js";
import {
  checkedLimit,
  dateFrom,
  jsonFrom,
  jsonOrNull,
  millis,
  textFrom,
  withoutUndefined,
} from "./sql-codec.js";
import type { SqlDatabase, SqlRow } from "./sql-database.port.js";

const INSERT = `
INSERT INTO audit_log (at, actor, action, target, outcome, details) VALUES ($1, $2, $3, $4, $5, $6)`;

/** `id` breaks ties between entries of the same millisecond in the order they were appended. */
const LIST = `
SELECT at, actor, action, target, outcome, details FROM audit_log
WHERE at >= $1
ORDER BY at, id
LIMIT $2`;

/** The earliest instant a Date can hold: "since the beginning". */
const BEGINNING_OF_TIME = -8_640_000_000_000_000;

export class SqlAuditLog implements AuditLog {
  constructor(private readonly db: SqlDatabase) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.db.query(INSERT, [
      millis(entry.at),
      entry.actor,
      entry.action,
      entry.target,
      entry.outcome,
      jsonOrNull(entry.details),
    ]);
  }

  /** Entries at or after `since`, at most `limit` of them. */
  async list(options: { since?: Date; limit?: number } = {}): Promise<AuditEntry[]> {
    const since = options.since === undefined ? BEGINNING_OF_TIME : millis(options.since);
    const limit = options.limit === undefined ? Number.MAX_SAFE_INTEGER : checkedLimit(options.limit);
    const rows = await this.db.query(LIST, [since, limit]);
    return rows.map(auditEntryFrom);
  }
}

function auditEntryFrom(row: SqlRow): AuditEntry {
  return withoutUndefined<AuditEntry>({
    at: dateFrom(row.at),
    actor: textFrom(row.actor),
    action: textFrom(row.action) as AuditEntry["action"],
    target: textFrom(row.target),
    outcome: textFrom(row.outcome),
    details: jsonFrom(row.details) as Record<string, unknown> | undefined,
  });
}
