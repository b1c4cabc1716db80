/**
 * The staging subscription: vm-app-01 exists in both subscriptions (an ambiguous name, each with a collection of
 * its own), and West US 3 already
 * holds 10,000 restore point collections (left behind by a decommissioned batch farm), so vm-crowded-01 cannot
 * get a first collection there.
 */
import { stableGuid } from "../ids.js";
import type { JsonObject } from "../json.js";
import { computeId } from "../resource-id.js";
import { at, flatten, type Placement, PRODUCTION, STAGING } from "./common.js";
import { buildCollection, HOUR_MS } from "./history.js";
import { OS } from "./os-images.js";
import { buildVm } from "./vm-builder.js";

export const CROWDED_REGION_COLLECTIONS = 10_000;

export function stagingScenarios(now: Date): JsonObject[] {
  const prodApp: Placement = { subscriptionId: PRODUCTION, resourceGroup: "rg-app", location: "eastus", now };
  const stageApp: Placement = {
    subscriptionId: STAGING,
    resourceGroup: "rg-app",
    location: "westeurope",
    now,
  };
  const crowded: Placement = {
    subscriptionId: STAGING,
    resourceGroup: "rg-crowded",
    location: "westus3",
    now,
  };
  const app = { name: "vm-app-01", size: "Standard_D2s_v5", os: OS.ubuntu2204, dataDisks: [{ sizeGB: 64 }] };
  // The same app in both subscriptions: `tag app=orders-api` is a set across them.
  const prodAppVm = buildVm(at(prodApp, { ...app, tags: { env: "production", app: "orders-api" } }));
  const stageAppVm = buildVm(at(stageApp, { ...app, tags: { env: "staging", app: "orders-api" } }));
  // Each vm-app-01 has a collection of its own: same name, other vmId, so neither is the other "moved".
  const dayOld = { mode: "CrashConsistent" as const, createdAt: new Date(now.getTime() - 24 * HOUR_MS) };
  return [
    buildCollection(prodAppVm.vm, { name: "rpc-vm-app-01", points: [dayOld] }),
    buildCollection(stageAppVm.vm, { name: "rpc-vm-app-01", points: [dayOld] }),
    ...flatten([
      prodAppVm,
      stageAppVm,
      // `Env`, not `env`: ARM tag names compare case-insensitively, so `tag env=staging` finds it too.
      buildVm(
        at(stageApp, {
          name: "vm-stage-web-01",
          size: "Standard_B2s",
          os: OS.windows2022,
          tags: { Env: "staging" },
        }),
      ),
      buildVm(
        at(crowded, {
          name: "vm-crowded-01",
          size: "Standard_D2s_v5",
          os: OS.ubuntu2204,
          dataDisks: [{ sizeGB: 64 }],
        }),
      ),
    ]),
    ...crowdedRegion(),
  ];
}

/** Compact on purpose: empty collections whose source VMs no longer exist. */
function crowdedRegion(): JsonObject[] {
  const collections: JsonObject[] = [];
  for (let index = 0; index < CROWDED_REGION_COLLECTIONS; index += 1) {
    const number = String(index).padStart(5, "0");
    const id = computeId(STAGING, "rg-batch-archive", "restorePointCollections", `rpc-batch-${number}`);
    collections.push({
      name: `rpc-batch-${number}`,
      id,
      type: "Microsoft.Compute/restorePointCollections",
      location: "westus3",
      tags: { purpose: "batch-archive" },
      properties: {
        source: {
          id: computeId(STAGING, "rg-batch", "virtualMachines", `vm-batch-${number}`),
          location: "WestUS3",
        },
        restorePointCollectionId: stableGuid(`rpc:${id}`),
        provisioningState: "Succeeded",
      },
    });
  }
  return collections;
}
