/** JobStore.createForRun and listForRun: a member's job is written only while its run runs, and only once. */

import { describe, expect, it } from "vitest";
import type { Run } from "../../../src/store/run-store.port.js";
import type { Job } from "../../../src/store/store.port.js";
import type { CurrentStore } from "./conformance.js";
import { buildMemberJob, buildRun } from "./run-builders.js";
import { buildJob, uniqueId } from "./store-builders.js";

const T0 = new Date("2030-01-01T12:00:00.000Z");
const at = (offsetMs: number): Date => new Date(T0.getTime() + offsetMs);
const ids = (jobs: Job[]): string[] => jobs.map((job) => job.id);

export function describeRunJobConformance(store: CurrentStore): void {
  async function startedRun(): Promise<Run> {
    const run = buildRun();
    await store().runs.create(run);
    await store().runs.decide(run.id, { state: "running", by: run.requestedBy, at: at(1) });
    return run;
  }

  describe("run jobs", () => {
    it("createForRun writes a running run's member job once, with its run", async () => {
      const run = await startedRun();
      const job = buildMemberJob(run, 0);
      expect(await store().jobs.createForRun(job)).toBe("created");
      expect(await store().jobs.get(job.id)).toStrictEqual(job);
      expect((await store().jobs.get(job.id))?.runId).toBe(run.id);
      const again = { ...job, vmName: "changed", state: "running" as const };
      expect(await store().jobs.createForRun(again)).toBe("exists");
      expect(await store().jobs.get(job.id)).toStrictEqual(job);
    });

    it("createForRun writes nothing for a run that is not running", async () => {
      const pending = buildRun();
      const dropped = buildRun();
      for (const run of [pending, dropped]) await store().runs.create(run);
      await store().runs.decide(dropped.id, { state: "cancelled", by: dropped.requestedBy, at: at(1) });
      const cancelled = await startedRun();
      await store().runs.cancel(cancelled.id, cancelled.requestedBy, at(2));
      const done = await startedRun();
      await store().runs.finish(done.id, at(3));
      const unknown = { id: uniqueId("missing-run") };
      for (const run of [pending, dropped, cancelled, done, unknown]) {
        const job = buildMemberJob(run, 0);
        expect(await store().jobs.createForRun(job), run.id).toBe("stopped");
        expect(await store().jobs.get(job.id)).toBeUndefined();
      }
    });

    it("createForRun tells a job already written as there, even once the run was cancelled", async () => {
      const run = await startedRun();
      const job = buildMemberJob(run, 0);
      expect(await store().jobs.createForRun(job)).toBe("created");
      await store().runs.cancel(run.id, run.requestedBy, at(2));
      expect(await store().jobs.createForRun(job)).toBe("exists");
      expect(await store().jobs.createForRun(buildMemberJob(run, 1))).toBe("stopped");
      expect(ids(await store().jobs.listForRun(run.id))).toStrictEqual([job.id]);
    });

    it("createForRun: of ten concurrent writes of one job, one creates it and the others find it", async () => {
      const run = await startedRun();
      const writes = Array.from({ length: 10 }, (_, i) =>
        store().jobs.createForRun(buildMemberJob(run, 0, { messageRef: `attempt-${i}` })),
      );
      const results = await Promise.all(writes);
      expect(results.filter((result) => result === "created")).toHaveLength(1);
      expect(results.filter((result) => result === "exists")).toHaveLength(9);
      const winner = results.indexOf("created");
      expect((await store().jobs.get(`${run.id}-0`))?.messageRef).toBe(`attempt-${winner}`);
    });

    it("createForRun refuses a job that names no run", async () => {
      const run = await startedRun();
      const job = buildJob({ id: `${run.id}-0` });
      await expect(store().jobs.createForRun(job)).rejects.toThrow(
        `Job "${job.id}" is written for a run but names none.`,
      );
      expect(await store().jobs.get(job.id)).toBeUndefined();
    });

    it("listForRun returns the run's jobs only, by id", async () => {
      const run = await startedRun();
      const other = await startedRun();
      const members = [2, 0, 1].map((index) => buildMemberJob(run, index));
      for (const job of [...members, buildMemberJob(other, 0)]) await store().jobs.createForRun(job);
      await store().jobs.create(buildJob());
      expect(await store().jobs.listForRun(run.id)).toStrictEqual([members[1], members[2], members[0]]);
      expect(ids(await store().jobs.listForRun(other.id))).toStrictEqual([`${other.id}-0`]);
      expect(await store().jobs.listForRun(uniqueId("missing"))).toStrictEqual([]);
    });
  });
}
