/**
 * Runs (run-store.port.ts): every decision is one conditional UPDATE whose WHERE names the states it may start
 * from, so of two callers (in this process or another) exactly one wins and a late one changes nothing. A
 * delete run is written with its items in one transaction.
 */

import type { Run, RunItem, RunItemState, RunStore } from "../run-store.port.js";
import { StoreError } from "../store-error.js";
import { millis, textOrNull } from "./sql-codec.js";
import type { SqlDatabase, SqlStatement } from "./sql-database.port.js";
import { INSERT_RUN, INSERT_WAITING_ITEM, runFrom, runItemFrom, runParams } from "./sql-run-row.js";

const SELECT_BY_ID = "SELECT * FROM runs WHERE id = $1";

/** decide() records who decided and when; cancel() (of a running run) records who stopped it and when. */
const DECIDE = `
UPDATE runs SET state = $2, decided_by = $3, decided_at = $4
WHERE id = $1 AND state = 'pending' AND expires_at > $4
RETURNING *`;

const EXPIRE = `
UPDATE runs SET state = 'expired'
WHERE id = $1 AND state = 'pending' AND expires_at <= $2
RETURNING *`;

const CANCEL = `
UPDATE runs SET state = 'cancelled', cancelled_by = $2, cancelled_at = $3
WHERE id = $1 AND state = 'running'
RETURNING *`;

const SET_MESSAGE_REF = "UPDATE runs SET message_ref = $2 WHERE id = $1";

/** Newest first; `id` breaks ties between runs of the same millisecond so the answer is stable. */
const FIND_PENDING = `
SELECT * FROM runs
WHERE requested_by = $1 AND conversation_key = $2 AND state = 'pending' AND expires_at > $3
ORDER BY created_at DESC, id DESC
LIMIT 1`;

const FIND_RUNNING = `
SELECT * FROM runs
WHERE requested_by = $1 AND conversation_key = $2 AND state = 'running'
ORDER BY created_at DESC, id DESC
LIMIT 1`;

/**
 * Confirmed and not done: running, or cancelled while running (cancel() sets cancelled_at). A run cancelled by
 * a press before it started was never confirmed: nothing to resume, no summary to post.
 */
const CONFIRMED = "(state = 'running' OR (state = 'cancelled' AND cancelled_at IS NOT NULL))";

const LIST_UNFINISHED = `SELECT * FROM runs WHERE ${CONFIRMED} ORDER BY created_at, id`;

const FINISH = `UPDATE runs SET state = 'done', summary_sent_at = $2 WHERE id = $1 AND ${CONFIRMED} RETURNING id`;

const ITEMS = "SELECT * FROM run_items WHERE run_id = $1 ORDER BY position";

const SELECT_ITEM = "SELECT * FROM run_items WHERE run_id = $1 AND position = $2";

/** The states an item may still leave; every other one is an end (the port's terminal states). */
const MOVABLE_ITEM_STATES: readonly RunItemState[] = ["waiting", "started", "unknown"];

/**
 * The operation is kept unless the patch brings one (the delete's outcome is told without it); the code and
 * message are the patch's, so an item that leaves "unknown" does not keep that state's error.
 */
const UPDATE_ITEM = `
UPDATE run_items SET state = $3, operation = COALESCE($4, operation), code = $5, message = $6, updated_at = $7
WHERE run_id = $1 AND position = $2 AND state IN (${MOVABLE_ITEM_STATES.map((state) => `'${state}'`).join(", ")})
RETURNING *`;

export class SqlRunStore implements RunStore {
  constructor(private readonly db: SqlDatabase) {}

  async create(run: Run): Promise<void> {
    // Every later state is reached through decide, cancel or finish, whose WHERE clauses keep the state machine.
    if (run.state !== "pending")
      throw new StoreError(`Run "${run.id}" must be created pending, not ${run.state}.`);
    const items: SqlStatement[] =
      run.body.kind === "delete"
        ? run.body.targets.map((_, position) => ({
            sql: INSERT_WAITING_ITEM,
            params: [run.id, position, millis(run.createdAt)],
          }))
        : [];
    await this.db.transaction({ sql: INSERT_RUN, params: runParams(run) }, () => items);
  }

  async get(id: string): Promise<Run | undefined> {
    const [row] = await this.db.query(SELECT_BY_ID, [id]);
    return row && runFrom(row);
  }

  async decide(
    id: string,
    decision: { state: "running" | "cancelled"; by: string; at: Date },
  ): Promise<{ decided: boolean; run: Run | undefined }> {
    const at = millis(decision.at);
    const [won] = await this.db.query(DECIDE, [id, decision.state, decision.by, at]);
    if (won) return { decided: true, run: runFrom(won) };
    const [expired] = await this.db.query(EXPIRE, [id, at]);
    return { decided: false, run: expired ? runFrom(expired) : await this.get(id) };
  }

  async cancel(id: string, by: string, at: Date): Promise<{ cancelled: boolean; run: Run | undefined }> {
    const [cancelled] = await this.db.query(CANCEL, [id, by, millis(at)]);
    if (cancelled) return { cancelled: true, run: runFrom(cancelled) };
    return { cancelled: false, run: await this.get(id) };
  }

  async setMessageRef(id: string, messageRef: string): Promise<void> {
    await this.db.query(SET_MESSAGE_REF, [id, messageRef]);
  }

  async findPending(requestedBy: string, conversationKey: string, now: Date): Promise<Run | undefined> {
    const [row] = await this.db.query(FIND_PENDING, [requestedBy, conversationKey, millis(now)]);
    return row && runFrom(row);
  }

  async findRunning(requestedBy: string, conversationKey: string): Promise<Run | undefined> {
    const [row] = await this.db.query(FIND_RUNNING, [requestedBy, conversationKey]);
    return row && runFrom(row);
  }

  async listUnfinished(): Promise<Run[]> {
    return (await this.db.query(LIST_UNFINISHED)).map(runFrom);
  }

  async finish(id: string, at: Date): Promise<boolean> {
    return (await this.db.query(FINISH, [id, millis(at)])).length === 1;
  }

  async items(runId: string): Promise<RunItem[]> {
    return (await this.db.query(ITEMS, [runId])).map(runItemFrom);
  }

  async updateItem(
    runId: string,
    position: number,
    patch: { state: RunItemState; operation?: string; code?: string; message?: string },
    now: Date,
  ): Promise<RunItem | undefined> {
    const [moved] = await this.db.query(UPDATE_ITEM, [
      runId,
      position,
      patch.state,
      textOrNull(patch.operation),
      textOrNull(patch.code),
      textOrNull(patch.message),
      millis(now),
    ]);
    if (moved) return runItemFrom(moved);
    const [row] = await this.db.query(SELECT_ITEM, [runId, position]);
    return row && runItemFrom(row);
  }
}
