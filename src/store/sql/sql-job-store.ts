/** Restore point jobs: created on confirmation, polled to the end, notified exactly once. */

import type { Job, JobPatch, JobStore, Mode, Platform } from "../store.port.js";
import {
  checkedLimit,
  dateFrom,
  jsonFrom,
  jsonOrNull,
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
INSERT INTO jobs (id, confirmation_id, vm_id, vm_name, subscription_id, mode, requested_by, platform,
  conversation_key, message_ref, state, collection_id, restore_point_id, restore_point_name, poller_state,
  plan, error_code, error_message, created_at, updated_at, finished_at, notified_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`;

const SELECT_BY_ID = "SELECT * FROM jobs WHERE id = $1";

/**
 * A fixed statement for every patch: a NULL parameter keeps the column as it is, so only the fields the
 * patch carries change, and the read-modify-write happens inside the database in one step.
 */
const UPDATE = `
UPDATE jobs SET
  state = COALESCE($2, state),
  collection_id = COALESCE($3, collection_id),
  restore_point_id = COALESCE($4, restore_point_id),
  restore_point_name = COALESCE($5, restore_point_name),
  poller_state = COALESCE($6, poller_state),
  error_code = COALESCE($7, error_code),
  error_message = COALESCE($8, error_message),
  finished_at = COALESCE($9, finished_at),
  message_ref = COALESCE($10, message_ref),
  updated_at = $11
WHERE id = $1
RETURNING *`;

const LIST_UNFINISHED = `
SELECT * FROM jobs WHERE state IN ('starting', 'running') ORDER BY created_at, id`;

const FIND_ACTIVE_FOR_VM = `
SELECT * FROM jobs
WHERE lower(vm_id) = lower($1) AND state IN ('starting', 'running')
ORDER BY created_at DESC, id DESC
LIMIT 1`;

const LIST_RECENT = "SELECT * FROM jobs ORDER BY created_at DESC, id DESC LIMIT $1";

const LIST_RECENT_BY_REQUESTER = `
SELECT * FROM jobs WHERE requested_by = $1 ORDER BY created_at DESC, id DESC LIMIT $2`;

/** Only the caller whose UPDATE found notified_at still empty gets a row back: exactly-once notification. */
const MARK_NOTIFIED = `
UPDATE jobs SET notified_at = $2 WHERE id = $1 AND notified_at IS NULL RETURNING id`;

export class SqlJobStore implements JobStore {
  constructor(private readonly db: SqlDatabase) {}

  async create(job: Job): Promise<void> {
    await this.db.query(INSERT, [
      job.id,
      textOrNull(job.confirmationId),
      job.vmId,
      job.vmName,
      job.subscriptionId,
      job.mode,
      job.requestedBy,
      job.platform,
      job.conversationKey,
      textOrNull(job.messageRef),
      job.state,
      textOrNull(job.collectionId),
      textOrNull(job.restorePointId),
      textOrNull(job.restorePointName),
      textOrNull(job.pollerState),
      jsonOrNull(job.plan),
      textOrNull(job.errorCode),
      textOrNull(job.errorMessage),
      millis(job.createdAt),
      millis(job.updatedAt),
      millisOrNull(job.finishedAt),
      millisOrNull(job.notifiedAt),
    ]);
  }

  async get(id: string): Promise<Job | undefined> {
    const [row] = await this.db.query(SELECT_BY_ID, [id]);
    return row && jobFrom(row);
  }

  /** Sets the fields the patch holds (undefined means "leave as is") and updatedAt = now. */
  async update(id: string, patch: JobPatch, now: Date): Promise<Job | undefined> {
    const [row] = await this.db.query(UPDATE, [
      id,
      textOrNull(patch.state),
      textOrNull(patch.collectionId),
      textOrNull(patch.restorePointId),
      textOrNull(patch.restorePointName),
      textOrNull(patch.pollerState),
      textOrNull(patch.errorCode),
      textOrNull(patch.errorMessage),
      millisOrNull(patch.finishedAt),
      textOrNull(patch.messageRef),
      millis(now),
    ]);
    return row && jobFrom(row);
  }

  async listUnfinished(): Promise<Job[]> {
    return (await this.db.query(LIST_UNFINISHED)).map(jobFrom);
  }

  async findActiveForVm(vmId: string): Promise<Job | undefined> {
    const [row] = await this.db.query(FIND_ACTIVE_FOR_VM, [vmId]);
    return row && jobFrom(row);
  }

  async listRecent(options: { requestedBy?: string; limit: number }): Promise<Job[]> {
    const limit = checkedLimit(options.limit);
    const rows =
      options.requestedBy === undefined
        ? await this.db.query(LIST_RECENT, [limit])
        : await this.db.query(LIST_RECENT_BY_REQUESTER, [options.requestedBy, limit]);
    return rows.map(jobFrom);
  }

  async markNotified(id: string, at: Date): Promise<boolean> {
    const rows = await this.db.query(MARK_NOTIFIED, [id, millis(at)]);
    return rows.length === 1;
  }
}

function jobFrom(row: SqlRow): Job {
  return withoutUndefined<Job>({
    id: textFrom(row.id),
    confirmationId: optionalTextFrom(row.confirmation_id),
    vmId: textFrom(row.vm_id),
    vmName: textFrom(row.vm_name),
    subscriptionId: textFrom(row.subscription_id),
    mode: textFrom(row.mode) as Mode,
    requestedBy: textFrom(row.requested_by),
    platform: textFrom(row.platform) as Platform,
    conversationKey: textFrom(row.conversation_key),
    messageRef: optionalTextFrom(row.message_ref),
    state: textFrom(row.state) as Job["state"],
    collectionId: optionalTextFrom(row.collection_id),
    restorePointId: optionalTextFrom(row.restore_point_id),
    restorePointName: optionalTextFrom(row.restore_point_name),
    pollerState: optionalTextFrom(row.poller_state),
    plan: jsonFrom(row.plan),
    errorCode: optionalTextFrom(row.error_code),
    errorMessage: optionalTextFrom(row.error_message),
    createdAt: dateFrom(row.created_at),
    updatedAt: dateFrom(row.updated_at),
    finishedAt: optionalDateFrom(row.finished_at),
    notifiedAt: optionalDateFrom(row.notified_at),
  });
}
