/** A delete run's items: written with the run, in order; moved one by one; their ends are never left. */

import { describe, expect, it } from "vitest";
import type { RunItem, RunItemState } from "../../../src/store/run-store.port.js";
import type { CurrentStore } from "./conformance.js";
import { buildDeleteRun, buildRun, deleteBody } from "./run-builders.js";
import { uniqueId } from "./store-builders.js";

const T0 = new Date("2030-01-01T12:00:00.000Z");
const at = (offsetMs: number): Date => new Date(T0.getTime() + offsetMs);

const TERMINAL: readonly RunItemState[] = ["deleted", "already-gone", "refused", "failed", "skipped"];

export function describeRunItemConformance(store: CurrentStore): void {
  describe("run items", () => {
    it("are written with a delete run, one waiting item per target, in position order", async () => {
      // Twelve targets: position 10 must sort after 9, as a number.
      const run = buildDeleteRun({ body: deleteBody(11) });
      await store().runs.create(run);
      const items = await store().runs.items(run.id);
      expect(items).toStrictEqual(
        Array.from({ length: 12 }, (_, position) => ({
          runId: run.id,
          position,
          state: "waiting",
          updatedAt: run.createdAt,
        })),
      );
      const protect = buildRun();
      await store().runs.create(protect);
      expect(await store().runs.items(protect.id)).toStrictEqual([]);
      expect(await store().runs.items(uniqueId("missing"))).toStrictEqual([]);
    });

    it("move from waiting through started and unknown to an end; the code is the latest move's", async () => {
      const run = buildDeleteRun();
      await store().runs.create(run);
      const item = (state: RunItemState, updatedAt: Date, more: Partial<RunItem> = {}): RunItem => ({
        runId: run.id,
        position: 1,
        state,
        updatedAt,
        ...more,
      });
      const operation = JSON.stringify({ operationLocation: "https://x/op/1" });
      const move = (patch: Parameters<ReturnType<CurrentStore>["runs"]["updateItem"]>[2], now: Date) =>
        store().runs.updateItem(run.id, 1, patch, now);

      expect(await move({ state: "started", operation }, at(1))).toStrictEqual(
        item("started", at(1), { operation }),
      );
      const unknown = item("unknown", at(2), { operation, code: "GatewayTimeout", message: "no answer" });
      expect(
        await move({ state: "unknown", code: "GatewayTimeout", message: "no answer" }, at(2)),
      ).toStrictEqual(unknown);
      const deleted = item("deleted", at(3), { operation });
      expect(await move({ state: "deleted" }, at(3))).toStrictEqual(deleted);
      expect(await move({ state: "started", operation: "again" }, at(4))).toStrictEqual(deleted);
      const items = await store().runs.items(run.id);
      expect(items.map((each) => each.state)).toStrictEqual(["waiting", "deleted", "waiting", "waiting"]);
    });

    it("never leave a terminal state, whatever the move asked", async () => {
      const run = buildDeleteRun({ body: deleteBody(TERMINAL.length - 1) });
      await store().runs.create(run);
      for (const [position, end] of TERMINAL.entries()) {
        const ended = await store().runs.updateItem(
          run.id,
          position,
          { state: end, code: "C", message: "M" },
          at(1),
        );
        expect(ended).toStrictEqual({
          runId: run.id,
          position,
          state: end,
          code: "C",
          message: "M",
          updatedAt: at(1),
        });
        for (const next of ["waiting", "started", "unknown", "deleted", "failed"] as const) {
          const patch = { state: next, operation: "op", code: "X", message: "later" };
          expect(
            await store().runs.updateItem(run.id, position, patch, at(2)),
            `${end} -> ${next}`,
          ).toStrictEqual(ended);
        }
      }
      const states = (await store().runs.items(run.id)).map((each) => each.state);
      expect(states).toStrictEqual([...TERMINAL]);
    });

    it("an unknown item may still move, even back to waiting; an item that is not there is undefined", async () => {
      const run = buildDeleteRun();
      await store().runs.create(run);
      await store().runs.updateItem(run.id, 0, { state: "unknown", code: "Timeout", message: "?" }, at(1));
      expect(await store().runs.updateItem(run.id, 0, { state: "already-gone" }, at(2))).toStrictEqual({
        runId: run.id,
        position: 0,
        state: "already-gone",
        updatedAt: at(2),
      });
      expect((await store().runs.updateItem(run.id, 2, { state: "started" }, at(3)))?.state).toBe("started");
      expect((await store().runs.updateItem(run.id, 2, { state: "waiting" }, at(4)))?.state).toBe("waiting");
      expect(await store().runs.updateItem(run.id, 99, { state: "deleted" }, at(5))).toBeUndefined();
      expect(
        await store().runs.updateItem(uniqueId("missing"), 0, { state: "deleted" }, at(5)),
      ).toBeUndefined();
    });
  });
}
