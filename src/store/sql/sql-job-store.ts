/**
 * Restore point jobs as a state machine (job-states.ts): every move is one conditional UPDATE whose WHERE
 * names the states it may start from, so a late or second writer changes nothing; the move that ends a job
 * writes its notification in the same transaction (the outbox), and a press writes its job together with the
 * confirmation's decision.
 */

import { MOVES_FROM, UNFINISHED_JOB_STATES } from "../job-states.js";
import type { RunJobInsert } from "../run-store.port.js";
import type {
  Confirmation,
  ConfirmDecision,
  Job,
  JobEnding,
  JobPatch,
  JobState,
  JobStore,
} from "../store.port.js";
import { checkedLimit, millis, textOrNull } from "./sql-codec.js";
import { confirmationFrom, DECIDE } from "./sql-confirmation-store.js";
import type { SqlDatabase, SqlParam } from "./sql-database.port.js";
import { diskNamesOrNull, INSERT_JOB, jobFrom, jobParams } from "./sql-job-row.js";
import { createJobForRun, listJobsForRun } from "./sql-run-jobs.js";

/** The states as SQL literals; they come from the table above, never from input. */
const inList = (states: readonly JobState[]): string => states.map((state) => `'${state}'`).join(", ");
const UNFINISHED = inList(UNFINISHED_JOB_STATES);

const SELECT_BY_ID = "SELECT * FROM jobs WHERE id = $1";

/** A NULL parameter keeps the column as it is, so only the fields the patch carries change. */
const advanceTo = (to: JobState): string => `
UPDATE jobs SET
  state = '${to}',
  collection_id = COALESCE($2, collection_id),
  restore_point_id = COALESCE($3, restore_point_id),
  restore_point_name = COALESCE($4, restore_point_name),
  poller_state = COALESCE($5, poller_state),
  message_ref = COALESCE($6, message_ref),
  captured_disk_names = COALESCE($7, captured_disk_names),
  updated_at = $8
WHERE id = $1 AND state IN (${inList(MOVES_FROM[to])})
RETURNING *`;
const ADVANCE = { starting: advanceTo("starting"), running: advanceTo("running") } as const;

const AMEND = `
UPDATE jobs SET message_ref = COALESCE($2, message_ref), poller_state = COALESCE($3, poller_state), updated_at = $4
WHERE id = $1 AND state IN (${UNFINISHED})
RETURNING *`;

/** $7: the delivery; $8: notified_at (the reply told it) or NULL (the outbox will). */
const finishAs = (to: JobEnding["state"]): string => `
UPDATE jobs SET
  state = '${to}',
  restore_point_id = COALESCE($2, restore_point_id),
  captured_disk_names = COALESCE($3, captured_disk_names),
  error_code = $4,
  error_message = $5,
  finished_at = $6,
  updated_at = $6,
  delivery = $7,
  notified_at = $8
WHERE id = $1 AND state IN (${inList(MOVES_FROM[to])})
RETURNING *`;
const FINISH = {
  succeeded: finishAs("succeeded"),
  failed: finishAs("failed"),
  lost: finishAs("lost"),
} as const;

const INSERT_NOTIFICATION = `
INSERT INTO notifications (job_id, platform, state, attempts, next_attempt_at, card_done, created_at)
VALUES ($1, $2, 'pending', 0, $3, 0, $3)
ON CONFLICT (job_id) DO NOTHING`;

const LIST_UNFINISHED = `SELECT * FROM jobs WHERE state IN (${UNFINISHED}) ORDER BY created_at, id`;

const FIND_ACTIVE_FOR_VM = `
SELECT * FROM jobs
WHERE lower(vm_id) = lower($1) AND state IN (${UNFINISHED})
ORDER BY created_at DESC, id DESC
LIMIT 1`;

const FIND_FOR_CONFIRMATION = `
SELECT * FROM jobs WHERE confirmation_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`;

const LIST_RECENT = "SELECT * FROM jobs ORDER BY created_at DESC, id DESC LIMIT $1";

const LIST_RECENT_BY_REQUESTER = `
SELECT * FROM jobs WHERE requested_by = $1 ORDER BY created_at DESC, id DESC LIMIT $2`;

export class SqlJobStore implements JobStore {
  constructor(private readonly db: SqlDatabase) {}

  async create(job: Job): Promise<void> {
    await this.db.query(INSERT_JOB, jobParams(job));
  }

  async createConfirmed(
    job: Job,
    decision: ConfirmDecision,
  ): Promise<{ decided: true; job: Job } | { decided: false; confirmation: Confirmation | undefined }> {
    const params = jobParams({ ...job, state: "pending", confirmationId: decision.confirmationId });
    const decide = [
      decision.confirmationId,
      "confirmed",
      decision.by,
      millis(decision.at),
      decision.mode,
      job.id,
    ];
    const decided = await this.db.transaction({ sql: DECIDE, params: decide }, (rows) =>
      rows.length === 1 ? [{ sql: INSERT_JOB, params }] : [],
    );
    const won = decided.length === 1;
    if (won) return { decided: true, job: (await this.get(job.id)) ?? job };
    const [row] = await this.db.query("SELECT * FROM confirmations WHERE id = $1", [decision.confirmationId]);
    return { decided: false, confirmation: row && confirmationFrom(row) };
  }

  async createForRun(job: Job): Promise<RunJobInsert> {
    return createJobForRun(this.db, job);
  }

  async listForRun(runId: string): Promise<Job[]> {
    return listJobsForRun(this.db, runId);
  }

  async get(id: string): Promise<Job | undefined> {
    const [row] = await this.db.query(SELECT_BY_ID, [id]);
    return row && jobFrom(row);
  }

  async advance(
    id: string,
    to: "starting" | "running",
    patch: JobPatch,
    now: Date,
  ): Promise<Job | undefined> {
    const [row] = await this.db.query(ADVANCE[to], [
      id,
      textOrNull(patch.collectionId),
      textOrNull(patch.restorePointId),
      textOrNull(patch.restorePointName),
      textOrNull(patch.pollerState),
      textOrNull(patch.messageRef),
      diskNamesOrNull(patch.capturedDiskNames),
      millis(now),
    ]);
    return row && jobFrom(row);
  }

  async amend(
    id: string,
    patch: Pick<JobPatch, "messageRef" | "pollerState">,
    now: Date,
  ): Promise<Job | undefined> {
    const params = [id, textOrNull(patch.messageRef), textOrNull(patch.pollerState), millis(now)];
    const [row] = await this.db.query(AMEND, params);
    return row && jobFrom(row);
  }

  async finish(id: string, ending: JobEnding, tell: "outbox" | "reply", now: Date): Promise<Job | undefined> {
    const at = millis(now);
    const params: SqlParam[] =
      ending.state === "succeeded"
        ? [id, textOrNull(ending.restorePointId), diskNamesOrNull(ending.capturedDiskNames), null, null]
        : [id, null, null, ending.errorCode, ending.errorMessage];
    params.push(at, tell, tell === "reply" ? at : null);
    const [row] = await this.db.transaction({ sql: FINISH[ending.state], params }, ([ended]) =>
      ended && tell === "outbox"
        ? [{ sql: INSERT_NOTIFICATION, params: [id, String(ended.platform), at] }]
        : [],
    );
    return row && jobFrom(row);
  }

  async findForConfirmation(confirmationId: string): Promise<Job | undefined> {
    const [row] = await this.db.query(FIND_FOR_CONFIRMATION, [confirmationId]);
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
}
