/** Shared checks for the cross-connection and cross-process races. */

import { expect } from "vitest";
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
