/**
 * The restore point service's refusals, each against the sample VM that shows it. Up-front refusals are 4xx on
 * the PUT; failures Azure reports during the operation reject the SDK poller with the documented code.
 */
import type { ComputeManagementClient, RestorePoint } from "@azure/arm-compute";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildSampleFleet,
  createSimulatorCore,
  type RunningSimulator,
} from "../../../src/simulator/index.js";
import { simClient } from "../../support/sim-client.js";
import { diskIdOf, POLL, PRODUCTION, startSampleSimulator, vmId } from "../../support/sim-fixture.js";

let sim: RunningSimulator;
/** No SDK retries: a too-soon 429 carries a Retry-After of up to 3 hours, which the SDK would honour. */
let client: ComputeManagementClient;

beforeAll(async () => {
  sim = await startSampleSimulator();
  client = simClient(sim, PRODUCTION, { maxRetries: 0 });
});
afterAll(() => sim.close());

async function collectionFor(resourceGroup: string, vmName: string, location = "eastus"): Promise<string> {
  const name = `rpc-${vmName}`;
  await client.restorePointCollections.createOrUpdate(resourceGroup, name, {
    location,
    source: { id: vmId(PRODUCTION, resourceGroup, vmName) },
  });
  return name;
}

async function create(
  resourceGroup: string,
  vmName: string,
  parameters: RestorePoint,
  location?: string,
): Promise<RestorePoint> {
  const collection = await collectionFor(resourceGroup, vmName, location);
  return client.restorePoints.create(
    resourceGroup,
    collection,
    `rp-${Math.random().toString(16).slice(2, 10)}`,
    parameters,
    POLL,
  );
}

const crash: RestorePoint = { consistencyMode: "CrashConsistent" };
/** Application consistency is what a request without consistencyMode gets (the only accepted input is crash). */
const app: RestorePoint = {};

describe("refused up front (4xx on the PUT; codes ours)", () => {
  it.each([
    ["unmanaged disks", "rg-legacy", "vm-legacy-01", crash],
    ["a confidential VM", "rg-security", "vm-confidential-01", crash],
    ["an Ultra disk in crash mode", "rg-data", "vm-sql-01", crash],
    ["a Premium SSD v2 disk in crash mode", "rg-data", "vm-analytics-01", crash],
    ["an ephemeral OS disk and nothing else", "rg-platform", "vm-ephemeral-only-01", crash],
  ])("refuses %s with 409 OperationNotAllowed", async (_case, group, vm, parameters) => {
    const location = group === "rg-platform" ? "westeurope" : "eastus";
    await expect(create(group, vm, parameters, location)).rejects.toMatchObject({
      statusCode: 409,
      code: "OperationNotAllowed",
    });
  });

  it("allows crash mode once the Ultra disk is excluded, compared case-insensitively", async () => {
    const ultra = diskIdOf(PRODUCTION, "rg-data", "vm-sql-01-log-ultra").toUpperCase();
    const point = await create("rg-data", "vm-sql-01", { ...crash, excludeDisks: [{ id: ultra }] });
    expect(point.provisioningState).toBe("Succeeded");
    expect(point.sourceMetadata?.storageProfile?.dataDisks?.map((disk) => disk.name)).toEqual([
      "vm-sql-01-data",
    ]);
    expect(point.excludeDisks?.[0]?.id).toBe(ultra);
  });

  it("keeps Ultra and Premium SSD v2 disks in application-consistent points", async () => {
    const point = await create("rg-data", "vm-analytics-01", {});
    expect(point.consistencyMode).toBe("FileSystemConsistent");
    expect(point.sourceMetadata?.storageProfile?.dataDisks).toHaveLength(1);
  });

  it("captures the data disk of a VM with an ephemeral OS disk, but not the OS disk", async () => {
    const point = await create("rg-platform", "vm-ephemeral-01", crash, "westeurope");
    expect(point.sourceMetadata?.storageProfile?.osDisk?.diskRestorePoint).toBeUndefined();
    expect(point.sourceMetadata?.storageProfile?.dataDisks?.[0]?.diskRestorePoint?.id).toBeDefined();
  });

  it("rejects an excluded disk the VM does not have (400 InvalidParameter, ours)", async () => {
    const other = diskIdOf(PRODUCTION, "rg-web", "vm-web-01-data-0");
    await expect(
      create("rg-compute", "vm-nvme-01", { ...crash, excludeDisks: [{ id: other }] }),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: "InvalidParameter",
    });
  });

  it("refuses a point in a collection whose source VM moved away (404)", async () => {
    const moved = client.restorePoints.create("rg-app-old", "rpc-vm-moved-01", "rp-after-move", crash, POLL);
    await expect(moved).rejects.toMatchObject({ statusCode: 404, code: "ResourceNotFound" });
  });
});

