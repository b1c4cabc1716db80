/**
 * The outbox: one notification per finished job, claimed for a lease by whichever process is free, its steps
 * (card updated, result posted) recorded as they happen so a retry never redoes one the platform accepted.
 */

import type { Notification, OutboxBacklog, OutboxStore, Platform } from "../store.port.js";
import {
  checkedLimit,
  dateFrom,
  millis,
  optionalDateFrom,
  optionalTextFrom,
  textFrom,
  withoutUndefined,
} from "./sql-codec.js";
import type { SqlDatabase, SqlRow } from "./sql-database.port.js";

const DUE = `state = 'pending' AND next_attempt_at <= $3 AND (claimed_until IS NULL OR claimed_until <= $3)
  AND ((platform = 'console' AND $5 = 1) OR (platform = 'slack' AND $6 = 1) OR (platform = 'teams' AND $7 = 1))`;

/**
 * The inner SELECT picks candidates; the outer WHERE checks them again as each row is written, so of two
 * processes claiming at once (PostgreSQL re-reads a row another transaction changed) only one gets it.
 */
const CLAIM_DUE = `
UPDATE notifications SET claimed_by = $1, claimed_until = $2
WHERE job_id IN (SELECT job_id FROM notifications WHERE ${DUE} ORDER BY next_attempt_at, job_id LIMIT $4)
  AND ${DUE}
RETURNING *`;

/** In the order of the $5..$7 flags of DUE. */
const PLATFORMS: readonly Platform[] = ["console", "slack", "teams"];

const SELECT_BY_JOB = "SELECT * FROM notifications WHERE job_id = $1";

const HELD = "job_id = $1 AND claimed_by = $2 AND state = 'pending'";

const RECORD_CARD = `UPDATE notifications SET card_done = 1 WHERE ${HELD} RETURNING job_id`;

const RECORD_POST = `UPDATE notifications SET posted_at = $3, post_ref = $4 WHERE ${HELD} RETURNING job_id`;

const SETTLE = `
UPDATE notifications SET state = $3, last_error = $4, settled_at = $5, claimed_by = NULL, claimed_until = NULL,
  attempts = attempts + 1
WHERE ${HELD}
RETURNING job_id`;

const SETTLE_JOB = "UPDATE jobs SET delivery = $2, notified_at = $3 WHERE id = $1";

const RETRY_LATER = `
UPDATE notifications SET next_attempt_at = $3, last_error = $4, claimed_by = NULL, claimed_until = NULL,
  attempts = attempts + 1
WHERE ${HELD}
RETURNING job_id`;

/** Served by the notifications_due index (state first). */
const BACKLOG =
  "SELECT COUNT(*) AS depth, MIN(created_at) AS oldest FROM notifications WHERE state = 'pending'";

export class SqlOutboxStore implements OutboxStore {
  constructor(private readonly db: SqlDatabase) {}

  async claimDue(
    owner: string,
    platforms: readonly Platform[],
    now: Date,
    leaseMs: number,
    limit: number,
  ): Promise<Notification[]> {
    const at = millis(now);
    const serves = PLATFORMS.map((platform) => (platforms.includes(platform) ? 1 : 0));
    const rows = await this.db.query(CLAIM_DUE, [owner, at + leaseMs, at, checkedLimit(limit), ...serves]);
    return rows.map(notificationFrom).sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
  }

  async get(jobId: string): Promise<Notification | undefined> {
    const [row] = await this.db.query(SELECT_BY_JOB, [jobId]);
    return row && notificationFrom(row);
  }

  async recordStep(
    jobId: string,
    owner: string,
    step: { card: true } | { posted: Date; ref?: string },
  ): Promise<boolean> {
    const rows =
      "card" in step
        ? await this.db.query(RECORD_CARD, [jobId, owner])
        : await this.db.query(RECORD_POST, [jobId, owner, millis(step.posted), step.ref ?? null]);
    return rows.length === 1;
  }

  async settle(
    jobId: string,
    owner: string,
    outcome: "sent" | "undeliverable",
    error: string | undefined,
    now: Date,
  ): Promise<boolean> {
    const at = millis(now);
    const settle = { sql: SETTLE, params: [jobId, owner, outcome, error ?? null, at] };
    const rows = await this.db.transaction(settle, (settled) =>
      settled.length === 1
        ? [{ sql: SETTLE_JOB, params: [jobId, outcome === "sent" ? "notified" : "undeliverable", at] }]
        : [],
    );
    return rows.length === 1;
  }

  async retryLater(jobId: string, owner: string, retryAt: Date, error: string): Promise<boolean> {
    const rows = await this.db.query(RETRY_LATER, [jobId, owner, millis(retryAt), error]);
    return rows.length === 1;
  }

  async backlog(): Promise<OutboxBacklog> {
    const [row] = await this.db.query(BACKLOG);
    const depth = Number(row?.depth ?? 0);
    const oldest = optionalDateFrom(row?.oldest);
    return oldest ? { depth, oldestCreatedAt: oldest } : { depth };
  }
}

function notificationFrom(row: SqlRow): Notification {
  return withoutUndefined<Notification>({
    jobId: textFrom(row.job_id),
    platform: textFrom(row.platform) as Platform,
    state: textFrom(row.state) as Notification["state"],
    attempts: Number(row.attempts),
    nextAttemptAt: dateFrom(row.next_attempt_at),
    cardDone: Number(row.card_done) === 1,
    postedAt: optionalDateFrom(row.posted_at),
    postRef: optionalTextFrom(row.post_ref),
    lastError: optionalTextFrom(row.last_error),
    createdAt: dateFrom(row.created_at),
    settledAt: optionalDateFrom(row.settled_at),
  });
}
