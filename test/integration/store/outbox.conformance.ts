/** OutboxStore and ReplayStore: claims that two processes never share, steps, settling, retries; replays. */

import { describe, expect, it } from "vitest";
import type { Job } from "../../../src/store/store.port.js";
import type { CurrentStore } from "./conformance.js";
import { buildJob, freshEpoch, uniqueId } from "./store-builders.js";

const LEASE = 60_000;

export function describeOutboxConformance(store: CurrentStore): void {
  describe("outbox", () => {
    async function ended(at: Date, overrides: Partial<Job> = {}): Promise<Job> {
      const job = buildJob({ state: "running", platform: "slack", ...overrides });
      await store().jobs.create(job);
      const finished = await store().jobs.finish(job.id, { state: "succeeded" }, "outbox", at);
      if (!finished) throw new Error("could not end the job");
      return finished;
    }
    const mine = (jobs: Job[]) => {
      const ids = new Set(jobs.map((job) => job.id));
      return (notifications: { jobId: string }[]) => notifications.filter((each) => ids.has(each.jobId));
    };

    it("claims a due notification for one of 10 concurrent claimers, until its lease runs out", async () => {
      const t = freshEpoch();
      const job = await ended(new Date(t));
      const ours = mine([job]);
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store().outbox.claimDue(`p${i}`, ["slack"], new Date(t + 1), LEASE, 50),
        ),
      );
      expect(claims.map((claimed) => ours(claimed).length).reduce((a, b) => a + b)).toBe(1);
      expect(
        ours(await store().outbox.claimDue("late", ["slack"], new Date(t + LEASE), LEASE, 50)),
      ).toStrictEqual([]);
      const after = ours(
        await store().outbox.claimDue("late", ["slack"], new Date(t + 1 + LEASE), LEASE, 50),
      );
      expect(after.map((each) => each.jobId)).toStrictEqual([job.id]);
    });

    it("claims only notifications of the platforms the claimer serves, and only when due", async () => {
      const t = freshEpoch();
      const teams = await ended(new Date(t), { platform: "teams" });
      const slack = await ended(new Date(t + 10), { platform: "slack" });
      const ours = mine([teams, slack]);
      expect(ours(await store().outbox.claimDue("a", ["slack"], new Date(t + 5), LEASE, 50))).toStrictEqual(
        [],
      );
      const claimed = ours(
        await store().outbox.claimDue("a", ["console", "slack"], new Date(t + 10), LEASE, 50),
      );
      expect(claimed.map((each) => each.jobId)).toStrictEqual([slack.id]);
      expect(ours(await store().outbox.claimDue("b", ["teams"], new Date(t + 10), LEASE, 50))[0]?.jobId).toBe(
        teams.id,
      );
    });

    it("records steps and settles only for the holder of the claim; settling marks the job told", async () => {
      const t = freshEpoch();
      const job = await ended(new Date(t));
      await store().outbox.claimDue("holder", ["slack"], new Date(t), LEASE, 50);
      expect(await store().outbox.recordStep(job.id, "other", { card: true })).toBe(false);
      expect(await store().outbox.recordStep(job.id, "holder", { card: true })).toBe(true);
      expect(await store().outbox.recordStep(job.id, "holder", { posted: new Date(t + 1), ref: "1.2" })).toBe(
        true,
      );
      expect(await store().outbox.settle(job.id, "other", "sent", undefined, new Date(t + 2))).toBe(false);
      expect(await store().outbox.settle(job.id, "holder", "sent", undefined, new Date(t + 2))).toBe(true);
      expect(await store().outbox.get(job.id)).toMatchObject({
        state: "sent",
        attempts: 1,
        cardDone: true,
        postedAt: new Date(t + 1),
        postRef: "1.2",
        settledAt: new Date(t + 2),
      });
      expect(await store().jobs.get(job.id)).toMatchObject({
        delivery: "notified",
        notifiedAt: new Date(t + 2),
      });
      expect(await store().outbox.settle(job.id, "holder", "sent", undefined, new Date(t + 3))).toBe(false);
      expect(
        mine([job])(await store().outbox.claimDue("x", ["slack"], new Date(t + 2 * LEASE), LEASE, 50)),
      ).toStrictEqual([]);
    });

    it("a retry releases the claim and waits until its time; undeliverable is final and told on the job", async () => {
      const t = freshEpoch();
      const job = await ended(new Date(t));
      const ours = mine([job]);
      await store().outbox.claimDue("a", ["slack"], new Date(t), LEASE, 50);
      expect(await store().outbox.retryLater(job.id, "a", new Date(t + 5_000), "HTTP 500")).toBe(true);
      expect(
        ours(await store().outbox.claimDue("b", ["slack"], new Date(t + 4_999), LEASE, 50)),
      ).toStrictEqual([]);
      const [again] = ours(await store().outbox.claimDue("b", ["slack"], new Date(t + 5_000), LEASE, 50));
      expect(again).toMatchObject({ attempts: 1, lastError: "HTTP 500" });
      expect(
        await store().outbox.settle(job.id, "b", "undeliverable", "channel_not_found", new Date(t + 6_000)),
      ).toBe(true);
      expect(await store().outbox.get(job.id)).toMatchObject({
        state: "undeliverable",
        attempts: 2,
        lastError: "channel_not_found",
      });
      expect(await store().jobs.get(job.id)).toMatchObject({ delivery: "undeliverable" });
    });
  });

  describe("replays", () => {
    it("the first of 10 concurrent sightings of a key wins; a sighting after the window is new again", async () => {
      const key = uniqueId("slack:event");
      const t = freshEpoch();
      const first = await Promise.all(
        Array.from({ length: 10 }, () => store().replays.firstSeen(key, new Date(t), 300_000)),
      );
      expect(first.filter(Boolean)).toHaveLength(1);
      expect(await store().replays.firstSeen(key, new Date(t + 299_999), 300_000)).toBe(false);
      expect(await store().replays.firstSeen(key, new Date(t + 300_000), 300_000)).toBe(true);
      expect(await store().replays.firstSeen(uniqueId("other"), new Date(t + 1), 300_000)).toBe(true);
    });
  });

  describe("readiness", () => {
    it("is ok on a healthy store", async () => {
      expect(await store().readiness()).toStrictEqual({ ok: true });
    });
  });
}
