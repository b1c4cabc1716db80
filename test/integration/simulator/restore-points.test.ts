/** Restore point create/get/delete as real Azure does them, driven by the SDK's pollers. */
import type { ComputeManagementClient } from "@azure/arm-compute";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../../src/simulator/index.js";
import { rawRequest, simClient } from "../../support/sim-client.js";
import { POLL, PRODUCTION, startSampleSimulator, vmId } from "../../support/sim-fixture.js";

let sim: RunningSimulator;
let prod: ComputeManagementClient;
const POINTS = `/subscriptions/${PRODUCTION}/resourceGroups/rg-web/providers/Microsoft.Compute/restorePointCollections`;

beforeAll(async () => {
  sim = await startSampleSimulator();
  prod = simClient(sim, PRODUCTION);
  await prod.restorePointCollections.createOrUpdate("rg-web", "rpc-vm-web-02", {
    location: "eastus",
    source: { id: vmId(PRODUCTION, "rg-web", "vm-web-02") },
  });
});
afterAll(() => sim.close());

describe("restore point creation", () => {
  it("answers the PUT like real Azure: 201 Creating, Azure-AsyncOperation, no Location, no Retry-After", async () => {
    const response = await rawRequest(
      sim,
      "PUT",
      `${POINTS}/rpc-vm-web-01/restorePoints/rp-raw?api-version=2026-03-01`,
      {
        body: { properties: { consistencyMode: "CrashConsistent" } },
      },
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      name: "rp-raw",
      properties: { provisioningState: "Creating", consistencyMode: "CrashConsistent" },
    });
    expect(response.body).not.toHaveProperty("type");
    const asyncOperation = String(response.headers["azure-asyncoperation"]);
    expect(asyncOperation).toMatch(
      new RegExp(
        `^${sim.endpoint}/subscriptions/${PRODUCTION}/providers/Microsoft.Compute/locations/eastus/operations/[0-9a-f-]+\\?p=[0-9a-f-]{36}&api-version=2026-03-01&t=\\d+&c=[\\w-]+&s=[\\w-]+&h=[\\w-]+$`,
      ),
    );
    expect(response.headers.location).toBeUndefined();
    expect(response.headers["retry-after"]).toBeUndefined();
    expect(response.headers["x-ms-ratelimit-remaining-resource"]).toContain(
      "CreateCrashConsistentRestorePoint",
    );
    expect(response.headers["x-ms-ratelimit-remaining-subscription-writes"]).toMatch(/^\d+$/);
    const poll = await rawRequest(
      sim,
      "GET",
      new URL(asyncOperation).pathname + new URL(asyncOperation).search,
    );
    expect(poll.body).toMatchObject({ status: "InProgress" });
  });

  it("creates a restore point through the SDK poller, with sourceMetadata from the VM", async () => {
    const point = await prod.restorePoints.create(
      "rg-web",
      "rpc-vm-web-02",
      "rp-sdk",
      { consistencyMode: "CrashConsistent" },
      POLL,
    );
    expect(point.provisioningState).toBe("Succeeded");
    expect(point.consistencyMode).toBe("CrashConsistent");
    const metadata = point.sourceMetadata;
    const vm = await prod.virtualMachines.get("rg-web", "vm-web-02");
    expect(metadata?.vmId).toBe(vm.vmId);
    expect(metadata?.location).toBe("EastUS");
    expect(metadata?.hardwareProfile?.vmSize).toBe("Standard_D2ds_v5");
    expect(metadata?.storageProfile?.osDisk?.managedDisk?.id).toBe(
      vm.storageProfile?.osDisk?.managedDisk?.id,
    );
    expect(metadata?.storageProfile?.osDisk?.diskRestorePoint?.id).toContain(
      "/restorePoints/rp-sdk/diskRestorePoints/",
    );
    expect(metadata?.storageProfile?.dataDisks?.[0]?.diskRestorePoint?.encryption?.type).toBe(
      "EncryptionAtRestWithPlatformKey",
    );
    expect(point.timeCreated).toBeInstanceOf(Date);
  });

  it("picks the documented default mode per OS when the request names none", async () => {
    const windows = await prod.restorePoints.create("rg-web", "rpc-vm-web-01", "rp-default", {}, POLL);
    expect(windows.consistencyMode).toBe("ApplicationConsistent");
    await prod.restorePointCollections.createOrUpdate("rg-os", "rpc-vm-ubuntu-01", {
      location: "westeurope",
      source: { id: vmId(PRODUCTION, "rg-os", "vm-ubuntu-01") },
    });
    const linux = await prod.restorePoints.create("rg-os", "rpc-vm-ubuntu-01", "rp-default", {}, POLL);
    expect(linux.consistencyMode).toBe("FileSystemConsistent");
  });

  it.each(["ApplicationConsistent", "FileSystemConsistent"])(
    "refuses %s as input: the API accepts only CrashConsistent (400, code ours)",
    async (mode) => {
      const refused = prod.restorePoints.create(
        "rg-web",
        "rpc-vm-web-01",
        `rp-${mode}`,
        { consistencyMode: mode },
        POLL,
      );
      await expect(refused).rejects.toMatchObject({ statusCode: 400, code: "InvalidParameter" });
      await expect(refused).rejects.toThrow("for now, only CrashConsistent is accepted as a valid input");
      await expect(prod.restorePoints.get("rg-web", "rpc-vm-web-01", `rp-${mode}`)).rejects.toMatchObject({
        statusCode: 404,
      });
    },
  );

  it("adds the instance view with disk restore points only on $expand=instanceView", async () => {
    const plain = await prod.restorePoints.get("rg-web", "rpc-vm-web-02", "rp-sdk");
    expect(plain.instanceView).toBeUndefined();
    const expanded = await prod.restorePoints.get("rg-web", "rpc-vm-web-02", "rp-sdk", {
      expand: "instanceView",
    });
    expect(expanded.instanceView?.statuses?.[0]?.code).toBe("ProvisioningState/succeeded");
    expect(expanded.instanceView?.diskRestorePoints).toHaveLength(2);
  });

  it("refuses to update an existing restore point (409)", async () => {
    const again = prod.restorePoints.create(
      "rg-web",
      "rpc-vm-web-02",
      "rp-sdk",
      { consistencyMode: "CrashConsistent" },
      POLL,
    );
    await expect(again).rejects.toMatchObject({ statusCode: 409, code: "OperationNotAllowed" });
  });

  it("answers 404 for a missing point and ParentResourceNotFound for a missing collection", async () => {
    await expect(prod.restorePoints.get("rg-web", "rpc-vm-web-02", "rp-none")).rejects.toMatchObject({
      statusCode: 404,
      code: "NotFound",
    });
    const orphan = prod.restorePoints.create(
      "rg-web",
      "rpc-none",
      "rp-1",
      { consistencyMode: "CrashConsistent" },
      POLL,
    );
    await expect(orphan).rejects.toMatchObject({ statusCode: 404, code: "ParentResourceNotFound" });
  });

  it("surfaces an injected failure as the SDK's failed-LRO error, and the point ends Failed", async () => {
    sim.faults.failNextCreations(
      1,
      "VMRestorePointInternalError",
      "Restore Point creation failed due to an internal execution error while creating VM snapshot.",
    );
    const creation = prod.restorePoints.create(
      "rg-os",
      "rpc-vm-ubuntu-01",
      "rp-injected",
      { consistencyMode: "CrashConsistent" },
      POLL,
    );
    await expect(creation).rejects.toThrow(
      "The long-running operation has failed. VMRestorePointInternalError. Restore Point creation failed due to an internal execution error",
    );
    const point = await prod.restorePoints.get("rg-os", "rpc-vm-ubuntu-01", "rp-injected");
    expect(point.provisioningState).toBe("Failed");
  });
});

describe("restore point deletion", () => {
  it("answers 202 with both headers and an empty body, then the point is gone", async () => {
    const response = await rawRequest(
      sim,
      "DELETE",
      `${POINTS}/rpc-vm-web-01/restorePoints/rp-raw?api-version=2026-03-01`,
    );
    expect(response.status).toBe(202);
    expect(response.body).toBeUndefined();
    expect(response.headers.location).toBe(`${response.headers["azure-asyncoperation"]}&monitor=true`);
    await prod.restorePoints.delete("rg-web", "rpc-vm-web-02", "rp-sdk", POLL);
    await expect(prod.restorePoints.get("rg-web", "rpc-vm-web-02", "rp-sdk")).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});
