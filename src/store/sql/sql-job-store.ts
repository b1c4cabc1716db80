/** Restore point jobs: created on confirmation, polled to the end, notified exactly once. */

import { decodeJobPlan, encodeJobPlan } from "../plan-codec.js";
import { listOf, ShapeError, textItem } from "../shape-reader.js";
import type { Job, JobPatch, JobStore, Mode, Platform } from "../store.port.js";
import { StoreError } from "../store-error.js";
import {
  checkedLimit,
  dateFrom,
  millis,
  millisOrNull,
  optionalDateFrom,
  optionalTextFrom,
  textFrom,
  textOrNull,
  withoutUndefined,
} from "./sql-codec.js";
import type { SqlDatabase, SqlParam, SqlRow } from "./sql-database.port.js";

const INSERT = `
INSERT INTO jobs (id, confirmation_id, vm_id, vm_name, subscription_id, mode, requested_by, platform,
  conversation_key, message_ref, state, collection_id, restore_point_id, restore_point_name, poller_state,
  plan, error_code, error_message, created_at, updated_at, finished_at, notified_at, resource_group,
  collection_name, captured_disk_names)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
  $23, $24, $25)`;

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
  captured_disk_names = COALESCE($11, captured_disk_names),
  updated_at = $12
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
    // An empty name would only fail later, when the job is resumed against ARM.
    if (job.resourceGroup === "" || job.collectionName === "") {
      throw new StoreError(
        `Job "${job.id}" cannot be stored without a resource group and a collection name.`,
      );
    }
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
      encodeJobPlan(job.id, job.plan),
      textOrNull(job.errorCode),
      textOrNull(job.errorMessage),
      millis(job.createdAt),
      millis(job.updatedAt),
      millisOrNull(job.finishedAt),
      millisOrNull(job.notifiedAt),
      job.resourceGroup,
      job.collectionName,
      diskNamesOrNull(job.capturedDiskNames),
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
      diskNamesOrNull(patch.capturedDiskNames),
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
  const id = textFrom(row.id);
  return withoutUndefined<Job>({
    id,
    confirmationId: optionalTextFrom(row.confirmation_id),
    vmId: textFrom(row.vm_id),
    vmName: textFrom(row.vm_name),
    subscriptionId: textFrom(row.subscription_id),
    resourceGroup: nameFrom(id, "resource group", row.resource_group),
    mode: textFrom(row.mode) as Mode,
    requestedBy: textFrom(row.requested_by),
    platform: textFrom(row.platform) as Platform,
    conversationKey: textFrom(row.conversation_key),
    messageRef: optionalTextFrom(row.message_ref),
    state: textFrom(row.state) as Job["state"],
    collectionName: nameFrom(id, "collection name", row.collection_name),
    collectionId: optionalTextFrom(row.collection_id),
    restorePointId: optionalTextFrom(row.restore_point_id),
    restorePointName: optionalTextFrom(row.restore_point_name),
    pollerState: optionalTextFrom(row.poller_state),
    plan: decodeJobPlan(id, row.plan),
    capturedDiskNames: diskNamesFrom(id, row.captured_disk_names),
    errorCode: optionalTextFrom(row.error_code),
    errorMessage: optionalTextFrom(row.error_message),
    createdAt: dateFrom(row.created_at),
    updatedAt: dateFrom(row.updated_at),
    finishedAt: optionalDateFrom(row.finished_at),
    notifiedAt: optionalDateFrom(row.notified_at),
  });
}

/** Migration 2 fills these from the old plan; '' means it found nothing to fill them with. */
function nameFrom(id: string, what: string, value: unknown): string {
  const name = textFrom(value);
  if (name === "") throw new StoreError(`Job "${id}" has no ${what}: the stored row is incomplete.`);
  return name;
}

/** NULL keeps the column as it is in an update; an empty list is stored (and read back) as []. */
function diskNamesOrNull(names: string[] | undefined): SqlParam {
  return names === undefined ? null : JSON.stringify(names);
}

function diskNamesFrom(id: string, value: unknown): string[] | undefined {
  const text = optionalTextFrom(value);
  if (text === undefined) return undefined;
  try {
    return listOf(JSON.parse(text), "capturedDiskNames", textItem);
  } catch (error) {
    const reason = error instanceof ShapeError ? error.message : "it is not valid JSON";
    throw new StoreError(`The captured disk names of job "${id}" cannot be read: ${reason}.`, {
      cause: error,
    });
  }
}
