/**
 * Restore point instance views ($expand=instanceView, reference 5.3): one ProvisioningState status (Error with
 * the failure's message for a failed point), and one entry per disk restore point with its replication status.
 */
import type { ComputeManagementClient, RestorePoint } from "@azure/arm-compute";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../../src/simulator/index.js";
import { COMPUTE_API_VERSION, rawRequest, simClient } from "../../support/sim-client.js";
import { POLL, PRODUCTION, startSampleSimulator, vmId } from "../../support/sim-fixture.js";

let sim: RunningSimulator;
let prod: ComputeManagementClient;
const EXPAND = { expand: "instanceView" } as const;

beforeAll(async () => {
  sim = await startSampleSimulator();
  prod = simClient(sim, PRODUCTION);
  await prod.restorePointCollections.createOrUpdate("rg-web", "rpc-views", {
    location: "eastus",
    source: { id: vmId(PRODUCTION, "rg-web", "vm-web-02") },
  });
});
afterAll(() => sim.close());

describe("restore point instance views", () => {
  it("shows a succeeded point with each disk restore point replicated and available", async () => {
    const created = await prod.restorePoints.create(
      "rg-web",
      "rpc-views",
      "rp-ok",
      { consistencyMode: "CrashConsistent" },
      POLL,
    );
    const view = (await prod.restorePoints.get("rg-web", "rpc-views", "rp-ok", EXPAND)).instanceView;
    expect(view?.statuses).toEqual([
      {
        code: "ProvisioningState/succeeded",
        level: "Info",
        displayStatus: "Provisioning succeeded",
        message: undefined,
        time: created.timeCreated,
      },
    ]);
    const diskIds = [
      created.sourceMetadata?.storageProfile?.osDisk?.diskRestorePoint?.id,
      ...(created.sourceMetadata?.storageProfile?.dataDisks ?? []).map((disk) => disk.diskRestorePoint?.id),
    ];
    expect(view?.diskRestorePoints?.map((disk) => disk.id)).toEqual(diskIds);
    for (const disk of view?.diskRestorePoints ?? []) {
      expect(disk.replicationStatus?.completionPercent).toBe(100);
      expect(disk.replicationStatus?.status?.code).toBe("ReplicationState/succeeded");
      expect(disk.snapshotAccessState).toBe("Available");
    }
  });

  it("shows a failed point as ProvisioningState/failed, level Error, with the failure's message", async () => {
    const message =
      "Restore Point creation failed due to an internal execution error while creating VM snapshot.";
    sim.faults.failNextCreations(1, "VMRestorePointInternalError", message);
    await expect(prod.restorePoints.create("rg-web", "rpc-views", "rp-failed", {}, POLL)).rejects.toThrow(
      message,
    );
    const view = (await prod.restorePoints.get("rg-web", "rpc-views", "rp-failed", EXPAND)).instanceView;
    expect(view?.statuses).toHaveLength(1);
    expect(view?.statuses?.[0]).toMatchObject({ code: "ProvisioningState/failed", level: "Error", message });
    expect(view?.diskRestorePoints).toEqual([]);
  });

  it("shows a point being created as ProvisioningState/creating, with no disk restore points yet", async () => {
    const collection = await prod.restorePointCollections.get("rg-history", "rpc-vm-busy-01", {
      expand: "restorePoints",
    });
    const creating = collection.restorePoints?.find(
      (point: RestorePoint) => point.provisioningState === "Creating",
    );
    const view = (await prod.restorePoints.get("rg-history", "rpc-vm-busy-01", creating?.name ?? "", EXPAND))
      .instanceView;
    expect(view?.statuses?.map((status) => [status.code, status.level])).toEqual([
      ["ProvisioningState/creating", "Info"],
    ]);
    expect(view?.diskRestorePoints).toEqual([]);
  });

  it("gives a fleet's failed point a message of ours, and no ReplicationState status for a local point", async () => {
    const collection = await prod.restorePointCollections.get("rg-history", "rpc-vm-failed-rp-01", {
      expand: "restorePoints",
    });
    const name = collection.restorePoints?.[0]?.name ?? "";
    const view = (await prod.restorePoints.get("rg-history", "rpc-vm-failed-rp-01", name, EXPAND))
      .instanceView;
    expect(view?.statuses?.map((status) => status.code)).toEqual(["ProvisioningState/failed"]);
    expect(view?.statuses?.[0]?.message).toBe("The restore point creation failed.");
  });

  it("leaves snapshotAccessState out before 2025-04-01, which introduced it", async () => {
    const path = `/subscriptions/${PRODUCTION}/resourceGroups/rg-web/providers/Microsoft.Compute/restorePointCollections/rpc-views/restorePoints/rp-ok`;
    const read = async (version: string) => {
      const response = await rawRequest(sim, "GET", `${path}?api-version=${version}&$expand=instanceView`);
      return (response.body as { properties: { instanceView: { diskRestorePoints: object[] } } }).properties
        .instanceView.diskRestorePoints[0];
    };
    expect(await read("2024-11-01")).not.toHaveProperty("snapshotAccessState");
    expect(await read(COMPUTE_API_VERSION)).toHaveProperty("snapshotAccessState", "Available");
  });

  it("marks an Instant Access point AvailableWithInstantAccess while its duration lasts", async () => {
    // Application-consistent: the crash-consistent point above blocks another for an hour.
    const point = await prod.restorePoints.create(
      "rg-web",
      "rpc-views",
      "rp-instant",
      { instantAccessDurationMinutes: 60 },
      POLL,
    );
    expect(point.instantAccessDurationMinutes).toBe(60);
    const view = (await prod.restorePoints.get("rg-web", "rpc-views", "rp-instant", EXPAND)).instanceView;
    expect(view?.diskRestorePoints?.map((disk) => disk.snapshotAccessState)).toEqual([
      "AvailableWithInstantAccess",
      "AvailableWithInstantAccess",
    ]);
  });
});
