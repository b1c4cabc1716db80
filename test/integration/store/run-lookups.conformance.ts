/** RunStore.findPending and findRunning: the run a typed "cancel" refers to, before and after the press. */

import { describe, expect, it } from "vitest";
import type { Run } from "../../../src/store/run-store.port.js";
import type { CurrentStore } from "./conformance.js";
import { buildDeleteRun, buildRun, runAsker } from "./run-builders.js";
import { uniqueId } from "./store-builders.js";

const T0 = new Date("2030-01-01T13:00:00.000Z");
const at = (offsetMs: number): Date => new Date(T0.getTime() + offsetMs);

export function describeRunLookupConformance(store: CurrentStore): void {
  /** Runs of one person in one conversation, created in the order given (each at T0 + its offset). */
  async function createAll(runs: Run[]): Promise<void> {
    for (const run of runs) await store().runs.create(run);
  }

  describe("findPending", () => {
    it("returns the newest pending, unexpired run of that person in that conversation", async () => {
      const asker = runAsker();
      const older = buildRun({ ...asker, createdAt: at(1_000) });
      const newest = buildDeleteRun({ ...asker, createdAt: at(3_000) });
      const middle = buildRun({ ...asker, createdAt: at(2_000) });
      const someoneElse = buildRun({ ...asker, requestedBy: uniqueId("teams:aad"), createdAt: at(4_000) });
      const elsewhere = buildRun({ ...asker, conversationKey: uniqueId("teams:19"), createdAt: at(5_000) });
      const decided = buildRun({ ...asker, createdAt: at(6_000) });
      // Still marked pending, but past its expiry at the moment asked about.
      const lapsed = buildRun({ ...asker, createdAt: at(7_000), expiresAt: at(10_000) });
      await createAll([older, newest, middle, someoneElse, elsewhere, decided, lapsed]);
      await store().runs.decide(decided.id, { state: "cancelled", by: asker.requestedBy, at: at(6_500) });

      const find = (now: Date) => store().runs.findPending(asker.requestedBy, asker.conversationKey, now);
      expect(await find(at(10_000))).toStrictEqual(newest);
      expect(await find(at(9_999))).toStrictEqual(lapsed);
      await store().runs.decide(newest.id, { state: "running", by: asker.requestedBy, at: at(10_000) });
      expect(await find(at(10_000))).toStrictEqual(middle);
    });

    it("counts a run as expired from its expiry instant on, and finds none for a stranger", async () => {
      const asker = runAsker();
      const run = buildRun({ ...asker, createdAt: T0, expiresAt: at(60_000) });
      await createAll([run]);
      const find = (now: Date) => store().runs.findPending(asker.requestedBy, asker.conversationKey, now);
      expect(await find(at(59_999))).toStrictEqual(run);
      expect(await find(at(60_000))).toBeUndefined();
      expect(await store().runs.findPending(uniqueId("nobody"), asker.conversationKey, T0)).toBeUndefined();
    });
  });

  describe("findRunning", () => {
    it("returns the newest running run of that person in that conversation, whatever its expiry", async () => {
      const asker = runAsker();
      const start = async (run: Run): Promise<Run> => {
        await store().runs.decide(run.id, { state: "running", by: asker.requestedBy, at: at(100_000) });
        return { ...run, state: "running", decidedBy: asker.requestedBy, decidedAt: at(100_000) };
      };
      const older = buildRun({ ...asker, createdAt: at(1_000) });
      const newer = buildDeleteRun({ ...asker, createdAt: at(2_000) });
      const pending = buildRun({ ...asker, createdAt: at(3_000) });
      const cancelled = buildRun({ ...asker, createdAt: at(4_000) });
      const done = buildRun({ ...asker, createdAt: at(5_000) });
      const someoneElse = buildRun({ ...asker, requestedBy: uniqueId("teams:aad"), createdAt: at(6_000) });
      const elsewhere = buildRun({ ...asker, conversationKey: uniqueId("teams:19"), createdAt: at(7_000) });
      await createAll([older, newer, pending, cancelled, done, someoneElse, elsewhere]);
      const startedOlder = await start(older);
      const startedNewer = await start(newer);
      for (const run of [cancelled, done, someoneElse, elsewhere]) await start(run);
      await store().runs.cancel(cancelled.id, asker.requestedBy, at(200_000));
      await store().runs.finish(done.id, at(200_000));

      const find = () => store().runs.findRunning(asker.requestedBy, asker.conversationKey);
      expect(await find()).toStrictEqual(startedNewer);
      await store().runs.cancel(newer.id, asker.requestedBy, at(300_000));
      expect(await find()).toStrictEqual(startedOlder);
      await store().runs.finish(newer.id, at(300_000));
      await store().runs.cancel(older.id, asker.requestedBy, at(300_000));
      expect(await find()).toBeUndefined();
    });
  });
}
