/**
 * The ARM observer policies on the real SDK clients against the simulator: every attempt is told with ARM's
 * answer (a throttled one as 429, one that never got an answer without a status), and every attempt after
 * the first of the same call is told as a retry, through the compute clients and the plain pipeline alike.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ArmAttempt, ArmRequestObserver } from "../../../src/azure/arm-metrics-policy.js";
import { createArmClients, simulatorConnection } from "../../../src/azure/clients.js";
import type { RunningSimulator } from "../../../src/simulator/index.js";
import { PRODUCTION, startSampleSimulator } from "../../support/sim-fixture.js";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSampleSimulator();
});
afterAll(() => sim.close());
afterEach(() => sim.faults.clear());

function recording(): ArmRequestObserver & { attempts: ArmAttempt[]; retries: string[] } {
  const attempts: ArmAttempt[] = [];
  const retries: string[] = [];
  return {
    attempts,
    retries,
    attempted: (attempt) => attempts.push(attempt),
    retried: (method) => retries.push(method),
  };
}

function clientsWith(
  observer: ArmRequestObserver,
  options: { maxRetries?: number; timeoutMs?: number } = {},
) {
  return createArmClients({ ...simulatorConnection(sim.endpoint, sim.caPem), observer, ...options });
}

describe("the ARM observer", () => {
  it("tells one attempt and no retry for a read answered at once", async () => {
    const observer = recording();
    const vm = await clientsWith(observer).compute(PRODUCTION).virtualMachines.get("rg-web", "vm-web-01");
    expect(vm.name).toBe("vm-web-01");
    expect(observer.attempts).toEqual([{ method: "GET", status: 200 }]);
    expect(observer.retries).toEqual([]);
  });

  it("tells each throttled attempt as 429 and each attempt after the first as a retry", async () => {
    const observer = recording();
    const clients = clientsWith(observer, { maxRetries: 2 });
    sim.faults.failReads(1, 429, 0);
    await expect(clients.compute(PRODUCTION).virtualMachines.get("rg-web", "vm-web-01")).rejects.toThrow();
    expect(observer.attempts).toEqual([
      { method: "GET", status: 429 },
      { method: "GET", status: 429 },
      { method: "GET", status: 429 },
    ]);
    expect(observer.retries).toEqual(["GET", "GET"]);
  });

  it("tells calls that get through after throttled attempts: one retry per 429, nothing more", async () => {
    const observer = recording();
    const clients = clientsWith(observer, { maxRetries: 3 });
    // Half the reads fail, in a seeded order: some call meets a 429 and then gets through.
    sim.faults.failReads(0.5, 429, 0);
    for (let i = 0; i < 6; i++) await clients.compute(PRODUCTION).virtualMachines.get("rg-web", "vm-web-01");
    const throttled = observer.attempts.filter((attempt) => attempt.status === 429).length;
    const answered = observer.attempts.filter((attempt) => attempt.status === 200).length;
    expect(answered).toBe(6);
    expect(throttled).toBeGreaterThan(0);
    // Every 429 was retried (all six calls succeeded), and nothing else was.
    expect(observer.retries).toHaveLength(throttled);
  });

  it("tells an attempt that timed out without a status, on the subscription pipeline too", async () => {
    const observer = recording();
    const clients = clientsWith(observer, { maxRetries: 0, timeoutMs: 200 });
    sim.faults.freeze("reads");
    await expect(clients.ping()).rejects.toThrow();
    sim.faults.clear();
    expect(observer.attempts).toEqual([{ method: "GET", status: undefined }]);
    await clients.ping();
    expect(observer.attempts.at(-1)).toEqual({ method: "GET", status: 200 });
    expect(observer.retries).toEqual([]);
  });
});
