/** Shared checks for the cross-connection and cross-process races. */

import { expect } from "vitest";
import type { RunJobInsert } from "../../../src/store/run-store.port.js";
import type { Store } from "../../../src/store/store.port.js";
import { buildConfirmation, buildJob } from "./store-builders.js";

export interface RaceOutcome {
  decided: boolean[];
  acquired: boolean[];
  ended: boolean[];
}

/** Creates `count` pending confirmations and running jobs named `${prefix}-c-i` / `${prefix}-j-i`. */
export async function seedRace(store: Store, prefix: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await store.confirmations.create(
      buildConfirmation({ id: `${prefix}-c-${i}`, createdAt: new Date("2030-01-01T10:00:00.000Z") }),
    );
    await store.jobs.create(buildJob({ id: `${prefix}-j-${i}`, state: "running" }));
  }
}

/** For every race i, exactly one racer won each of decide, acquire and finish. */
export function expectOneWinnerEach(outcomes: RaceOutcome[], count: number): void {
  for (let i = 0; i < count; i += 1) {
    for (const kind of ["decided", "acquired", "ended"] as const) {
      const winners = outcomes.filter((outcome) => outcome[kind][i] === true);
      expect(winners, `${kind} #${i}`).toHaveLength(1);
    }
  }
}

/** One createForRun call in a race against the run's cancel. */
export interface RunInsertOutcome {
  index: number;
  result: RunJobInsert;
  /** The call began after cancel() had returned (its UPDATE committed). */
  afterCancel: boolean;
}

export interface RunRace {
  outcomes: RunInsertOutcome[];
  /** listForRun right after cancel() returned, and once every racer had stopped. */
  writtenAtCancel: string[];
  writtenAtEnd: string[];
}

/**
 * The cancel cut the inserts in two: everything begun after it was stopped, nothing was written after it
 * returned, and exactly the inserts that said "created" wrote a job. Both sides of the cut must have happened,
 * or the race proved nothing.
 */
export function expectCancelCutTheInserts(race: RunRace, runId: string): void {
  const created = race.outcomes.filter((outcome) => outcome.result === "created");
  expect(created.length, "inserts created before the cancel").toBeGreaterThan(0);
  const late = race.outcomes.filter((outcome) => outcome.afterCancel);
  expect(late.length, "inserts begun after the cancel").toBeGreaterThan(0);
  for (const outcome of late)
    expect(outcome.result, `insert #${outcome.index} after the cancel`).toBe("stopped");
  expect(race.outcomes.filter((outcome) => outcome.result === "exists")).toStrictEqual([]);
  const createdIds = created.map((outcome) => `${runId}-${outcome.index}`).sort();
  expect(race.writtenAtEnd).toStrictEqual(createdIds);
  expect(race.writtenAtCancel).toStrictEqual(race.writtenAtEnd);
}
