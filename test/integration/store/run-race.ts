/**
 * createForRun racing a cancel, within one process over several connections (PostgreSQL pools): racers write
 * member jobs one after another; once some are created, the run is cancelled; each racer goes on for a few
 * inserts after it saw the cancel return. sqlite-run-race.child.ts does the same across processes.
 */

import type { Run } from "../../../src/store/run-store.port.js";
import type { Store } from "../../../src/store/store.port.js";
import type { RunInsertOutcome, RunRace } from "./race-assertions.js";
import { buildMemberJob, buildRun } from "./run-builders.js";

/** Inserts each racer makes once it knows the cancel returned: they must all be stopped. */
export const INSERTS_AFTER_CANCEL = 5;
/** The run is cancelled once this many inserts were created. */
export const CREATED_BEFORE_CANCEL = 8;
/** A bound on each racer's inserts, should the cancel never come. */
const MAX_INSERTS = 2_000;

const START = new Date("2030-01-01T14:00:00.000Z");

/** A run confirmed by its requester, ready to take member jobs. */
export async function runningRun(store: Store): Promise<Run> {
  const run = buildRun({ createdAt: START });
  await store.runs.create(run);
  await store.runs.decide(run.id, { state: "running", by: run.requestedBy, at: START });
  return run;
}

export async function raceInsertsAgainstCancel(
  racers: Store[],
  canceller: Store,
  run: Run,
): Promise<RunRace> {
  let nextIndex = 0;
  let created = 0;
  let cancelReturned = false;
  let cancelFailed = false;
  let cancelling: Promise<string[]> | undefined;
  const cancel = async (): Promise<string[]> => {
    try {
      const { cancelled } = await canceller.runs.cancel(run.id, run.requestedBy, START);
      if (!cancelled) throw new Error("the cancel did not cancel the running run");
    } catch (error) {
      cancelFailed = true;
      throw error;
    }
    cancelReturned = true;
    return (await canceller.jobs.listForRun(run.id)).map((job) => job.id);
  };

  const race = async (store: Store): Promise<RunInsertOutcome[]> => {
    const outcomes: RunInsertOutcome[] = [];
    let late = 0;
    while (late < INSERTS_AFTER_CANCEL && outcomes.length < MAX_INSERTS && !cancelFailed) {
      const index = nextIndex++;
      const afterCancel = cancelReturned;
      const result = await store.jobs.createForRun(buildMemberJob(run, index));
      outcomes.push({ index, result, afterCancel });
      if (afterCancel) late += 1;
      if (result === "created" && ++created === CREATED_BEFORE_CANCEL) {
        cancelling = cancel();
        // Awaited below, once the racers stop; until then a failure only stops them.
        cancelling.catch(() => undefined);
      }
    }
    return outcomes;
  };

  const outcomes = (await Promise.all(racers.map(race))).flat();
  const writtenAtCancel = cancelling ? await cancelling : [];
  const writtenAtEnd = (await canceller.jobs.listForRun(run.id)).map((job) => job.id);
  return { outcomes, writtenAtCancel, writtenAtEnd };
}
