/** VMs whose restore point history decides the answer: too soon, in progress, failed, at or near 500, moved. */
import type { JsonObject } from "../json.js";
import { at, type Placement, PRODUCTION, STAGING } from "./common.js";
import { buildCollection, HOUR_MS, MINUTE_MS, pointSeries } from "./history.js";
import { OS } from "./os-images.js";
import { buildVm } from "./vm-builder.js";

export function historyScenarios(now: Date): JsonObject[] {
  const history: Placement = {
    subscriptionId: PRODUCTION,
    resourceGroup: "rg-history",
    location: "eastus",
    now,
  };
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const windows = { size: "Standard_D2s_v5", os: OS.windows2022, dataDisks: [{ sizeGB: 128 }] };
  const recentApp = buildVm(at(history, { name: "vm-recent-app-01", ...windows }));
  const recentCrash = buildVm(
    at(history, { name: "vm-recent-crash-01", size: "Standard_D2s_v5", os: OS.ubuntu2204 }),
  );
  const busy = buildVm(at(history, { name: "vm-busy-01", ...windows }));
  const failed = buildVm(at(history, { name: "vm-failed-rp-01", ...windows }));
  const full = buildVm(at(history, { name: "vm-full-01", ...windows }));
  const nearFull = buildVm(at(history, { name: "vm-nearfull-01", ...windows }));
  const fullSeries = pointSeries(now, 500, 4 * HOUR_MS, 6);
  const built = [recentApp, recentCrash, busy, failed, full, nearFull];
  return [
    ...built.flatMap((item) => [item.vm, ...item.disks]),
    buildCollection(recentApp.vm, {
      name: "rpc-vm-recent-app-01",
      points: [{ mode: "ApplicationConsistent", createdAt: ago(HOUR_MS) }],
    }),
    buildCollection(recentCrash.vm, {
      name: "rpc-vm-recent-crash-01",
      points: [{ mode: "CrashConsistent", createdAt: ago(20 * MINUTE_MS) }],
    }),
    // Someone else's creation, still running: it stays Creating for as long as the simulator runs.
    buildCollection(busy.vm, {
      name: "rpc-vm-busy-01",
      points: [
        { mode: "CrashConsistent", createdAt: ago(30 * HOUR_MS) },
        { mode: "CrashConsistent", createdAt: ago(2 * MINUTE_MS), state: "Creating" },
      ],
    }),
    buildCollection(failed.vm, {
      name: "rpc-vm-failed-rp-01",
      points: [{ mode: "CrashConsistent", createdAt: ago(10 * MINUTE_MS), state: "Failed" }],
    }),
    buildCollection(full.vm, { name: "rpc-vm-full-01-a", points: fullSeries.slice(0, 250) }),
    buildCollection(full.vm, { name: "rpc-vm-full-01-b", points: fullSeries.slice(250) }),
    buildCollection(nearFull.vm, {
      name: "rpc-vm-nearfull-01",
      points: pointSeries(now, 460, 5 * HOUR_MS, 6),
    }),
    ...movedVm(now),
    ...movedFromStaging(now),
  ];
}

/** vm-moved-01 moved from rg-app-old to rg-app-new; its collection still names the old id (same vmId). */
function movedVm(now: Date): JsonObject[] {
  const placement: Placement = {
    subscriptionId: PRODUCTION,
    resourceGroup: "rg-app-new",
    location: "eastus",
    now,
  };
  const moved = buildVm(at(placement, { name: "vm-moved-01", size: "Standard_D2s_v5", os: OS.windows2022 }));
  const oldId = String(moved.vm.id).replace("/resourceGroups/rg-app-new/", "/resourceGroups/rg-app-old/");
  const collection = buildCollection(moved.vm, {
    name: "rpc-vm-moved-01",
    resourceGroup: "rg-app-old",
    sourceId: oldId,
    points: [
      { mode: "ApplicationConsistent", createdAt: new Date(now.getTime() - 9 * 24 * HOUR_MS) },
      { mode: "CrashConsistent", createdAt: new Date(now.getTime() - 8 * 24 * HOUR_MS) },
    ],
  });
  return [moved.vm, ...moved.disks, collection];
}

/** vm-moved-02 moved from the staging subscription to production; its collection stayed in staging. */
function movedFromStaging(now: Date): JsonObject[] {
  const placement: Placement = {
    subscriptionId: PRODUCTION,
    resourceGroup: "rg-app-new",
    location: "eastus",
    now,
  };
  const moved = buildVm(at(placement, { name: "vm-moved-02", size: "Standard_D2s_v5", os: OS.ubuntu2204 }));
  const oldId = String(moved.vm.id)
    .replace(PRODUCTION, STAGING)
    .replace("/resourceGroups/rg-app-new/", "/resourceGroups/rg-app-staging/");
  const collection = buildCollection(moved.vm, {
    name: "rpc-vm-moved-02",
    subscriptionId: STAGING,
    resourceGroup: "rg-app-staging",
    sourceId: oldId,
    points: [{ mode: "CrashConsistent", createdAt: new Date(now.getTime() - 3 * 24 * HOUR_MS) }],
  });
  return [moved.vm, ...moved.disks, collection];
}
