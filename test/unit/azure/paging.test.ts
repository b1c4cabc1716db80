import { describe, expect, it } from "vitest";
import { collect, eachItem, Gate, mapBounded } from "../../../src/azure/paging.js";

async function* pages<T>(...items: T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}

/** A call that stays in flight until the test lets it go, so concurrency is observed, not timed. */
function gate() {
  let release: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { opened, release };
}

describe("collect", () => {
  it("follows an async listing to its end, in order", async () => {
    expect(await collect(pages(3, 1, 2))).toEqual([3, 1, 2]);
    expect(await collect(pages())).toEqual([]);
  });

  it("asks for the next item only once the pause it was given has ended", async () => {
    const asked: number[] = [];
    async function* listing() {
      for (const item of [1, 2, 3]) {
        asked.push(item);
        yield item;
      }
    }
    const held = gate();
    let paused = false;
    const seen: number[] = [];
    const done = eachItem(
      listing(),
      (item) => seen.push(item),
      () => {
        if (seen.length !== 1 || paused) return undefined;
        paused = true;
        return held.opened;
      },
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked).toEqual([1]);
    expect(seen).toEqual([1]);
    held.release();
    await done;
    expect(seen).toEqual([1, 2, 3]);
  });
});

describe("Gate", () => {
  it("lets at most its limit run across every caller, and hands each freed slot to the next in turn", async () => {
    const shared = new Gate(2);
    const gates = Array.from({ length: 4 }, gate);
    const started: number[] = [];
    const runs = gates.map((held, index) =>
      shared.run(async () => {
        started.push(index);
        await held.opened;
        return index;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1]);
    gates[1]?.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    for (const held of gates) held.release();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it("frees the slot of a call that fails, and the failure is that caller's", async () => {
    const shared = new Gate(1);
    await expect(shared.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await shared.run(async () => "next")).toBe("next");
  });
});

describe("mapBounded", () => {
  it("never has more than the limit in flight, and returns results in input order", async () => {
    const gates = Array.from({ length: 5 }, gate);
    let inFlight = 0;
    let most = 0;
    const started: number[] = [];
    const mapping = mapBounded([0, 1, 2, 3, 4], 2, async (item) => {
      started.push(item);
      inFlight++;
      most = Math.max(most, inFlight);
      await gates[item]?.opened;
      inFlight--;
      return `r${item}`;
    });
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    // Finishing out of order frees a slot for the next item but keeps each result in its place.
    for (const index of [1, 0, 4, 3, 2]) {
      gates[index]?.release();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await mapping).toEqual(["r0", "r1", "r2", "r3", "r4"]);
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it("handles an empty list and a limit above the item count", async () => {
    expect(await mapBounded([], 8, async (item: number) => item)).toEqual([]);
    expect(await mapBounded([1, 2], 8, async (item) => item * 10)).toEqual([10, 20]);
  });

  it("still runs with a limit below one rather than returning holes", async () => {
    expect(await mapBounded([1, 2, 3], 0, async (item) => item + 1)).toEqual([2, 3, 4]);
  });

  it("rejects with the first failure", async () => {
    const failing = mapBounded([1, 2, 3], 2, async (item) => {
      if (item === 2) throw new Error("boom 2");
      return item;
    });
    await expect(failing).rejects.toThrow("boom 2");
  });
});
