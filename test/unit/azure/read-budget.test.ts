/**
 * The local copy of ARM's read bucket, driven by hand: a clock that only moves when a read waits, and answers
 * settled in the order a loaded ARM may give them. What is observed is how many reads go out before one has
 * to wait, which is what the estimate decides.
 */
import { describe, expect, it } from "vitest";
import { ReadBudget } from "../../../src/azure/read-budget.js";

const SETTINGS = { reserve: 5, refillPerSecond: 25, capacity: 250 };

function budgetAt(startTokens: number) {
  let now = 0;
  const waits: number[] = [];
  const budget = new ReadBudget(
    SETTINGS,
    () => now,
    async (ms) => {
      waits.push(ms);
      now += ms;
    },
  );
  return {
    budget,
    waits,
    /** The first read, answered: the estimate starts from what ARM said. */
    async start() {
      budget.settle(await budget.acquire(), 200, String(startTokens));
    },
    /** Reads sent until one waits; the one that waited is not counted. */
    async readsBeforeWaiting(): Promise<number> {
      let sent = 0;
      while (waits.length === 0) {
        await budget.acquire();
        sent += 1;
      }
      return sent - 1;
    },
  };
}

describe("the read budget's estimate", () => {
  it("spends down to the reserve, then waits for the refill of what it lacks", async () => {
    const bucket = budgetAt(50);
    await bucket.start();
    expect(await bucket.readsBeforeWaiting()).toBe(50 - SETTINGS.reserve);
    expect(bucket.waits).toEqual([40]); // one read short: 1 / 25 per second
    expect(bucket.budget.counters.pauses).toBe(1);
  });

  it("takes the reads still in flight off what an answer reports", async () => {
    const bucket = budgetAt(100);
    await bucket.start();
    const [a, b, c] = [
      await bucket.budget.acquire(),
      await bucket.budget.acquire(),
      await bucket.budget.acquire(),
    ];
    bucket.budget.settle(c, 200, "97"); // a and b may not be in that number yet
    bucket.budget.settle(a, 200, undefined);
    bucket.budget.settle(b, 200, undefined);
    expect(await bucket.readsBeforeWaiting()).toBe(97 - 2 - SETTINGS.reserve);
  });

  it("never raises the estimate from an answer older than the one it stands on", async () => {
    const bucket = budgetAt(100);
    await bucket.start();
    const older = await bucket.budget.acquire();
    const newer = await bucket.budget.acquire();
    bucket.budget.settle(newer, 200, "60");
    bucket.budget.settle(older, 200, "99"); // stale: other reads were spent since
    expect(await bucket.readsBeforeWaiting()).toBe(60 - 1 - SETTINGS.reserve);
  });

  it("lowers the estimate from an older answer, less the reads sent after it and answered first", async () => {
    const bucket = budgetAt(100);
    await bucket.start();
    const older = await bucket.budget.acquire();
    const newer = await bucket.budget.acquire();
    bucket.budget.settle(newer, 200, "90");
    bucket.budget.settle(older, 200, "30"); // someone else spent the bucket; `newer` may have come after
    expect(await bucket.readsBeforeWaiting()).toBe(30 - 1 - SETTINGS.reserve);
  });

  it("counts a 429 as an empty bucket, whatever it thought", async () => {
    const bucket = budgetAt(200);
    await bucket.start();
    bucket.budget.settle(await bucket.budget.acquire(), 429, "150");
    expect(bucket.budget.counters.throttled).toBe(1);
    expect(await bucket.readsBeforeWaiting()).toBe(0);
    expect(bucket.waits).toEqual([240]); // reserve + 1 reads at 25 per second
  });

  it("sends one read at a time until ARM first says how full the bucket is", async () => {
    const bucket = budgetAt(100);
    const first = await bucket.budget.acquire();
    let second = false;
    const waiting = bucket.budget.acquire().then(() => {
      second = true;
    });
    await Promise.resolve();
    expect(second).toBe(false);
    bucket.budget.settle(first, 200, "100");
    await waiting;
    expect(second).toBe(true);
  });
});
