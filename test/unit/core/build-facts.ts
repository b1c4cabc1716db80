/** Builders for core tests: a healthy Windows Server 2022 VM by default, one field changed per test. */
import type {
  CollectionRecord,
  DiskFacts,
  RestorePointRecord,
  VmFacts,
  VmHistory,
} from "../../../src/core/index.js";

export const SUBSCRIPTION = "00000000-0000-0000-0000-000000000001";
export const RESOURCE_GROUP = "rg-web";
export const VM_NAME = "vm-web-01";
export const VM_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/virtualMachines/${VM_NAME}`;
export const VM_GUID = "11111111-2222-3333-4444-555555555555";
export const NOW = new Date("2026-11-25T12:00:00.000Z");

export function diskId(name: string): string {
  return `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/disks/${name}`;
}

export function buildDisk(overrides: Partial<DiskFacts> = {}): DiskFacts {
  const name = overrides.name ?? "vm-web-01-data-0";
  return {
    id: diskId(name),
    name,
    role: "data",
    lun: 0,
    managed: true,
    storageAccountType: "Premium_LRS",
    maxShares: 1,
    ephemeral: false,
    caching: "ReadOnly",
    writeAcceleratorEnabled: false,
    encryptionType: "EncryptionAtRestWithPlatformKey",
    privateLink: false,
    ...overrides,
  };
}

export function buildOsDisk(overrides: Partial<DiskFacts> = {}): DiskFacts {
  return buildDisk({ name: "vm-web-01-os", role: "os", lun: undefined, caching: "ReadOnly", ...overrides });
}

export function buildFacts(overrides: Partial<VmFacts> = {}): VmFacts {
  return {
    id: VM_ID,
    name: VM_NAME,
    resourceGroup: RESOURCE_GROUP,
    subscriptionId: SUBSCRIPTION,
    location: "westeurope",
    vmId: VM_GUID,
    kind: "standalone",
    securityType: "TrustedLaunch",
    vmSize: "Standard_D4s_v5",
    priority: "Regular",
    powerState: "running",
    os: {
      type: "Windows",
      name: "Windows Server 2022 Datacenter",
      version: "10.0.20348",
      image: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-g2" },
      bitness: 64,
    },
    agent: { provisioned: true, status: "ready", version: "2.7.41491.1102" },
    disks: [
      buildOsDisk(),
      buildDisk({ name: "vm-web-01-data-0", lun: 0 }),
      buildDisk({ name: "vm-web-01-data-1", lun: 1 }),
    ],
    extensions: [],
    tags: {},
    ...overrides,
  };
}

let pointCounter = 0;

export function buildPoint(overrides: Partial<RestorePointRecord> = {}): RestorePointRecord {
  pointCounter++;
  const name = overrides.name ?? `rp-${pointCounter}`;
  return {
    id: `${collectionId("rpc-vm-web-01")}/restorePoints/${name}`,
    name,
    consistencyMode: "ApplicationConsistent",
    provisioningState: "Succeeded",
    timeCreated: "2026-11-20T00:00:00.000Z",
    sourceVmId: VM_GUID,
    ...overrides,
  };
}

export function collectionId(name: string): string {
  return `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/restorePointCollections/${name}`;
}

export function buildCollection(overrides: Partial<CollectionRecord> = {}): CollectionRecord {
  const name = overrides.name ?? "rpc-vm-web-01";
  return {
    id: collectionId(name),
    name,
    location: "westeurope",
    sourceId: VM_ID,
    restorePoints: [],
    ...overrides,
  };
}

/** A history with the given collections (none by default) in a subscription+region holding a few others. */
export function buildHistory(overrides: Partial<VmHistory> = {}): VmHistory {
  return { collections: [], collectionsInSubscriptionRegion: 12, ...overrides };
}

/** `count` succeeded points, older than any interval, spread over one collection. */
export function manyPoints(count: number, overrides: Partial<RestorePointRecord> = {}): RestorePointRecord[] {
  return Array.from({ length: count }, (_, index) =>
    buildPoint({ name: `rp-old-${index}`, timeCreated: "2026-01-01T00:00:00.000Z", ...overrides }),
  );
}

export function hoursBefore(now: Date, hours: number): string {
  return new Date(now.getTime() - hours * 3_600_000).toISOString();
}
