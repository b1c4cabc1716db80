/** The run card's throttle: at most one update per interval, changes coalesced, the last card in its turn. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CardThrottle } from "../../../src/operations/card-throttle.js";

const INTERVAL = 2_000;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
});
afterEach(() => {
  vi.useRealTimers();
});

function throttle() {
  const updates: number[] = [];
  const card = new CardThrottle(INTERVAL, async () => void updates.push(performance.now()));
  return { card, updates };
}

describe("the card throttle", () => {
  it("waits out an interval from the start: the press's own answer drew the first card", async () => {
    const { card, updates } = throttle();
    card.kick();
    await vi.advanceTimersByTimeAsync(INTERVAL - 1);
    expect(updates).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(updates).toHaveLength(1);
  });

  it("coalesces every change within an interval into one update", async () => {
    const { card, updates } = throttle();
    for (let at = 0; at < 3 * INTERVAL; at += 100) {
      card.kick();
      await vi.advanceTimersByTimeAsync(100);
    }
    // 60 changes over 6 s: one update at each 2 s mark.
    expect(updates).toEqual([INTERVAL, 2 * INTERVAL, 3 * INTERVAL]);
    const gaps = updates.slice(1).map((at, index) => at - (updates[index] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(INTERVAL);
  });

  it("draws no update without a change", async () => {
    const { card, updates } = throttle();
    card.kick();
    await vi.advanceTimersByTimeAsync(5 * INTERVAL);
    expect(updates).toHaveLength(1);
  });

  it("holds the last card until an interval after the one before, and draws nothing after it", async () => {
    const { card, updates } = throttle();
    card.kick();
    await vi.advanceTimersByTimeAsync(INTERVAL);
    card.kick();
    const last = card.last(async () => void updates.push(-performance.now()));
    await vi.advanceTimersByTimeAsync(INTERVAL - 1);
    expect(updates).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await last;
    expect(updates).toEqual([INTERVAL, -2 * INTERVAL]);
    card.kick();
    await vi.advanceTimersByTimeAsync(3 * INTERVAL);
    expect(updates).toHaveLength(2);
  });

  it("never overlaps updates, and counts the interval from the end of a slow one", async () => {
    const started: number[] = [];
    let finish: () => void = () => undefined;
    const card = new CardThrottle(INTERVAL, () => {
      started.push(performance.now());
      return new Promise<void>((resolve) => {
        finish = resolve;
      });
    });
    card.kick();
    await vi.advanceTimersByTimeAsync(INTERVAL);
    card.kick();
    await vi.advanceTimersByTimeAsync(3 * INTERVAL);
    expect(started).toEqual([INTERVAL]);
    finish();
    await vi.advanceTimersByTimeAsync(INTERVAL - 1);
    expect(started).toEqual([INTERVAL]);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toEqual([INTERVAL, 5 * INTERVAL]);
  });
});
