/** A jobs row <-> Job: the insert statement and its parameters, and the row read back. */

import { decodeJobPlan, encodeJobPlan } from "../plan-codec.js";
import { listOf, ShapeError, textItem } from "../shape-reader.js";
import type { Job, JobDelivery, JobState, Mode, Platform } from "../store.port.js";
import { StoreError } from "../store-error.js";
import {
  dateFrom,
  millis,
  millisOrNull,
  optionalDateFrom,
  optionalTextFrom,
  textFrom,
  textOrNull,
  withoutUndefined,
} from "./sql-codec.js";
import type { SqlParam, SqlRow } from "./sql-database.port.js";

export const INSERT_JOB = `
INSERT INTO jobs (id, confirmation_id, vm_id, vm_name, subscription_id, mode, requested_by, platform,
  conversation_key, message_ref, state, collection_id, restore_point_id, restore_point_name, poller_state,
  plan, error_code, error_message, created_at, updated_at, finished_at, notified_at, resource_group,
  collection_name, captured_disk_names, delivery, requested_by_name, run_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
  $23, $24, $25, $26, $27, $28)`;

export function jobParams(job: Job): SqlParam[] {
  // An empty name would only fail later, when the job is resumed against ARM.
  if (job.resourceGroup === "" || job.collectionName === "") {
    throw new StoreError(`Job "${job.id}" cannot be stored without a resource group and a collection name.`);
  }
  return [
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
    job.delivery,
    textOrNull(job.requestedByName),
    textOrNull(job.runId),
  ];
}

export function jobFrom(row: SqlRow): Job {
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
    requestedByName: optionalTextFrom(row.requested_by_name),
    platform: textFrom(row.platform) as Platform,
    conversationKey: textFrom(row.conversation_key),
    messageRef: optionalTextFrom(row.message_ref),
    state: textFrom(row.state) as JobState,
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
    delivery: textFrom(row.delivery) as JobDelivery,
    runId: optionalTextFrom(row.run_id),
  });
}

/** Migration 2 fills these from the old plan; '' means it found nothing to fill them with. */
function nameFrom(id: string, what: string, value: unknown): string {
  const name = textFrom(value);
  if (name === "") throw new StoreError(`Job "${id}" has no ${what}: the stored row is incomplete.`);
  return name;
}

/** NULL keeps the column as it is in an update; an empty list is stored (and read back) as []. */
export function diskNamesOrNull(names: string[] | undefined): SqlParam {
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
