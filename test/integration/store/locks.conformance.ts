/** LockStore: leases driven by the `now` argument (no sleeping), re-entrancy, exclusion. */

import { describe, expect, it } from "vitest";
import type { CurrentStore } from "./conformance.js";
import { uniqueId } from "./store-builders.js";

const T0 = new Date("2030-01-01T10:00:00.000Z");
const at = (offsetMs: number): Date => new Date(T0.getTime() + offsetMs);
const LEASE = 1_000;

export function describeLockConformance(store: CurrentStore): void {
  describe("locks", () => {
    it("acquire takes a free lock and holder reports the owner and lease end", async () => {
      const key = uniqueId("vm");
      expect(await store().locks.holder(key, T0)).toBeUndefined();
      expect(await store().locks.acquire(key, "worker-a", LEASE, T0)).toBe(true);
      expect(await store().locks.holder(key, at(999))).toStrictEqual({
        owner: "worker-a",
        expiresAt: at(LEASE),
      });
    });

    it("another owner is refused until the lease runs out, then takes over", async () => {
      const key = uniqueId("vm");
      await store().locks.acquire(key, "worker-a", LEASE, T0);
      expect(await store().locks.acquire(key, "worker-b", LEASE, at(500))).toBe(false);
      expect(await store().locks.acquire(key, "worker-b", LEASE, at(999))).toBe(false);
      expect((await store().locks.holder(key, at(999)))?.owner).toBe("worker-a");

      expect(await store().locks.holder(key, at(LEASE))).toBeUndefined();
      expect(await store().locks.acquire(key, "worker-b", LEASE, at(LEASE))).toBe(true);
      expect(await store().locks.holder(key, at(LEASE))).toStrictEqual({
        owner: "worker-b",
        expiresAt: at(2 * LEASE),
      });
      expect(await store().locks.acquire(key, "worker-a", LEASE, at(LEASE + 1))).toBe(false);
    });

    it("acquire is re-entrant for the same owner and extends the lease", async () => {
      const key = uniqueId("vm");
      expect(await store().locks.acquire(key, "worker-a", LEASE, T0)).toBe(true);
      expect(await store().locks.acquire(key, "worker-a", LEASE, at(600))).toBe(true);
      expect(await store().locks.holder(key, at(1_500))).toStrictEqual({
        owner: "worker-a",
        expiresAt: at(1_600),
      });
    });

    it("renew extends the holder's lease and refuses anyone else", async () => {
      const key = uniqueId("vm");
      await store().locks.acquire(key, "worker-a", LEASE, T0);
      expect(await store().locks.renew(key, "worker-b", LEASE, at(500))).toBe(false);
      expect(await store().locks.renew(key, "worker-a", 5_000, at(700))).toBe(true);
      expect(await store().locks.holder(key, at(5_000))).toStrictEqual({
        owner: "worker-a",
        expiresAt: at(5_700),
      });
      expect(await store().locks.acquire(key, "worker-b", LEASE, at(5_000))).toBe(false);
    });

    it("renew fails once the lease has run out, and for a lock nobody holds", async () => {
      const key = uniqueId("vm");
      await store().locks.acquire(key, "worker-a", LEASE, T0);
      expect(await store().locks.renew(key, "worker-a", LEASE, at(LEASE))).toBe(false);
      expect(await store().locks.holder(key, at(LEASE))).toBeUndefined();
      expect(await store().locks.renew(uniqueId("vm"), "worker-a", LEASE, T0)).toBe(false);
    });

    it("release frees the lock for its owner only", async () => {
      const key = uniqueId("vm");
      await store().locks.acquire(key, "worker-a", LEASE, T0);
      await store().locks.release(key, "worker-b");
      expect((await store().locks.holder(key, at(10)))?.owner).toBe("worker-a");
      await store().locks.release(key, "worker-a");
      expect(await store().locks.holder(key, at(10))).toBeUndefined();
      expect(await store().locks.acquire(key, "worker-b", LEASE, at(20))).toBe(true);
      await store().locks.release(uniqueId("vm"), "worker-a");
    });

    it("exactly one of 10 owners racing for a free lock gets it", async () => {
      const key = uniqueId("vm");
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store().locks.acquire(key, `worker-${i}`, LEASE, T0)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = `worker-${results.indexOf(true)}`;
      expect((await store().locks.holder(key, T0))?.owner).toBe(winner);
    });

    it("keys are independent", async () => {
      const first = uniqueId("vm");
      const second = uniqueId("vm");
      expect(await store().locks.acquire(first, "worker-a", LEASE, T0)).toBe(true);
      expect(await store().locks.acquire(second, "worker-b", LEASE, T0)).toBe(true);
    });

    it("rejects a lease that is not a positive whole number of milliseconds", async () => {
      await expect(store().locks.acquire(uniqueId("vm"), "worker-a", 0, T0)).rejects.toThrow(RangeError);
      await expect(store().locks.renew(uniqueId("vm"), "worker-a", 1.5, T0)).rejects.toThrow(RangeError);
    });
  });
}
