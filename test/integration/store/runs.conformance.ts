/** RunStore: round trips of both kinds, the once-only decision, cancel, finish and the unfinished list. */

import { describe, expect, it } from "vitest";
import type { ProtectMember, Run } from "../../../src/store/run-store.port.js";
import { StoreError } from "../../../src/store/store-error.js";
import type { CurrentStore } from "./conformance.js";
import { buildDeleteRun, buildRun, deleteBody, protectBody } from "./run-builders.js";
import { describeRunItemConformance } from "./run-items.conformance.js";
import { describeRunJobConformance } from "./run-jobs.conformance.js";
import { describeRunLookupConformance } from "./run-lookups.conformance.js";
import { CRASH_PLAN, uniqueId } from "./store-builders.js";

const T0 = new Date("2030-01-01T12:00:00.000Z");
const at = (offsetMs: number): Date => new Date(T0.getTime() + offsetMs);

export function describeRunConformance(store: CurrentStore): void {
  describe("runs", () => {
    /** A run confirmed by its requester at T0 + 1 s. */
    async function runningRun(overrides: Partial<Run> = {}): Promise<Run> {
      const run = buildRun(overrides);
      await store().runs.create(run);
      const { decided } = await store().runs.decide(run.id, {
        state: "running",
        by: run.requestedBy,
        at: at(1_000),
      });
      expect(decided).toBe(true);
      return { ...run, state: "running", decidedBy: run.requestedBy, decidedAt: at(1_000) };
    }

    it("round-trips a protect run, every field and its typed body", async () => {
      const run = buildRun({ requestedByName: "Åsa Öberg-Lind 🦊", messageRef: "1700000000.000200" });
      await store().runs.create(run);
      expect(await store().runs.get(run.id)).toStrictEqual(run);
    });

    it("round-trips a delete run, and each set target and body shape", async () => {
      const run = buildDeleteRun({ platform: "console" });
      const cleanUpBody = deleteBody(0, { asked: "clean-up", scopeId: "/subscriptions/s/resourceGroups/rg" });
      delete cleanUpBody.vm;
      const cleanUp = buildDeleteRun({ body: cleanUpBody });
      const targets = [
        { kind: "scale-set", name: "vmss-web" },
        { kind: "resource-group", name: "rg-prod", subscriptionId: "sub-1" },
        { kind: "resource-group", name: "rg-prod" },
        { kind: "tag", key: "env", value: "prod" },
        { kind: "named", name: "avset-web", resourceGroup: "rg-web" },
      ] as const;
      const protects = targets.map((target) =>
        buildRun({ body: protectBody({ target, assessWindow: false }) }),
      );
      for (const each of [run, cleanUp, ...protects]) {
        await store().runs.create(each);
        expect(await store().runs.get(each.id)).toStrictEqual(each);
      }
      expect(Object.keys((await store().runs.get(run.id)) ?? {})).not.toContain("requestedByName");
      expect(await store().runs.get(uniqueId("missing"))).toBeUndefined();
    });

    it("refuses a second run with the same id, a run not pending, and a body it could not read back", async () => {
      const run = buildRun();
      await store().runs.create(run);
      await expect(store().runs.create({ ...run, label: "other" })).rejects.toThrow(
        /UNIQUE constraint failed: runs\.id|duplicate key value violates unique constraint "runs_pkey"/,
      );
      expect(await store().runs.get(run.id)).toStrictEqual(run);

      const running = buildRun({ state: "running" });
      await expect(store().runs.create(running)).rejects.toThrow(
        `Run "${running.id}" must be created pending, not running.`,
      );
      const badMember = { vm: CRASH_PLAN.vm, plan: CRASH_PLAN };
      const bad = buildRun({ body: protectBody({ members: [badMember as unknown as ProtectMember] }) });
      const reading = store().runs.create(bad);
      await expect(reading).rejects.toBeInstanceOf(StoreError);
      await expect(reading).rejects.toThrow(
        `The stored body of run "${bad.id}" cannot be stored: body.members[0].vm.resourceGroup is missing, expected text.`,
      );
      const mismatched = buildDeleteRun({ body: protectBody() });
      await expect(store().runs.create(mismatched)).rejects.toThrow(
        /body\.kind is "protect", but the run is a delete run/,
      );
      for (const refused of [running, bad, mismatched])
        expect(await store().runs.get(refused.id)).toBeUndefined();
    });

    it("decide: of ten presses one wins; the rest are told the run as it stands", async () => {
      const run = buildRun();
      await store().runs.create(run);
      const presses = Array.from({ length: 10 }, (_, i) =>
        store().runs.decide(run.id, {
          state: i % 2 === 0 ? "running" : "cancelled",
          by: `slack:T123:U${i}`,
          at: at(1_000 + i),
        }),
      );
      const results = await Promise.all(presses);
      const winners = results.filter((result) => result.decided);
      expect(winners).toHaveLength(1);
      const decided = await store().runs.get(run.id);
      expect(winners[0]?.run).toStrictEqual(decided);
      expect(decided?.state).toMatch(/^(running|cancelled)$/);
      for (const lost of results.filter((result) => !result.decided)) {
        expect(lost).toStrictEqual({ decided: false, run: decided });
      }
    });

    it("decide records who and when: a confirm press starts the run, a cancel press cancels it", async () => {
      const confirmed = buildRun();
      const dropped = buildRun();
      for (const run of [confirmed, dropped]) await store().runs.create(run);
      const started = await store().runs.decide(confirmed.id, {
        state: "running",
        by: "slack:T123:U456",
        at: at(5),
      });
      expect(started).toStrictEqual({
        decided: true,
        run: { ...confirmed, state: "running", decidedBy: "slack:T123:U456", decidedAt: at(5) },
      });
      const cancelled = await store().runs.decide(dropped.id, {
        state: "cancelled",
        by: "slack:T123:U9",
        at: at(6),
      });
      const expected = {
        ...dropped,
        state: "cancelled" as const,
        decidedBy: "slack:T123:U9",
        decidedAt: at(6),
      };
      expect(cancelled).toStrictEqual({ decided: true, run: expected });
      // Decided once: a second press of either kind changes nothing.
      expect(await store().runs.decide(dropped.id, { state: "running", by: "x", at: at(7) })).toStrictEqual({
        decided: false,
        run: expected,
      });
    });

    it("decide marks a pending run past its expiry expired, from its expiry instant on", async () => {
      const fresh = buildRun();
      const stale = buildRun();
      for (const run of [fresh, stale]) await store().runs.create(run);
      const justBefore = new Date(fresh.expiresAt.getTime() - 1);
      expect(
        (await store().runs.decide(fresh.id, { state: "running", by: "u", at: justBefore })).decided,
      ).toBe(true);
      const late = await store().runs.decide(stale.id, { state: "running", by: "u", at: stale.expiresAt });
      expect(late).toStrictEqual({ decided: false, run: { ...stale, state: "expired" } });
      expect(await store().runs.get(stale.id)).toStrictEqual({ ...stale, state: "expired" });
      const cancelPress = await store().runs.decide(stale.id, { state: "cancelled", by: "u", at: at(1) });
      expect(cancelPress).toStrictEqual({ decided: false, run: { ...stale, state: "expired" } });
    });

    it("decide of an unknown run says so", async () => {
      expect(
        await store().runs.decide(uniqueId("missing"), { state: "running", by: "u", at: T0 }),
      ).toStrictEqual({
        decided: false,
        run: undefined,
      });
    });

    it("cancel stops a running run once, and no other", async () => {
      const running = await runningRun();
      const cancelled = await store().runs.cancel(running.id, "slack:T123:U7", at(2_000));
      const expected: Run = {
        ...running,
        state: "cancelled",
        cancelledBy: "slack:T123:U7",
        cancelledAt: at(2_000),
      };
      expect(cancelled).toStrictEqual({ cancelled: true, run: expected });
      expect(await store().runs.cancel(running.id, "slack:T123:U8", at(3_000))).toStrictEqual({
        cancelled: false,
        run: expected,
      });
      const pending = buildRun();
      await store().runs.create(pending);
      expect(await store().runs.cancel(pending.id, "u", at(1))).toStrictEqual({
        cancelled: false,
        run: pending,
      });
      expect(await store().runs.cancel(uniqueId("missing"), "u", at(1))).toStrictEqual({
        cancelled: false,
        run: undefined,
      });
    });

    it("setMessageRef records the card that replaced the plan", async () => {
      const run = buildRun();
      await store().runs.create(run);
      await store().runs.setMessageRef(run.id, "activity-9");
      expect(await store().runs.get(run.id)).toStrictEqual({ ...run, messageRef: "activity-9" });
    });

    it("finish ends a confirmed run once, recording the summary's post", async () => {
      const running = await runningRun();
      const stopped = await runningRun();
      await store().runs.cancel(stopped.id, "u", at(2_000));
      expect(await store().runs.finish(running.id, at(9_000))).toBe(true);
      expect(await store().runs.finish(running.id, at(9_500))).toBe(false);
      expect(await store().runs.get(running.id)).toStrictEqual({
        ...running,
        state: "done",
        summarySentAt: at(9_000),
      });
      expect(await store().runs.finish(stopped.id, at(9_000))).toBe(true);
      expect((await store().runs.get(stopped.id))?.state).toBe("done");

      const pending = buildRun();
      const dropped = buildRun();
      for (const run of [pending, dropped]) await store().runs.create(run);
      await store().runs.decide(dropped.id, { state: "cancelled", by: "u", at: at(1) });
      for (const unconfirmed of [pending, dropped]) {
        expect(await store().runs.finish(unconfirmed.id, at(9_000))).toBe(false);
        expect((await store().runs.get(unconfirmed.id))?.summarySentAt).toBeUndefined();
      }
      expect(await store().runs.finish(uniqueId("missing"), at(9_000))).toBe(false);
    });

    it("listUnfinished returns the confirmed runs not done, oldest first", async () => {
      const later = await runningRun({ createdAt: at(30) });
      const stopped = await runningRun({ createdAt: at(10) });
      await store().runs.cancel(stopped.id, "u", at(2_000));
      const done = await runningRun({ createdAt: at(5) });
      await store().runs.finish(done.id, at(3_000));
      const pending = buildRun({ createdAt: at(1) });
      const dropped = buildRun({ createdAt: at(2) });
      const expired = buildRun({ createdAt: at(3) });
      for (const run of [pending, dropped, expired]) await store().runs.create(run);
      await store().runs.decide(dropped.id, { state: "cancelled", by: "u", at: at(4) });
      await store().runs.decide(expired.id, { state: "running", by: "u", at: expired.expiresAt });

      const ours = new Set([later, stopped, done, pending, dropped, expired].map((run) => run.id));
      const unfinished = (await store().runs.listUnfinished()).filter((run) => ours.has(run.id));
      expect(unfinished.map((run) => [run.id, run.state])).toStrictEqual([
        [stopped.id, "cancelled"],
        [later.id, "running"],
      ]);
    });

    describeRunLookupConformance(store);
    describeRunItemConformance(store);
    describeRunJobConformance(store);
  });
}
