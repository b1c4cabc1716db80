/** Leased locks (per-VM, per-job): a holder keeps the lock until it releases it or its lease runs out. */

import type { LockStore } from "../store.port.js";
import { dateFrom, millis, textFrom } from "./sql-codec.js";
import type { SqlDatabase } from "./sql-database.port.js";

/**
 * One statement decides: insert when the key is new; otherwise take over only a lock whose lease has run
 * out or that `owner` already holds (re-entrant). RETURNING yields a row only when this caller wrote it.
 */
const ACQUIRE = `
INSERT INTO locks (lock_key, owner, acquired_at, expires_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (lock_key) DO UPDATE
SET owner = excluded.owner, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
WHERE locks.expires_at <= excluded.acquired_at OR locks.owner = excluded.owner
RETURNING owner`;

/** A lease that has already run out is lost: renewing it would hide that someone else could have taken it. */
const RENEW = `
UPDATE locks SET expires_at = $3
WHERE lock_key = $1 AND owner = $2 AND expires_at > $4
RETURNING owner`;

const RELEASE = "DELETE FROM locks WHERE lock_key = $1 AND owner = $2";

const HOLDER = "SELECT owner, expires_at FROM locks WHERE lock_key = $1 AND expires_at > $2";

export class SqlLockStore implements LockStore {
  constructor(private readonly db: SqlDatabase) {}

  async acquire(key: string, owner: string, leaseMs: number, now: Date): Promise<boolean> {
    const rows = await this.db.query(ACQUIRE, [key, owner, millis(now), leaseEnd(now, leaseMs)]);
    return rows.length === 1;
  }

  async renew(key: string, owner: string, leaseMs: number, now: Date): Promise<boolean> {
    const rows = await this.db.query(RENEW, [key, owner, leaseEnd(now, leaseMs), millis(now)]);
    return rows.length === 1;
  }

  async release(key: string, owner: string): Promise<void> {
    await this.db.query(RELEASE, [key, owner]);
  }

  async holder(key: string, now: Date): Promise<{ owner: string; expiresAt: Date } | undefined> {
    const [row] = await this.db.query(HOLDER, [key, millis(now)]);
    return row && { owner: textFrom(row.owner), expiresAt: dateFrom(row.expires_at) };
  }
}

function leaseEnd(now: Date, leaseMs: number): number {
  if (!Number.isSafeInteger(leaseMs) || leaseMs <= 0) {
    throw new RangeError(`leaseMs must be a whole number of milliseconds > 0, got ${leaseMs}`);
  }
  return millis(now) + leaseMs;
}
