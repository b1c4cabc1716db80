/** A runs row <-> Run and a run_items row <-> RunItem: the insert statements and the rows read back. */

import { decodeRunBody, encodeRunBody } from "../run-codec.js";
import type { Run, RunItem, RunItemState, RunKind, RunState } from "../run-store.port.js";
import type { Platform } from "../store.port.js";
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

export const INSERT_RUN = `
INSERT INTO runs (id, kind, platform, requested_by, requested_by_name, conversation_key, message_ref, label,
  body, state, created_at, expires_at, decided_at, decided_by, cancelled_at, cancelled_by, summary_sent_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`;

export function runParams(run: Run): SqlParam[] {
  return [
    run.id,
    run.kind,
    run.platform,
    run.requestedBy,
    textOrNull(run.requestedByName),
    run.conversationKey,
    textOrNull(run.messageRef),
    run.label,
    encodeRunBody(run.id, run.kind, run.body),
    run.state,
    millis(run.createdAt),
    millis(run.expiresAt),
    millisOrNull(run.decidedAt),
    textOrNull(run.decidedBy),
    millisOrNull(run.cancelledAt),
    textOrNull(run.cancelledBy),
    millisOrNull(run.summarySentAt),
  ];
}

export function runFrom(row: SqlRow): Run {
  const id = textFrom(row.id);
  const kind = textFrom(row.kind) as RunKind;
  return withoutUndefined<Run>({
    id,
    kind,
    platform: textFrom(row.platform) as Platform,
    requestedBy: textFrom(row.requested_by),
    requestedByName: optionalTextFrom(row.requested_by_name),
    conversationKey: textFrom(row.conversation_key),
    messageRef: optionalTextFrom(row.message_ref),
    label: textFrom(row.label),
    body: decodeRunBody(id, kind, row.body),
    state: textFrom(row.state) as RunState,
    createdAt: dateFrom(row.created_at),
    expiresAt: dateFrom(row.expires_at),
    decidedAt: optionalDateFrom(row.decided_at),
    decidedBy: optionalTextFrom(row.decided_by),
    cancelledAt: optionalDateFrom(row.cancelled_at),
    cancelledBy: optionalTextFrom(row.cancelled_by),
    summarySentAt: optionalDateFrom(row.summary_sent_at),
  });
}

/** Every item starts waiting; its time is the run's creation. */
export const INSERT_WAITING_ITEM = `
INSERT INTO run_items (run_id, position, state, updated_at) VALUES ($1, $2, 'waiting', $3)`;

export function runItemFrom(row: SqlRow): RunItem {
  return withoutUndefined<RunItem>({
    runId: textFrom(row.run_id),
    position: Number(row.position),
    state: textFrom(row.state) as RunItemState,
    operation: optionalTextFrom(row.operation),
    code: optionalTextFrom(row.code),
    message: optionalTextFrom(row.message),
    updatedAt: dateFrom(row.updated_at),
  });
}
