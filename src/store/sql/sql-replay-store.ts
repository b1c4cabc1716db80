/** Request keys seen recently: the first presenter of a key wins, a replay within the window does not. */

import type { ReplayStore } from "../store.port.js";
import { millis } from "./sql-codec.js";
import type { SqlDatabase } from "./sql-database.port.js";

/** A key older than the window is taken over by the new sighting: one statement decides, across processes. */
const SEE = `
INSERT INTO seen_requests (request_key, seen_at) VALUES ($1, $2)
ON CONFLICT (request_key) DO UPDATE SET seen_at = excluded.seen_at
WHERE seen_requests.seen_at <= $3
RETURNING request_key`;

const FORGET = "DELETE FROM seen_requests WHERE seen_at <= $1";

/** Forgetting is housekeeping: once every this many sightings is plenty. */
const FORGET_EVERY = 100;

export class SqlReplayStore implements ReplayStore {
  private sightings = 0;

  constructor(private readonly db: SqlDatabase) {}

  async firstSeen(key: string, now: Date, windowMs: number): Promise<boolean> {
    const at = millis(now);
    const rows = await this.db.query(SEE, [key, at, at - windowMs]);
    if (++this.sightings % FORGET_EVERY === 0) await this.db.query(FORGET, [at - windowMs]);
    return rows.length === 1;
  }
}