describe("too soon: 429 with Retry-After and the Compute throttling body (policy names partly ours)", () => {
  it("refuses an application-consistent point 1 h after the last one, allows crash mode", async () => {
    const error = await create("rg-history", "vm-recent-app-01", app).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ statusCode: 429, code: "OperationNotAllowed" });
    const retryAfter = Number(
      (error as { response?: { headers: { get(name: string): string | undefined } } }).response?.headers.get(
        "retry-after",
      ),
    );
    expect(retryAfter).toBeGreaterThan(2 * 3600 - 60);
    expect(retryAfter).toBeLessThanOrEqual(2 * 3600);
    expect((await create("rg-history", "vm-recent-app-01", crash)).provisioningState).toBe("Succeeded");
  });

  it("refuses a crash-consistent point 20 min after the last one, allows the application path", async () => {
    await expect(create("rg-history", "vm-recent-crash-01", crash)).rejects.toMatchObject({
      statusCode: 429,
    });
    expect((await create("rg-history", "vm-recent-crash-01", {})).provisioningState).toBe("Succeeded");
  });

  it("does not count a failed point", async () => {
    expect((await create("rg-history", "vm-failed-rp-01", crash)).provisioningState).toBe("Succeeded");
  });

  it("counts a point the simulator just created", async () => {
    await create("rg-web", "vm-web-02", crash);
    await expect(create("rg-web", "vm-web-02", crash)).rejects.toMatchObject({ statusCode: 429 });
  });
});

describe("failed during the operation (documented codes)", () => {
  it("fails a creation while another point of the VM is Creating", async () => {
    await expect(create("rg-history", "vm-busy-01", app)).rejects.toThrow(
      "VMRestorePointClientError. RestorePoint creation failed since a concurrent 'Create RestorePoint' operation was triggered on the VM",
    );
  });

  it("fails the second of two overlapping creations", async () => {
    const collection = await collectionFor("rg-compute", "vm-spot-01");
    const first = client.restorePoints.create("rg-compute", collection, "rp-first", crash, POLL);
    await first.submitted();
    const second = client.restorePoints.create("rg-compute", collection, "rp-second", app, POLL);
    await expect(second).rejects.toThrow("concurrent 'Create RestorePoint' operation");
    expect((await first).provisioningState).toBe("Succeeded");
  });

  it("fails at 500 retained points with the snapshot limit message", async () => {
    await expect(create("rg-history", "vm-full-01", crash)).rejects.toThrow(
      "VMRestorePointClientError. Restore Point creation failed as the maximum allowed snapshot limit",
    );
    expect((await create("rg-history", "vm-nearfull-01", crash)).provisioningState).toBe("Succeeded");
  });

  it("fails with a shared disk attached, succeeds once it is excluded", async () => {
    await expect(create("rg-cluster", "vm-cluster-01", crash, "westeurope")).rejects.toThrow(
      "VMRestorePointClientError. Creation of Restore Point of a Virtual Machine with Shared disks is not supported",
    );
    const shared = { id: diskIdOf(PRODUCTION, "rg-cluster", "cluster-quorum-shared") };
    const point = await create(
      "rg-cluster",
      "vm-cluster-02",
      { ...crash, excludeDisks: [shared] },
      "westeurope",
    );
    expect(point.sourceMetadata?.storageProfile?.dataDisks).toEqual([]);
  });

  it.each([
    ["the VM agent is not ready", "rg-ops", "vm-agent-down-01"],
    ["the VM is deallocated", "rg-ops", "vm-stopped-01"],
    ["no VM agent was provisioned", "rg-ops", "vm-noagent-01"],
  ])("fails application consistency when %s, allows crash", async (_case, group, vm) => {
    await expect(create(group, vm, {})).rejects.toThrow(
      "VMAgentStatusCommunicationError. VM has not reported status for VM agent or extensions",
    );
    expect((await create(group, vm, crash)).provisioningState).toBe("Succeeded");
  });
});

describe("a fleet whose collection points at a Uniform instance", () => {
  it("refuses the restore point up front (409, ours)", async () => {
    const fleet = buildSampleFleet(new Date());
    const instanceId = `/subscriptions/${PRODUCTION}/resourceGroups/rg-scale/providers/Microsoft.Compute/virtualMachineScaleSets/vmss-web/virtualMachines/0`;
    const collectionId = `/subscriptions/${PRODUCTION}/resourceGroups/rg-scale/providers/Microsoft.Compute/restorePointCollections/rpc-vmss-web-0`;
    fleet.resources.push({
      id: collectionId,
      name: "rpc-vmss-web-0",
      type: "Microsoft.Compute/restorePointCollections",
      location: "eastus",
      properties: { source: { id: instanceId }, provisioningState: "Succeeded" },
    });
    const core = createSimulatorCore({ fleet });
    const response = await core.handler({
      method: "PUT",
      url: new URL(`https://sim.test${collectionId}/restorePoints/rp-1?api-version=2026-03-01`),
      headers: { authorization: "Bearer x" },
      body: { properties: { consistencyMode: "CrashConsistent" } },
    });
    expect(response).toMatchObject({ status: 409, body: { error: { code: "OperationNotAllowed" } } });
  });
});
