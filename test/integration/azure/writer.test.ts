import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArmClients } from "../../../src/azure/clients.js";
import { ArmError, simulatorConnection } from "../../../src/azure/index.js";
import { parseOperationFailure, RestorePointWriter } from "../../../src/azure/restore-point-writer.js";
import type { RunningSimulator } from "../../../src/simulator/index.js";
import { PRODUCTION, startSampleSimulator, vmId } from "../../support/sim-fixture.js";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSampleSimulator();
});
afterAll(() => sim.close());

function writer(): RestorePointWriter {
  return new RestorePointWriter(createArmClients(simulatorConnection(sim.endpoint, sim.caPem)), 10);
}

const web02 = { subscriptionId: PRODUCTION, resourceGroup: "rg-web", location: "eastus" };

describe("restore point creation through the real SDK", () => {
  it("creates a collection, starts a restore point and follows it to success", async () => {
    const collectionId = await writer().ensureCollection({
      ...web02,
      name: "rpc-vm-web-02",
      vmId: vmId(PRODUCTION, "rg-web", "vm-web-02"),
    });
    expect(collectionId).toMatch(/restorePointCollections\/rpc-vm-web-02$/);
    const started = await writer().start({
      ...web02,
      collectionName: "rpc-vm-web-02",
      restorePointName: "rp-crash-1",
      mode: "CrashConsistent",
      excludeDiskIds: [],
    });
    expect(started.restorePointId).toMatch(/restorePoints\/rp-crash-1$/);
    // Azure's operation URLs are signed and about 3 KB long: the saved state keeps the whole URL.
    const operationUrls = started.pollerState.match(/https:[^"]+\/operations\/[^"]+/g) ?? [];
    expect(operationUrls.length).toBeGreaterThan(0);
    for (const url of operationUrls) {
      expect(url.length).toBeGreaterThan(2500);
      expect(url).toMatch(/[?&]s=[^&]{100,}/);
    }
    // Another writer (another process, after a restart) follows the operation from the saved state.
    const result = await writer().waitForResult(PRODUCTION, started.pollerState);
    expect(result).toMatchObject({
      state: "succeeded",
      restorePointId: expect.stringMatching(/rp-crash-1$/),
    });
    if (result.state === "succeeded") expect(result.capturedDisks.length).toBeGreaterThan(0);
  });

  it("asks for an application-consistent restore point by leaving consistencyMode out, as the API requires", async () => {
    // The simulator refuses an explicit ApplicationConsistent (only CrashConsistent is accepted as input).
    await writer().ensureCollection({
      ...web02,
      name: "rpc-app-wire",
      vmId: vmId(PRODUCTION, "rg-web", "vm-web-02"),
    });
    const started = await writer().start({
      ...web02,
      collectionName: "rpc-app-wire",
      restorePointName: "rp-app-1",
      mode: "ApplicationConsistent",
      excludeDiskIds: [],
    });
    expect(await writer().waitForResult(PRODUCTION, started.pollerState)).toMatchObject({
      state: "succeeded",
    });
    const stored = await createArmClients(simulatorConnection(sim.endpoint, sim.caPem))
      .compute(PRODUCTION)
      .restorePoints.get("rg-web", "rpc-app-wire", "rp-app-1");
    expect(stored.consistencyMode).toBe("ApplicationConsistent");
  });

  it("turns a failed operation into a result with ARM's code", async () => {
    sim.faults.failNextCreations(1, "VMRestorePointInternalError", "An internal execution error occurred.");
    const started = await writer().start({
      ...web02,
      resourceGroup: "rg-web",
      collectionName: "rpc-vm-web-01",
      restorePointName: "rp-crash-failing",
      mode: "CrashConsistent",
      excludeDiskIds: [],
    });
    const result = await writer().waitForResult(PRODUCTION, started.pollerState);
    expect(result).toEqual({
      state: "failed",
      code: "VMRestorePointInternalError",
      message: expect.stringMatching(/internal execution error/),
    });
  });

  it("returns the service's too-soon 429 at once, with its Retry-After, instead of sleeping through it", async () => {
    const startedAt = Date.now();
    const error = await writer()
      .start({
        subscriptionId: PRODUCTION,
        resourceGroup: "rg-web",
        collectionName: "rpc-vm-web-02",
        restorePointName: "rp-crash-again",
        mode: "CrashConsistent",
        excludeDiskIds: [],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ArmError);
    expect((error as ArmError).kind).toBe("throttled");
    expect((error as ArmError).retryAfterSeconds).toBeGreaterThan(60);
    expect(Date.now() - startedAt).toBeLessThan(15_000);
  });

  it("surfaces a refusal of the initial PUT as an ArmError with ARM's code", async () => {
    await writer().ensureCollection({
      subscriptionId: PRODUCTION,
      resourceGroup: "rg-data",
      location: "eastus",
      name: "rpc-vm-sql-01",
      vmId: vmId(PRODUCTION, "rg-data", "vm-sql-01"),
    });
    const error = await writer()
      .start({
        subscriptionId: PRODUCTION,
        resourceGroup: "rg-data",
        collectionName: "rpc-vm-sql-01",
        restorePointName: "rp-crash-ultra",
        mode: "CrashConsistent",
        excludeDiskIds: [],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ArmError);
    expect(error).toMatchObject({ status: 409, armCode: "OperationNotAllowed" });
    expect((error as ArmError).message).toMatch(/starting restore point rp-crash-ultra/);
  });
});

describe("parseOperationFailure", () => {
  it("reads the code and message core-lro puts in its error", () => {
    const error = new Error(
      "The long-running operation has failed. VMRestorePointClientError. RestorePoint creation failed since a concurrent 'Create RestorePoint' operation was triggered on the VM.",
    );
    expect(parseOperationFailure(error)).toEqual({
      code: "VMRestorePointClientError",
      message:
        "RestorePoint creation failed since a concurrent 'Create RestorePoint' operation was triggered on the VM.",
    });
    expect(parseOperationFailure(Object.assign(new Error("x"), { statusCode: 409 }))).toBeUndefined();
  });
});
