/** JobStore: round-trips, patches, the unfinished/active/recent queries and exactly-once notification. */

import { describe, expect, it } from "vitest";
import type { Job } from "../../../src/store/store.port.js";
import type { CurrentStore } from "./conformance.js";
import {
  APP_PLAN,
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

    it("update changes only the patched fields, sets updatedAt and returns the job", async () => {
      const job = buildJob({ messageRef: "original" });
      await store().jobs.create(job);
      const running = await store().jobs.update(
        job.id,
        { state: "running", collectionId: "rpc-1", pollerState: '{"s":1}', messageRef: undefined },
        at(1_000),
      );
      const expected: Job = {
        ...job,
        state: "running",
        collectionId: "rpc-1",
        pollerState: '{"s":1}',
        updatedAt: at(1_000),
      };
      expect(running).toStrictEqual(expected);

      const finished = await store().jobs.update(
        job.id,
        {
          state: "failed",
          restorePointId: "rp-id",
          restorePointName: "rp-1",
          errorCode: "arm-error",
          errorMessage: "Quota exceeded",
          finishedAt: at(2_000),
          messageRef: "replaced",
        },
        at(2_500),
      );
      expect(finished).toStrictEqual({
        ...expected,
        state: "failed",
        restorePointId: "rp-id",
        restorePointName: "rp-1",
        errorCode: "arm-error",
        errorMessage: "Quota exceeded",
        finishedAt: at(2_000),
        messageRef: "replaced",
        updatedAt: at(2_500),
      });
      expect(await store().jobs.get(job.id)).toStrictEqual(finished);
    });

    it("update saves the captured disk names, and a later patch without them keeps them", async () => {
      const job = buildJob({ state: "running" });
      await store().jobs.create(job);
      const captured = ["vm-web-01_OsDisk_1", "données ☁"];
      const succeeded = await store().jobs.update(
        job.id,
        { state: "succeeded", capturedDiskNames: captured, finishedAt: at(1_000) },
        at(1_000),
      );
      expect(succeeded?.capturedDiskNames).toStrictEqual(captured);
      await store().jobs.update(job.id, { messageRef: "later" }, at(2_000));
      expect(await store().jobs.get(job.id)).toStrictEqual({
        ...job,
        state: "succeeded",
        capturedDiskNames: captured,
        finishedAt: at(1_000),
        messageRef: "later",
        updatedAt: at(2_000),
      });
    });

    it("update of an unknown job returns undefined", async () => {
      expect(await store().jobs.update(uniqueId("missing"), { state: "running" }, T0)).toBeUndefined();
    });

    it("listUnfinished returns starting and running jobs, oldest first", async () => {
      const jobs = [
        buildJob({ state: "running", createdAt: at(3) }),
        buildJob({ state: "succeeded", createdAt: at(1) }),
        buildJob({ state: "starting", createdAt: at(2) }),
        buildJob({ state: "failed", createdAt: at(4) }),
      ];
      for (const job of jobs) await store().jobs.create(job);
      const ours = new Set(ids(jobs));
      const unfinished = (await store().jobs.listUnfinished()).filter((job) => ours.has(job.id));
      expect(unfinished).toStrictEqual([jobs[2], jobs[0]]);
    });

    it("findActiveForVm compares vm ids case-insensitively and ignores finished jobs", async () => {
      const vmId = vmIdOf(uniqueId("VM-Web"));
      const done = buildJob({ vmId, state: "succeeded", createdAt: at(1) });
      const active = buildJob({ vmId, state: "running", createdAt: at(2) });
      await store().jobs.create(done);
      await store().jobs.create(active);

      expect(await store().jobs.findActiveForVm(vmId.toLowerCase())).toStrictEqual(active);
      expect(await store().jobs.findActiveForVm(vmId.toUpperCase())).toStrictEqual(active);
      await store().jobs.update(active.id, { state: "succeeded", finishedAt: at(3) }, at(3));
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

    it("markNotified succeeds for exactly one of 20 concurrent callers", async () => {
      const job = buildJob({ state: "succeeded" });
      await store().jobs.create(job);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store().jobs.markNotified(job.id, at(1_000 + i))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winnerAt = at(1_000 + results.indexOf(true));
      expect((await store().jobs.get(job.id))?.notifiedAt).toStrictEqual(winnerAt);
      expect(await store().jobs.markNotified(job.id, at(5_000))).toBe(false);
    });

    it("markNotified of an unknown job is false", async () => {
      expect(await store().jobs.markNotified(uniqueId("missing"), T0)).toBe(false);
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
