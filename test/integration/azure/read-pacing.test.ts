/**
 * Every read is paced, not only the fleet report's: a burst of checks shares each subscription's read budget
 * (fed by x-ms-ratelimit-remaining-subscription-reads) and queues briefly instead of drawing 429s. Without
 * Resource Graph, so that every read is an ARM read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArmGateway, VmRef } from "../../../src/azure/index.js";
import type { ReadBudgetSettings } from "../../../src/azure/read-budget.js";
import { generateFleet, type RunningSimulator, startSimulator } from "../../../src/simulator/index.js";
import { gatewayFor } from "../../support/gateway.js";

const BUCKET = { capacity: 40, refillPerSecond: 100 };
const PACING: ReadBudgetSettings = { reserve: 5, refillPerSecond: 100, capacity: 40 };
const fleet = generateFleet({ count: 100, withRestorePoints: 50, subscriptions: 1, now: new Date() });

let sim: RunningSimulator;
let refs: VmRef[];
beforeAll(async () => {
  sim = await startSimulator({ fleet, readBudget: BUCKET });
  refs = await gatewayFor(sim).listVms();
});
afterAll(() => sim.close());

/** All 100 VMs gathered at once, with no SDK retry to hide a 429. */
async function burst(gateway: ArmGateway) {
  const results = await Promise.allSettled(refs.map((ref) => gateway.gather(ref)));
  return {
    gathered: results.filter((result) => result.status === "fulfilled" && result.value.ok).length,
    throttled: results.filter(
      (result) => result.status === "rejected" && (result.reason as { kind?: string }).kind === "throttled",
    ).length,
  };
}

describe("100 concurrent checks against a small read bucket", () => {
  it("all get their facts, none is throttled: the reads wait for the refill", async () => {
    expect(refs).toHaveLength(100);
    const gateway = gatewayFor(sim, { maxRetries: 0, readBudget: PACING, resourceGraph: false });
    expect(await burst(gateway)).toEqual({ gathered: 100, throttled: 0 });
    const budget = gateway.clients.readBudget(refs[0]?.subscriptionId ?? "");
    expect(budget.counters.throttled).toBe(0);
    expect(budget.counters.pauses).toBeGreaterThan(0);
    expect(budget.counters.sent).toBeGreaterThan(BUCKET.capacity);
  });

  it("would draw 429s without the pacing (the same burst and bucket)", async () => {
    const unpaced = gatewayFor(sim, {
      maxRetries: 0,
      resourceGraph: false,
      readBudget: { ...PACING, reserve: Number.NEGATIVE_INFINITY },
    });
    const { throttled } = await burst(unpaced);
    expect(throttled).toBeGreaterThan(0);
  });
});
