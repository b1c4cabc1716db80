/** Confirmations: the pending "create a restore point?" questions, decided at most once. */

import { decodeConfirmationPlan, encodeConfirmationPlan } from "../plan-codec.js";
import type { Confirmation, ConfirmationStore, Mode, Platform } from "../store.port.js";
import {
  dateFrom,
  jsonFrom,
  millis,
  millisOrNull,
  optionalDateFrom,
  optionalTextFrom,
  textFrom,
  textOrNull,
  withoutUndefined,
} from "./sql-codec.js";
import type { SqlDatabase, SqlRow } from "./sql-database.port.js";

const INSERT = `
INSERT INTO confirmations (id, platform, requested_by, conversation_key, vm_id, vm_name, modes, plan,
  created_at, expires_at, state, decided_at, decided_by, mode, job_id, message_ref, requested_by_name)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`;

const SELECT_BY_ID = "SELECT * FROM confirmations WHERE id = $1";

/**
 * The whole decision is this one conditional UPDATE: the database lets exactly one concurrent caller match
 * `state = 'pending'`, in this process or any other.
 */
export const DECIDE = `
UPDATE confirmations
SET state = $2, decided_by = $3, decided_at = $4, mode = $5, job_id = $6
WHERE id = $1 AND state = 'pending' AND expires_at > $4
RETURNING *`;

const SET_MESSAGE_REF = "UPDATE confirmations SET message_ref = $2 WHERE id = $1";

/** Newest first; `id` breaks ties between confirmations of the same millisecond so the answer is stable. */
const FIND_PENDING = `
SELECT * FROM confirmations
WHERE requested_by = $1 AND conversation_key = $2 AND state = 'pending' AND expires_at > $3
ORDER BY created_at DESC, id DESC
LIMIT 1`;

const EXPIRE = `
UPDATE confirmations SET state = 'expired'
WHERE state = 'pending' AND expires_at <= $1
RETURNING *`;

export class SqlConfirmationStore implements ConfirmationStore {
  constructor(private readonly db: SqlDatabase) {}

  async create(c: Confirmation): Promise<void> {
    await this.db.query(INSERT, [
      c.id,
      c.platform,
      c.requestedBy,
      c.conversationKey,
      c.vmId,
      c.vmName,
      JSON.stringify(c.modes),
      encodeConfirmationPlan(c.id, c.plan),
      millis(c.createdAt),
      millis(c.expiresAt),
      c.state,
      millisOrNull(c.decidedAt),
      textOrNull(c.decidedBy),
      textOrNull(c.mode),
      textOrNull(c.jobId),
      textOrNull(c.messageRef),
      textOrNull(c.requestedByName),
    ]);
  }

  async get(id: string): Promise<Confirmation | undefined> {
    const [row] = await this.db.query(SELECT_BY_ID, [id]);
    return row && confirmationFrom(row);
  }

  async decide(
    id: string,
    decision: { state: "confirmed" | "cancelled"; by: string; at: Date; mode?: Mode; jobId?: string },
  ): Promise<{ decided: boolean; confirmation: Confirmation | undefined }> {
    const [won] = await this.db.query(DECIDE, [
      id,
      decision.state,
      decision.by,
      millis(decision.at),
      textOrNull(decision.mode),
      textOrNull(decision.jobId),
    ]);
    if (won) return { decided: true, confirmation: confirmationFrom(won) };
    // Lost, expired or unknown: report the row as it stands so the caller can say which.
    return { decided: false, confirmation: await this.get(id) };
  }

  async setMessageRef(id: string, messageRef: string): Promise<void> {
    await this.db.query(SET_MESSAGE_REF, [id, messageRef]);
  }

  async findPending(
    requestedBy: string,
    conversationKey: string,
    now: Date,
  ): Promise<Confirmation | undefined> {
    const [row] = await this.db.query(FIND_PENDING, [requestedBy, conversationKey, millis(now)]);
    return row && confirmationFrom(row);
  }

  async expire(now: Date): Promise<Confirmation[]> {
    const rows = await this.db.query(EXPIRE, [millis(now)]);
    return rows.map(confirmationFrom).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }
}

export function confirmationFrom(row: SqlRow): Confirmation {
  const id = textFrom(row.id);
  return withoutUndefined<Confirmation>({
    id,
    platform: textFrom(row.platform) as Platform,
    requestedBy: textFrom(row.requested_by),
    requestedByName: optionalTextFrom(row.requested_by_name),
    conversationKey: textFrom(row.conversation_key),
    vmId: textFrom(row.vm_id),
    vmName: textFrom(row.vm_name),
    modes: jsonFrom(row.modes) as Mode[],
    plan: decodeConfirmationPlan(id, row.plan),
    createdAt: dateFrom(row.created_at),
    expiresAt: dateFrom(row.expires_at),
    state: textFrom(row.state) as Confirmation["state"],
    decidedAt: optionalDateFrom(row.decided_at),
    decidedBy: optionalTextFrom(row.decided_by),
    mode: optionalTextFrom(row.mode) as Mode | undefined,
    jobId: optionalTextFrom(row.job_id),
    messageRef: optionalTextFrom(row.message_ref),
  });
}
