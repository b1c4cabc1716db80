/**
 * Writes and deletes are paced like reads: a burst of collection PUTs three times the size of the subscription's
 * write bucket, then as many DELETEs, waits for the refill (fed by x-ms-ratelimit-remaining-subscription-writes
 * and -deletes) instead of drawing 429s. Through the bot's own writer and deleter and the real SDK, with no SDK
 * retry, so that every call is one request: a 429 would fail it, and the simulator would count no more requests
 * than calls.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ArmBudgetSettings } from "../../../src/azure/arm-budget.js";
import { type ArmClients, createArmClients } from "../../../src/azure/clients.js";
import { RestorePointDeleter, simulatorConnection } from "../../../src/azure/index.js";
import { RestorePointWriter } from "../../../src/azure/restore-point-writer.js";
import type { RunningSimulator } from "../../../src/simulator/index.js";
import { PRODUCTION, startSampleSimulator, vmId } from "../../support/sim-fixture.js";

const BUCKET = { capacity: 20, refillPerSecond: 50 };
const PACING: ArmBudgetSettings = { reserve: 5, ...BUCKET };
const UNPACED: ArmBudgetSettings = { ...PACING, reserve: Number.NEGATIVE_INFINITY };
const BURST = 3 * BUCKET.capacity;
const NAMES = Array.from({ length: BURST }, (_, index) => `rpc-burst-${index}`);
const PUT_ROUTE = "restorePointCollections.createOrUpdate";
const DELETE_ROUTE = "restorePointCollections.delete";

let sim: RunningSimulator;
beforeEach(async () => {
  sim = await startSampleSimulator({ writeBudget: BUCKET, deleteBudget: BUCKET });
});
afterEach(() => sim.close());

function clientsPacedBy(budget: ArmBudgetSettings): ArmClients {
  return createArmClients({
    ...simulatorConnection(sim.endpoint, sim.caPem),
    maxRetries: 0,
    writeBudget: budget,
    deleteBudget: budget,
  });
}

/** Every collection PUT at once; how many were created and how many ARM refused with 429. */
async function putBurst(clients: ArmClients) {
  const writer = new RestorePointWriter(clients, 10);
  const source = vmId(PRODUCTION, "rg-web", "vm-web-01");
  const results = await Promise.allSettled(
    NAMES.map((name) =>
      writer.ensureCollection({
        subscriptionId: PRODUCTION,
        resourceGroup: "rg-web",
        location: "eastus",
        name,
        vmId: source,
      }),
    ),
  );
  return {
    created: results.filter((result) => result.status === "fulfilled").length,
    throttled: results.filter(
      (result) => result.status === "rejected" && (result.reason as { kind?: string }).kind === "throttled",
    ).length,
  };
}

/** Every collection DELETE at once; how many were started and how many ARM refused with 429. */
async function deleteBurst(clients: ArmClients) {
  const deleter = new RestorePointDeleter(clients, 10);
  const starts = await Promise.all(
    NAMES.map((collectionName) =>
      deleter.startCollection({ subscriptionId: PRODUCTION, resourceGroup: "rg-web", collectionName }),
    ),
  );
  return {
    started: starts.filter((start) => start.state === "started").length,
    throttled: starts.filter((start) => start.state === "throttled").length,
  };
}

function received(route: string): number {
  return sim.stats().byRoute[route] ?? 0;
}

describe(`a burst of ${BURST} writes, then ${BURST} deletes, against buckets of ${BUCKET.capacity}`, () => {
  it("all succeed and none is throttled: each burst waits for its bucket's refill", async () => {
    const clients = clientsPacedBy(PACING);
    expect(await putBurst(clients)).toEqual({ created: BURST, throttled: 0 });
    expect(received(PUT_ROUTE)).toBe(BURST);
    expect(clients.writeBudget(PRODUCTION).counters).toMatchObject({ sent: BURST, throttled: 0 });
    expect(clients.writeBudget(PRODUCTION).counters.pauses).toBeGreaterThan(0);

    expect(await deleteBurst(clients)).toEqual({ started: BURST, throttled: 0 });
    expect(received(DELETE_ROUTE)).toBe(BURST);
    expect(clients.deleteBudget(PRODUCTION).counters).toMatchObject({ sent: BURST, throttled: 0 });
    expect(clients.deleteBudget(PRODUCTION).counters.pauses).toBeGreaterThan(0);
    // Each kind has a bucket of its own: the deletes were not counted as writes.
    expect(clients.writeBudget(PRODUCTION).counters.sent).toBe(BURST);
  });

  it("would draw 429s on the writes without the pacing (the same burst and bucket)", async () => {
    const clients = clientsPacedBy(UNPACED);
    const { throttled } = await putBurst(clients);
    expect(throttled).toBeGreaterThan(0);
    expect(clients.writeBudget(PRODUCTION).counters.throttled).toBe(throttled);
  });

  it("would draw 429s on the deletes without the pacing (the same burst and bucket)", async () => {
    expect((await putBurst(clientsPacedBy(PACING))).created).toBe(BURST);
    const clients = clientsPacedBy(UNPACED);
    const { throttled } = await deleteBurst(clients);
    expect(throttled).toBeGreaterThan(0);
    expect(clients.deleteBudget(PRODUCTION).counters.throttled).toBe(throttled);
  });
});
