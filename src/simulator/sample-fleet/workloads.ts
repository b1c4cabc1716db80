/** Everyday production workloads: healthy web VMs, database disks (Ultra, Premium SSD v2), licences, migration. */
import type { JsonObject } from "../json.js";
import { at, flatten, type Placement, PRODUCTION } from "./common.js";
import { buildCollection, HOUR_MS } from "./history.js";
import { OS } from "./os-images.js";
import { type BuiltVm, buildVm } from "./vm-builder.js";

export function workloads(now: Date): JsonObject[] {
  const web: Placement = { subscriptionId: PRODUCTION, resourceGroup: "rg-web", location: "eastus", now };
  const webTags = { env: "production", app: "storefront", owner: "web-team" };
  const web01 = buildVm(
    at(web, {
      name: "vm-web-01",
      size: "Standard_D4s_v5",
      os: OS.windows2022,
      dataDisks: [{ sizeGB: 256 }, { sizeGB: 512, sku: "StandardSSD_LRS" }],
      tags: webTags,
    }),
  );
  const web01History = buildCollection(web01.vm, {
    name: "rpc-vm-web-01",
    points: [
      { mode: "ApplicationConsistent", createdAt: new Date(now.getTime() - 50 * HOUR_MS) },
      { mode: "CrashConsistent", createdAt: new Date(now.getTime() - 26 * HOUR_MS) },
    ],
  });
  const web02 = at(web, {
    name: "vm-web-02",
    size: "Standard_D2ds_v5",
    os: OS.windows2019,
    dataDisks: [{ sizeGB: 128 }],
    tags: webTags,
  });
  return [...flatten([web01, buildVm(web02), ...databases(now), ...operations(now)]), web01History];
}

function databases(now: Date): BuiltVm[] {
  const data: Placement = { subscriptionId: PRODUCTION, resourceGroup: "rg-data", location: "eastus", now };
  const ultra = { name: "vm-sql-01-log-ultra", sizeGB: 512, sku: "UltraSSD_LRS", caching: "None" as const };
  const premiumV2 = {
    name: "vm-analytics-01-lake",
    sizeGB: 2048,
    sku: "PremiumV2_LRS",
    caching: "None" as const,
  };
  return [
    buildVm(
      at(data, {
        name: "vm-sql-01",
        size: "Standard_E8s_v5",
        os: OS.windows2022,
        zones: ["1"],
        dataDisks: [{ name: "vm-sql-01-data", sizeGB: 1024 }, ultra],
        properties: { additionalCapabilities: { ultraSSDEnabled: true } },
        tags: { env: "production", app: "orders-db" },
      }),
    ),
    buildVm(
      at(data, {
        name: "vm-analytics-01",
        size: "Standard_E4s_v5",
        os: OS.ubuntu2204,
        zones: ["2"],
        dataDisks: [premiumV2],
      }),
    ),
  ];
}

function operations(now: Date): BuiltVm[] {
  const ops: Placement = { subscriptionId: PRODUCTION, resourceGroup: "rg-ops", location: "eastus", now };
  const migrationTags = { "Migrate Project": "contoso-dc1-migration", migratedFrom: "dc1-fileserver-03" };
  return [
    buildVm(
      at(ops, {
        name: "vm-hub-01",
        size: "Standard_D2s_v5",
        os: OS.windows2019,
        properties: { licenseType: "Windows_Server" },
      }),
    ),
    buildVm(
      at(ops, {
        name: "vm-migrated-01",
        size: "Standard_D4s_v5",
        os: OS.windows2016,
        attachedOsDisk: true,
        dataDisks: [{ sizeGB: 200, sku: "StandardSSD_LRS" }],
        tags: migrationTags,
      }),
    ),
    buildVm(
      at(ops, { name: "vm-rhel-01", size: "Standard_D2s_v5", os: OS.rhel9, dataDisks: [{ sizeGB: 64 }] }),
    ),
  ];
}
