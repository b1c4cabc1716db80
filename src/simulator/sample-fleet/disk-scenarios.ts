/** VMs whose disks decide the answer: ephemeral, shared, unmanaged, encrypted, private, accelerated, NVMe. */
import type { JsonObject } from "../json.js";
import { at, flatten, type Placement, PRODUCTION, place, resourceIdIn } from "./common.js";
import { diskId } from "./disks.js";
import { OS } from "./os-images.js";
import { type BuiltVm, buildVm, vmIdOf } from "./vm-builder.js";

export function diskScenarios(now: Date): JsonObject[] {
  return flatten([...ephemeral(now), ...shared(now), ...legacy(now), ...encrypted(now), ...performance(now)]);
}

function ephemeral(now: Date): BuiltVm[] {
  const platform: Placement = {
    subscriptionId: PRODUCTION,
    resourceGroup: "rg-platform",
    location: "westeurope",
    now,
  };
  const ubuntu = { os: OS.ubuntu2204, osDisk: { ephemeral: true } };
  return [
    buildVm(
      at(platform, {
        name: "vm-ephemeral-01",
        size: "Standard_D4ds_v5",
        ...ubuntu,
        dataDisks: [{ sizeGB: 128 }],
      }),
    ),
    buildVm(at(platform, { name: "vm-ephemeral-only-01", size: "Standard_D2ds_v5", ...ubuntu })),
  ];
}

/** A two-node cluster sharing one disk (maxShares 2): vm-cluster-01 owns the disk resource. */
function shared(now: Date): BuiltVm[] {
  const cluster: Placement = {
    subscriptionId: PRODUCTION,
    resourceGroup: "rg-cluster",
    location: "westeurope",
    now,
  };
  const sharedName = "cluster-quorum-shared";
  const nodes = [
    vmIdOf({ ...cluster, name: "vm-cluster-01" }),
    vmIdOf({ ...cluster, name: "vm-cluster-02" }),
  ];
  const sharedDisk = {
    name: sharedName,
    sizeGB: 256,
    maxShares: 2,
    caching: "None" as const,
    sharedWith: nodes,
  };
  const node = { size: "Standard_D4s_v5", os: OS.windows2019 };
  return [
    buildVm(at(cluster, { name: "vm-cluster-01", ...node, dataDisks: [sharedDisk, { sizeGB: 128 }] })),
    buildVm(
      at(cluster, {
        name: "vm-cluster-02",
        ...node,
        dataDisks: [
          { existingDiskId: diskId({ ...cluster, vmId: "" }, sharedName), sizeGB: 256, caching: "None" },
        ],
      }),
    ),
  ];
}

function legacy(now: Date): BuiltVm[] {
  const group: Placement = {
    subscriptionId: PRODUCTION,
    resourceGroup: "rg-legacy",
    location: "eastus",
    now,
  };
  const unmanaged = { osDisk: { unmanaged: true }, dataDisks: [{ unmanaged: true, sizeGB: 100 }] };
  return [
    buildVm(at(group, { name: "vm-legacy-01", size: "Standard_DS2_v2", os: OS.windows2012r2, ...unmanaged })),
  ];
}

function encrypted(now: Date): BuiltVm[] {
  const security: Placement = {
    subscriptionId: PRODUCTION,
    resourceGroup: "rg-security",
    location: "eastus",
    now,
  };
  const encryptionSetId = resourceIdIn(
    security,
    "Microsoft.Compute",
    "diskEncryptionSets",
    "des-contoso-cmk",
  );
  const diskAccessId = resourceIdIn(security, "Microsoft.Compute", "diskAccesses", "da-contoso-private");
  const small = { size: "Standard_D2s_v5" };
  return [
    buildVm(
      at(security, {
        name: "vm-cmk-01",
        ...small,
        os: OS.windows2022,
        osDisk: { encryptionSetId },
        dataDisks: [{ sizeGB: 256, encryptionSetId }],
      }),
    ),
    buildVm(
      at(security, {
        name: "vm-private-01",
        ...small,
        os: OS.ubuntu2204,
        osDisk: { diskAccessId },
        dataDisks: [{ sizeGB: 256, diskAccessId }],
      }),
    ),
    buildVm(
      at(security, {
        name: "vm-hostenc-01",
        ...small,
        os: OS.windows2022,
        dataDisks: [{ sizeGB: 64 }],
        properties: { securityProfile: { encryptionAtHost: true } },
      }),
    ),
  ];
}

function performance(now: Date): BuiltVm[] {
  const compute = place(PRODUCTION, "rg-compute", "eastus", now);
  const writeAccelerated = {
    name: "vm-writeaccel-01-log",
    sizeGB: 512,
    caching: "None" as const,
    writeAccelerator: true,
  };
  const twoDataDisks = [{ sizeGB: 256 }, { sizeGB: 256 }];
  return [
    buildVm(
      at(compute, {
        name: "vm-writeaccel-01",
        size: "Standard_M32ms",
        os: OS.windows2019,
        dataDisks: [writeAccelerated, { sizeGB: 1024 }],
      }),
    ),
    buildVm(
      at(compute, {
        name: "vm-boost-01",
        size: "Standard_D4ds_v6",
        os: OS.ubuntu2404,
        dataDisks: twoDataDisks,
      }),
    ),
    buildVm(
      at(compute, {
        name: "vm-nvme-01",
        size: "Standard_L8s_v2",
        os: OS.ubuntu2204,
        dataDisks: [{ sizeGB: 512 }],
      }),
    ),
    zoneRedundant(compute),
  ];
}

function zoneRedundant(compute: Placement): BuiltVm {
  return buildVm(
    at(compute, {
      name: "vm-zrs-01",
      size: "Standard_D2s_v5",
      os: OS.debian12,
      zones: ["1"],
      osDisk: { sku: "Premium_ZRS" },
      dataDisks: [
        { sizeGB: 256, sku: "Premium_ZRS" },
        { sizeGB: 64, sku: "StandardSSD_ZRS", caching: "ReadWrite" },
      ],
    }),
  );
}
