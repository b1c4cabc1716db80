/**
 * The SDK's paging helpers replace ARM's error message with their own ("Pagination failed with unexpected
 * statusCode 500"); the client keeps ARM's under a header of its own, so a failed listing still says what
 * Azure said. A single GET, whose error carries ARM's message anyway, says the same.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { toArmError } from "../../../src/azure/arm-error.js";
import { createArmClients, simulatorConnection } from "../../../src/azure/clients.js";
import type { RunningSimulator } from "../../../src/simulator/index.js";
import { PRODUCTION, startSampleSimulator } from "../../support/sim-fixture.js";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSampleSimulator();
});
afterAll(() => sim.close());
afterEach(() => sim.faults.clear());

const ARM_MESSAGE = "An internal execution error occurred. Please retry later.";

async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("the call did not fail");
}

describe("a failed ARM listing", () => {
  const compute = () =>
    createArmClients({ ...simulatorConnection(sim.endpoint, sim.caPem), maxRetries: 0 }).compute(PRODUCTION);

  it("says ARM's own message, not the SDK's paging error", async () => {
    sim.faults.failReads(1, 500);
    const error = await failureOf(async () => {
      for await (const _vm of compute().virtualMachines.listAll()) {
        // the first page fails
      }
    });
    expect(String((error as Error).message)).toMatch(/^Pagination failed/);
    const armError = toArmError(error, "listing VMs");
    expect(armError.message).toBe(
      `Azure refused while listing VMs (500 InternalServerError): ${ARM_MESSAGE}`,
    );
  });

  it("says the same as a single read's error", async () => {
    sim.faults.failReads(1, 500);
    const error = await failureOf(() => compute().virtualMachines.get("rg-web", "vm-web-01"));
    expect(toArmError(error, "reading vm-web-01").message).toContain(ARM_MESSAGE);
  });
});
