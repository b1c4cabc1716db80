/** ConfirmationStore: round-trips, the once-only decision, expiry. */

import { describe, expect, it } from "vitest";
import type { Confirmation } from "../../../src/store/store.port.js";
import type { CurrentStore } from "./conformance.js";
import { describeFindPendingConformance } from "./find-pending.conformance.js";
import {
  APP_PLAN,
  buildConfirmation,
  CRASH_PLAN,
  confirmationPlanOf,
  duplicateIdError,
  SAMPLE_VM,
  uniqueId,
} from "./store-builders.js";

const T0 = new Date("2030-01-01T10:00:00.123Z");
const at = (offsetMs: number): Date => new Date(T0.getTime() + offsetMs);

export function describeConfirmationConformance(store: CurrentStore): void {
  describe("confirmations", () => {
    it("round-trips every field, dates to the millisecond and the typed plan", async () => {
      const scaleSetVm = {
        ...SAMPLE_VM,
        type: "scaleSetInstance" as const,
        scaleSetName: "vmss-web",
        instanceId: "3",
      };
      const full = buildConfirmation({
        platform: "teams",
        requestedByName: "Alice Doe",
        modes: ["CrashConsistent"],
        plan: confirmationPlanOf([CRASH_PLAN], scaleSetVm),
        state: "confirmed",
        decidedAt: at(5_000),
        decidedBy: "teams:someone",
        mode: "CrashConsistent",
        jobId: uniqueId("job"),
        messageRef: "1700000000.000200",
      });
      await store().confirmations.create(full);
      expect(await store().confirmations.get(full.id)).toStrictEqual(full);
    });

    it("reads optional fields back absent, not undefined", async () => {
      const minimal = buildConfirmation();
      await store().confirmations.create(minimal);
      const read = await store().confirmations.get(minimal.id);
      expect(read).toStrictEqual(minimal);
      expect(Object.keys(read ?? {})).not.toContain("decidedAt");
      expect(Object.keys(read ?? {})).not.toContain("requestedByName");
      expect(read?.plan).toStrictEqual(confirmationPlanOf([APP_PLAN, CRASH_PLAN]));
    });

    it("returns undefined for an unknown id", async () => {
      expect(await store().confirmations.get(uniqueId("missing"))).toBeUndefined();
    });

    it("refuses a second confirmation with the same id and keeps the first", async () => {
      const confirmation = buildConfirmation();
      await store().confirmations.create(confirmation);
      await expect(
        store().confirmations.create({ ...confirmation, requestedBy: "slack:T123:U999" }),
      ).rejects.toThrow(duplicateIdError("confirmations"));
      expect(await store().confirmations.get(confirmation.id)).toStrictEqual(confirmation);
    });

    it("refuses to store a plan it could not read back, naming the confirmation", async () => {
      const confirmation = buildConfirmation();
      const badPlan = { ...confirmation.plan, plans: [{ ...CRASH_PLAN, mode: "Full" }] };
      await expect(
        store().confirmations.create({ ...confirmation, plan: badPlan as unknown as Confirmation["plan"] }),
      ).rejects.toThrow(
        `The stored plan of confirmation "${confirmation.id}" cannot be stored: plan.plans[0].mode is "Full"`,
      );
      expect(await store().confirmations.get(confirmation.id)).toBeUndefined();
    });

    it("decide confirms a pending confirmation and records who, when, mode and job", async () => {
      const confirmation = buildConfirmation({ createdAt: T0 });
      await store().confirmations.create(confirmation);
      const jobId = uniqueId("job");
      const result = await store().confirmations.decide(confirmation.id, {
        state: "confirmed",
        by: "slack:T123:U456",
        at: at(1_000),
        mode: "ApplicationConsistent",
        jobId,
      });
      const expected = {
        ...confirmation,
        state: "confirmed",
        decidedBy: "slack:T123:U456",
        decidedAt: at(1_000),
        mode: "ApplicationConsistent",
        jobId,
      };
      expect(result).toStrictEqual({ decided: true, confirmation: expected });
      expect(await store().confirmations.get(confirmation.id)).toStrictEqual(expected);
    });

    it("decide cancels without a mode or job", async () => {
      const confirmation = buildConfirmation({ createdAt: T0 });
      await store().confirmations.create(confirmation);
      const result = await store().confirmations.decide(confirmation.id, {
        state: "cancelled",
        by: "slack:T123:U456",
        at: at(1_000),
      });
      expect(result.decided).toBe(true);
      expect(result.confirmation).toStrictEqual({
        ...confirmation,
        state: "cancelled",
        decidedBy: "slack:T123:U456",
        decidedAt: at(1_000),
      });
    });

    it("exactly one of 20 concurrent decide calls wins; the others see the winner's decision", async () => {
      const confirmation = buildConfirmation({ createdAt: T0 });
      await store().confirmations.create(confirmation);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store().confirmations.decide(confirmation.id, {
            state: i % 2 === 0 ? "confirmed" : "cancelled",
            by: `console:user-${i}`,
            at: at(1_000 + i),
          }),
        ),
      );
      const winners = results.filter((result) => result.decided);
      expect(winners).toHaveLength(1);
      const winner = winners[0]?.confirmation;
      expect(await store().confirmations.get(confirmation.id)).toStrictEqual(winner);
      for (const result of results) expect(result.confirmation).toStrictEqual(winner);
    });

    it("decide refuses an expired confirmation and reports it unchanged", async () => {
      const confirmation = buildConfirmation({ createdAt: T0, expiresAt: at(60_000) });
      await store().confirmations.create(confirmation);
      const atExpiry = await store().confirmations.decide(confirmation.id, {
        state: "confirmed",
        by: "slack:T123:U456",
        at: at(60_000),
      });
      expect(atExpiry).toStrictEqual({ decided: false, confirmation });
    });

    it("decide still accepts a confirmation a millisecond before it expires", async () => {
      const confirmation = buildConfirmation({ createdAt: T0, expiresAt: at(60_000) });
      await store().confirmations.create(confirmation);
      const result = await store().confirmations.decide(confirmation.id, {
        state: "confirmed",
        by: "slack:T123:U456",
        at: at(59_999),
      });
      expect(result.decided).toBe(true);
    });

    it("decide refuses an already decided confirmation and reports the first decision", async () => {
      const confirmation = buildConfirmation({ createdAt: T0 });
      await store().confirmations.create(confirmation);
      const first = await store().confirmations.decide(confirmation.id, {
        state: "cancelled",
        by: "slack:T123:U456",
        at: at(1_000),
      });
      const second = await store().confirmations.decide(confirmation.id, {
        state: "confirmed",
        by: "slack:T123:U999",
        at: at(2_000),
        mode: "CrashConsistent",
      });
      expect(second).toStrictEqual({ decided: false, confirmation: first.confirmation });
      expect(second.confirmation?.state).toBe("cancelled");
    });

    it("decide on an unknown id reports no row", async () => {
      const result = await store().confirmations.decide(uniqueId("missing"), {
        state: "confirmed",
        by: "console:alice",
        at: T0,
      });
      expect(result).toStrictEqual({ decided: false, confirmation: undefined });
    });

    it("setMessageRef stores the platform message and replaces an earlier one", async () => {
      const confirmation = buildConfirmation();
      await store().confirmations.create(confirmation);
      await store().confirmations.setMessageRef(confirmation.id, "first");
      await store().confirmations.setMessageRef(confirmation.id, "1700000000.000300");
      expect((await store().confirmations.get(confirmation.id))?.messageRef).toBe("1700000000.000300");
    });

    it("expire marks only pending confirmations past their expiry, once, and returns them", async () => {
      const overdue = buildConfirmation({ createdAt: T0, expiresAt: at(60_000) });
      const stillOpen = buildConfirmation({ createdAt: T0, expiresAt: at(120_000) });
      const decided = buildConfirmation({
        createdAt: T0,
        expiresAt: at(30_000),
        state: "confirmed",
        decidedAt: at(10_000),
        decidedBy: "console:alice",
      });
      for (const c of [overdue, stillOpen, decided]) await store().confirmations.create(c);
      const ours = new Set([overdue.id, stillOpen.id, decided.id]);

      const expired = (await store().confirmations.expire(at(60_000))).filter((c) => ours.has(c.id));
      expect(expired).toStrictEqual([{ ...overdue, state: "expired" }]);
      expect((await store().confirmations.get(overdue.id))?.state).toBe("expired");
      expect(await store().confirmations.get(stillOpen.id)).toStrictEqual(stillOpen);
      expect(await store().confirmations.get(decided.id)).toStrictEqual(decided);

      const again = (await store().confirmations.expire(at(60_000))).filter((c) => ours.has(c.id));
      expect(again).toStrictEqual([]);
      const late = await store().confirmations.decide(overdue.id, { state: "confirmed", by: "x", at: at(1) });
      expect(late).toStrictEqual({ decided: false, confirmation: { ...overdue, state: "expired" } });
    });

    describeFindPendingConformance(store);
  });
}
