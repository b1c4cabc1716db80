/** JobStore: round-trips, the state machine's moves, the press written with its job, and the queries. */

import { describe, expect, it } from "vitest";
import type { Job } from "../../../src/store/store.port.js";
import type { CurrentStore } from "./conformance.js";
import {
  APP_PLAN,
  buildConfirmation,
  buildFullJob,
  buildJob,
  CRASH_PLAN,
  duplicateIdError,
  freshEpoch,
  jobPlanOf,
  uniqueId,
  vmIdOf,
} from "./store-builders.js";

const T0 = new Date("2030-01-01T10:05:00.456Z");
const at = (offsetMs: number): Date => new Date(T0.getTime() + offsetMs);
const ids = (jobs: Job[]): string[] => jobs.map((job) => job.id);

export function describeJobConformance(store: CurrentStore): void {
  describe("jobs", () => {
    it("round-trips every field", async () => {
      const job = buildFullJob();
      await store().jobs.create(job);
      expect(await store().jobs.get(job.id)).toStrictEqual(job);
    });

    it("round-trips an application-consistent plan into an existing collection", async () => {
      const job = buildJob({
        mode: "ApplicationConsistent",
        plan: jobPlanOf(APP_PLAN),
        capturedDiskNames: [],
      });
      await store().jobs.create(job);
      expect(await store().jobs.get(job.id)).toStrictEqual(job);
    });

    it("reads optional fields back absent", async () => {
      const job = buildJob();
      await store().jobs.create(job);
      expect(await store().jobs.get(job.id)).toStrictEqual(job);
      expect(await store().jobs.get(uniqueId("missing"))).toBeUndefined();
    });

    it("advance moves pending -> starting -> running, changing only the patched fields", async () => {
      const job = buildJob({ state: "pending", messageRef: "original" });
      await store().jobs.create(job);
      const starting = await store().jobs.advance(job.id, "starting", { restorePointName: "rp-2" }, at(500));
      expect(starting).toStrictEqual({
        ...job,
        state: "starting",
        restorePointName: "rp-2",
        updatedAt: at(500),
      });
      const running = await store().jobs.advance(
        job.id,
        "running",
        { collectionId: "rpc-1", pollerState: '{"s":1}', messageRef: undefined },
        at(1_000),
      );
      const expected: Job = {
        ...job,
        state: "running",
        restorePointName: "rp-2",
        collectionId: "rpc-1",
        pollerState: '{"s":1}',
        updatedAt: at(1_000),
      };
      expect(running).toStrictEqual(expected);
      expect(await store().jobs.get(job.id)).toStrictEqual(expected);
    });

    it("advance refuses every move the state machine does not allow, and changes nothing", async () => {
      for (const [from, to] of [
        ["pending", "running"],
        ["running", "starting"],
        ["running", "running"],
        ["succeeded", "running"],
        ["failed", "starting"],
        ["lost", "running"],
      ] as const) {
        const job = buildJob({ state: from });
        await store().jobs.create(job);
        expect(
          await store().jobs.advance(job.id, to, { pollerState: "x" }, at(1)),
          `${from} -> ${to}`,
        ).toBeUndefined();
        expect(await store().jobs.get(job.id)).toStrictEqual(job);
      }
      expect(await store().jobs.advance(uniqueId("missing"), "starting", {}, T0)).toBeUndefined();
    });

    it("finish ends a job once, with its outcome, and writes its notification in the same move", async () => {
      const job = buildJob({ state: "running", restorePointId: "rp-id" });
      await store().jobs.create(job);
      const captured = ["vm-web-01_OsDisk_1", "données ☁"];
      const ended = await store().jobs.finish(
        job.id,
        { state: "succeeded", capturedDiskNames: captured },
        "outbox",
        at(2_000),
      );
      const expected: Job = {
        ...job,
        state: "succeeded",
        capturedDiskNames: captured,
        finishedAt: at(2_000),
        updatedAt: at(2_000),
        delivery: "outbox",
      };
      expect(ended).toStrictEqual(expected);
      expect(await store().outbox.get(job.id)).toMatchObject({
        jobId: job.id,
        state: "pending",
        attempts: 0,
        cardDone: false,
      });
      const again = await store().jobs.finish(
        job.id,
        { state: "failed", errorCode: "X", errorMessage: "late" },
        "outbox",
        at(3_000),
      );
      expect(again).toBeUndefined();
      expect(await store().jobs.get(job.id)).toStrictEqual(expected);
    });

    it("finish told in the reply writes no notification and counts the job as told", async () => {
      const job = buildJob({ state: "pending" });
      await store().jobs.create(job);
      const ended = await store().jobs.finish(
        job.id,
        { state: "failed", errorCode: "NotAllowed", errorMessage: "3 h" },
        "reply",
        at(10),
      );
      expect(ended).toMatchObject({
        state: "failed",
        errorCode: "NotAllowed",
        errorMessage: "3 h",
        delivery: "reply",
        notifiedAt: at(10),
      });
      expect(await store().outbox.get(job.id)).toBeUndefined();
    });

    it("finish follows the state machine: a pending job cannot succeed; lost from any unfinished state", async () => {
      const pending = buildJob({ state: "pending" });
      await store().jobs.create(pending);
      expect(await store().jobs.finish(pending.id, { state: "succeeded" }, "outbox", at(1))).toBeUndefined();
      expect(
        (
          await store().jobs.finish(
            pending.id,
            { state: "lost", errorCode: "LostTrack", errorMessage: "?" },
            "outbox",
            at(2),
          )
        )?.state,
      ).toBe("lost");
      for (const from of ["starting", "running"] as const) {
        const job = buildJob({ state: from });
        await store().jobs.create(job);
        expect(
          (
            await store().jobs.finish(
              job.id,
              { state: "lost", errorCode: "LostTrack", errorMessage: "?" },
              "outbox",
              at(3),
            )
          )?.state,
        ).toBe("lost");
      }
    });

    it("amend changes the message ref of an unfinished job only", async () => {
      const job = buildJob({ state: "running" });
      await store().jobs.create(job);
      expect((await store().jobs.amend(job.id, { messageRef: "ts-2" }, at(5)))?.messageRef).toBe("ts-2");
      await store().jobs.finish(job.id, { state: "succeeded" }, "outbox", at(6));
      expect(await store().jobs.amend(job.id, { messageRef: "ts-3" }, at(7))).toBeUndefined();
      expect((await store().jobs.get(job.id))?.messageRef).toBe("ts-2");
    });

    it("createConfirmed decides the confirmation and inserts the pending job together, for one of 10 presses", async () => {
      const confirmation = buildConfirmation({ createdAt: at(0) });
      await store().confirmations.create(confirmation);
      const presses = Array.from({ length: 10 }, (_, i) =>
        store().jobs.createConfirmed(buildJob({ id: uniqueId(`press-${i}`), state: "pending" }), {
          confirmationId: confirmation.id,
          by: confirmation.requestedBy,
          at: at(1_000 + i),
          mode: "CrashConsistent",
        }),
      );
      const results = await Promise.all(presses);
      const winners = results.filter((result) => result.decided);
      expect(winners).toHaveLength(1);
      const winner = winners[0];
      if (!winner?.decided) throw new Error("no winner");
      expect(winner.job).toMatchObject({ state: "pending", confirmationId: confirmation.id });
      const decided = await store().confirmations.get(confirmation.id);
      expect(decided).toMatchObject({ state: "confirmed", jobId: winner.job.id, mode: "CrashConsistent" });
      for (const result of results.filter((each) => !each.decided)) {
        expect(result).toStrictEqual({ decided: false, confirmation: decided });
      }
    });

    it("createConfirmed writes neither when the job cannot be stored, nor when the confirmation expired", async () => {
      const confirmation = buildConfirmation({ createdAt: at(0) });
      await store().confirmations.create(confirmation);
      const decision = {
        confirmationId: confirmation.id,
        by: confirmation.requestedBy,
        at: at(1),
        mode: "CrashConsistent" as const,
      };
      const existing = buildJob({ state: "running" });
      await store().jobs.create(existing);
      // Same id as a stored job: the insert fails inside the transaction, so the decision is rolled back.
      await expect(store().jobs.createConfirmed({ ...existing, state: "pending" }, decision)).rejects.toThrow(
        duplicateIdError("jobs"),
      );
      expect((await store().confirmations.get(confirmation.id))?.state).toBe("pending");
      const late = { ...decision, at: confirmation.expiresAt };
      const job = buildJob({ state: "pending" });
      expect(await store().jobs.createConfirmed(job, late)).toStrictEqual({ decided: false, confirmation });
      expect(await store().jobs.get(job.id)).toBeUndefined();
    });

    it("listUnfinished returns pending, starting and running jobs, oldest first", async () => {
      const jobs = [
        buildJob({ state: "running", createdAt: at(3) }),
        buildJob({ state: "succeeded", createdAt: at(1) }),
        buildJob({ state: "starting", createdAt: at(2) }),
        buildJob({ state: "failed", createdAt: at(4) }),
        buildJob({ state: "pending", createdAt: at(5) }),
        buildJob({ state: "lost", createdAt: at(0) }),
      ];
      for (const job of jobs) await store().jobs.create(job);
      const ours = new Set(ids(jobs));
      const unfinished = (await store().jobs.listUnfinished()).filter((job) => ours.has(job.id));
      expect(unfinished).toStrictEqual([jobs[2], jobs[0], jobs[4]]);
    });

    it("findActiveForVm compares vm ids case-insensitively and ignores finished jobs", async () => {
      const vmId = vmIdOf(uniqueId("VM-Web"));
      const done = buildJob({ vmId, state: "succeeded", createdAt: at(1) });
      const active = buildJob({ vmId, state: "running", createdAt: at(2) });
      await store().jobs.create(done);
      await store().jobs.create(active);

      expect(await store().jobs.findActiveForVm(vmId.toLowerCase())).toStrictEqual(active);
      expect(await store().jobs.findActiveForVm(vmId.toUpperCase())).toStrictEqual(active);
      await store().jobs.finish(active.id, { state: "succeeded" }, "outbox", at(3));
      expect(await store().jobs.findActiveForVm(vmId)).toBeUndefined();
    });

    it("findActiveForVm returns the newest when several are unfinished", async () => {
      const vmId = vmIdOf(uniqueId("vm"));
      const older = buildJob({ vmId, state: "running", createdAt: at(1) });
      const newer = buildJob({ vmId: vmId.toUpperCase(), state: "starting", createdAt: at(2) });
      await store().jobs.create(older);
      await store().jobs.create(newer);
      expect(await store().jobs.findActiveForVm(vmId)).toStrictEqual(newer);
    });

    it("listRecent returns the newest first, filtered by requester and limited", async () => {
      const base = freshEpoch();
      const requestedBy = uniqueId("slack:T1");
      const mine = [1, 3, 2].map((minute) =>
        buildJob({ requestedBy, createdAt: new Date(base + minute * 60_000), state: "succeeded" }),
      );
      const someoneElses = buildJob({ createdAt: new Date(base + 4 * 60_000) });
      for (const job of [...mine, someoneElses]) await store().jobs.create(job);

      expect(ids(await store().jobs.listRecent({ requestedBy, limit: 10 }))).toStrictEqual(
        ids([mine[1], mine[2], mine[0]].filter((job): job is Job => job !== undefined)),
      );
      expect(ids(await store().jobs.listRecent({ requestedBy, limit: 2 }))).toHaveLength(2);
      expect(ids(await store().jobs.listRecent({ limit: 2 }))).toStrictEqual([someoneElses.id, mine[1]?.id]);
      expect(await store().jobs.listRecent({ requestedBy, limit: 0 })).toStrictEqual([]);
      expect(await store().jobs.listRecent({ requestedBy: uniqueId("nobody"), limit: 5 })).toStrictEqual([]);
    });

    it("refuses a second job with the same id and keeps the first", async () => {
      const job = buildJob();
      await store().jobs.create(job);
      await expect(store().jobs.create({ ...job, requestedBy: "teams:someone-else" })).rejects.toThrow(
        duplicateIdError("jobs"),
      );
      expect(await store().jobs.get(job.id)).toStrictEqual(job);
    });

    it("refuses a job without a resource group or collection name, or with a plan it could not read back", async () => {
      const noGroup = buildJob({ resourceGroup: "" });
      await expect(store().jobs.create(noGroup)).rejects.toThrow(
        `Job "${noGroup.id}" cannot be stored without a resource group and a collection name.`,
      );
      const noCollection = buildJob({ collectionName: "" });
      await expect(store().jobs.create(noCollection)).rejects.toThrow(
        /without a resource group and a collection/,
      );
      const badPlan = buildJob({
        plan: {
          ...jobPlanOf(CRASH_PLAN),
          plan: { ...CRASH_PLAN, captureDisks: [{ id: "/d/1" }] },
        } as unknown as Job["plan"],
      });
      await expect(store().jobs.create(badPlan)).rejects.toThrow(
        `The stored plan of job "${badPlan.id}" cannot be stored: plan.plan.captureDisks[0].name is missing, expected text.`,
      );
      for (const job of [noGroup, noCollection, badPlan])
        expect(await store().jobs.get(job.id)).toBeUndefined();
    });
  });
}
