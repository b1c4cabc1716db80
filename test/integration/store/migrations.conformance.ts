/** Opening an already migrated database again must neither fail nor lose what it holds. */

import { describe, expect, it } from "vitest";
import type { Store } from "../../../src/store/store.port.js";
import type { CurrentStore } from "./conformance.js";
import { buildJob } from "./store-builders.js";

export function describeMigrationConformance(store: CurrentStore, open: () => Promise<Store>): void {
  describe("migrations", () => {
    it("are idempotent: the same database opens twice more and keeps its rows", async () => {
      const job = buildJob();
      await store().jobs.create(job);
      const second = await open();
      const third = await open();
      try {
        expect(second.kind).toBe(store().kind);
        expect(await second.jobs.get(job.id)).toStrictEqual(job);
        expect(await third.jobs.get(job.id)).toStrictEqual(job);
      } finally {
        await second.close();
        await third.close();
      }
    });
  });
}
