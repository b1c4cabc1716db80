/**
 * What /readyz asks of a SQL store: it answers a query, every migration this release knows is applied, and it
 * takes a write (a full disk or a read-only file fails here, not in the middle of someone's job).
 */

import { MIGRATIONS } from "../migrations.js";
import type { StoreReadiness } from "../store.port.js";
import { millis } from "./sql-codec.js";
import type { SqlDatabase } from "./sql-database.port.js";

const LATEST = Math.max(...MIGRATIONS.map((migration) => migration.version));

/** A row of its own in seen_requests: the write changes nothing anyone reads. */
const PROBE_WRITE = `
INSERT INTO seen_requests (request_key, seen_at) VALUES ('readiness-probe', $1)
ON CONFLICT (request_key) DO UPDATE SET seen_at = excluded.seen_at`;

export async function sqlReadiness(db: SqlDatabase, now: Date): Promise<StoreReadiness> {
  let applied: number;
  try {
    const [row] = await db.query("SELECT max(version) AS version FROM schema_migrations");
    applied = Number(row?.version ?? 0);
  } catch (error) {
    return { ok: false, part: "store", reason: `the database does not answer: ${firstLine(error)}` };
  }
  if (applied < LATEST) {
    return {
      ok: false,
      part: "store",
      reason: `migrations applied up to ${applied}, this release needs ${LATEST}`,
    };
  }
  try {
    await db.query(PROBE_WRITE, [millis(now)]);
  } catch (error) {
    return { ok: false, part: "store", reason: `the database refuses writes: ${firstLine(error)}` };
  }
  return { ok: true };
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split("\n")[0] ?? "").slice(0, 300);
}
