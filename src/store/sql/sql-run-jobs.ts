/**
 * A run's member jobs (RunJobs in run-store.port.ts): written only while the run is running, never twice.
 * The insert and the check that the run still runs are one transaction that first locks the run's row with a
 * no-op UPDATE: a cancel (an UPDATE of the same row) then either waits for the insert to commit, or has
 * committed already and the check sees it. Either way no job is written after a cancel that returned, on
 * PostgreSQL (row lock, re-checked after the wait) as on SQLite (one writer at a time).
 */

import type { RunJobInsert } from "../run-store.port.js";
import type { Job } from "../store.port.js";
import { StoreError } from "../store-error.js";
import type { SqlDatabase } from "./sql-database.port.js";
import { INSERT_JOB, jobFrom, jobParams } from "./sql-job-row.js";

const LOCK_IF_RUNNING = "UPDATE runs SET state = 'running' WHERE id = $1 AND state = 'running' RETURNING id";

const JOB_EXISTS = "SELECT id FROM jobs WHERE id = $1";

const LIST_FOR_RUN = "SELECT * FROM jobs WHERE run_id = $1";

export async function createJobForRun(db: SqlDatabase, job: Job): Promise<RunJobInsert> {
  if (job.runId === undefined) throw new StoreError(`Job "${job.id}" is written for a run but names none.`);
  const params = jobParams(job);
  const exists = async (): Promise<boolean> => (await db.query(JOB_EXISTS, [job.id])).length === 1;
  // A job that is there already is told as such, whether or not the run still runs: it is followed, not redone.
  if (await exists()) return "exists";
  let running: boolean;
  try {
    const locked = await db.transaction({ sql: LOCK_IF_RUNNING, params: [job.runId] }, (rows) =>
      rows.length === 1 ? [{ sql: INSERT_JOB, params }] : [],
    );
    running = locked.length === 1;
  } catch (error) {
    // Another caller wrote the same job since the look above: its insert stands, this one wrote nothing.
    if (await exists().catch(() => false)) return "exists";
    throw error;
  }
  if (running) return "created";
  return (await exists()) ? "exists" : "stopped";
}

/** By id in code-unit order, the same in both dialects (PostgreSQL's ORDER BY follows the collation). */
export async function listJobsForRun(db: SqlDatabase, runId: string): Promise<Job[]> {
  const jobs = (await db.query(LIST_FOR_RUN, [runId])).map(jobFrom);
  return jobs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
