/** The seed table's rows about disks, storage and encryption, in the seed's order. */

import type { DiskFacts } from "./facts.js";
import { anyDisk, bothModes, type MatrixEntry, perMode, supportedRow } from "./matrix-entry.js";
import { diskNoun, listDiskNames } from "./text.js";
import { hasLocalTempDisk, isStorageOptimizedSize } from "./vm-size.js";

const sku = (name: string) => (vmDisk: { storageAccountType?: string }) =>
  vmDisk.storageAccountType?.toLowerCase() === name.toLowerCase();
const isUltra = sku("UltraSSD_LRS");
const isPremiumV2 = sku("PremiumV2_LRS");
const isEphemeral = (disk: DiskFacts) => disk.ephemeral;
const isShared = (disk: DiskFacts) => (disk.maxShares ?? 1) > 1;
const isUnmanaged = (disk: DiskFacts) => !disk.managed;
const hasCustomerKey = (disk: DiskFacts) => disk.encryptionType?.toLowerCase().includes("customer") === true;

const EXCLUDED_FOR_CRASH = perMode(
  { support: "supported", text: "Captured." },
  {
    support: "supported-excluding-disk",
    text: "Left out of the restore point; the other disks are captured.",
  },
);

function unmanagedDisksBlocker(disks: readonly DiskFacts[]): string {
  const unmanaged = disks.filter(isUnmanaged);
  const words = diskNoun(unmanaged.length);
  return `${words.noun} ${listDiskNames(unmanaged)} ${words.is} unmanaged (VHD blobs); restore points support managed disks only. Convert the VM to managed disks first.`;
}

export const DISK_ROWS: readonly MatrixEntry[] = [
  supportedRow("managed-disks", "The VM uses managed disks", "managed-disks", (vm) =>
    anyDisk(vm, (disk) => disk.managed && !disk.ephemeral),
  ),
  {
    rule: "unmanaged-disks",
    scenario: "The VM uses unmanaged (VHD blob) disks",
    outcome: bothModes("not-supported", "Not supported: convert the VM to managed disks."),
    source: "seed",
    row: "unmanaged-disks",
    applies: (vm) => anyDisk(vm, isUnmanaged),
    blocker: (vm) => unmanagedDisksBlocker(vm.facts.disks),
  },
  {
    rule: "ultra-disk",
    scenario: "The VM has Ultra Disks",
    outcome: EXCLUDED_FOR_CRASH,
    source: "seed",
    row: "ultra-disks",
    applies: (vm) => anyDisk(vm, isUltra),
    excludes: isUltra,
  },
  {
    rule: "premium-v2-disk",
    scenario: "The VM has Premium SSD v2 disks",
    outcome: EXCLUDED_FOR_CRASH,
    source: "seed",
    row: "premium-ssd-v2-disks",
    applies: (vm) => anyDisk(vm, isPremiumV2),
    excludes: isPremiumV2,
  },
  {
    rule: "ephemeral-os-disk",
    scenario: "The VM has an ephemeral OS disk",
    outcome: bothModes("supported-excluding-disk", "The ephemeral OS disk is not captured; data disks are."),
    source: "seed",
    row: "ephemeral-os-disks",
    applies: (vm) => anyDisk(vm, isEphemeral),
    excludes: isEphemeral,
  },
  {
    rule: "shared-disk",
    scenario: "The VM has shared disks (maxShares > 1)",
    outcome: bothModes(
      "supported-excluding-disk",
      "Shared disks are left out; the other disks are captured.",
    ),
    source: "seed",
    row: "shared-disks",
    applies: (vm) => anyDisk(vm, isShared),
    excludes: isShared,
  },
  supportedRow("nvme-disks", "The VM is a storage-optimized size with local NVMe disks", "nvme-disks", (vm) =>
    isStorageOptimizedSize(vm.facts.vmSize),
  ),
  supportedRow("host-caching", "A disk uses host caching", "host-caching", (vm) =>
    anyDisk(vm, (disk) => disk.caching === "ReadOnly" || disk.caching === "ReadWrite"),
  ),
  {
    rule: "temporary-disk-not-captured",
    scenario: "The VM size has a local temporary disk",
    outcome: bothModes("advisory", "Supported, but the temporary disk's data is not captured."),
    source: "seed",
    row: "temporary-disks",
    applies: (vm) => hasLocalTempDisk(vm.facts.vmSize),
    advisory: (vm) =>
      `Size ${vm.facts.vmSize} has a local temporary disk; restore points do not capture its data.`,
  },
  supportedRow("standard-hdd", "A disk is Standard HDD", "standard-hdd", (vm) =>
    anyDisk(vm, sku("Standard_LRS")),
  ),
  supportedRow("standard-ssd", "A disk is Standard SSD", "standard-ssd", (vm) =>
    anyDisk(vm, (disk) => sku("StandardSSD_LRS")(disk) || sku("StandardSSD_ZRS")(disk)),
  ),
  supportedRow("premium-ssd", "A disk is Premium SSD", "premium-ssd", (vm) =>
    anyDisk(vm, (disk) => sku("Premium_LRS")(disk) || sku("Premium_ZRS")(disk)),
  ),
  supportedRow("zrs-disks", "A disk is zone-redundant (ZRS)", "zrs-disks", (vm) =>
    anyDisk(vm, (disk) => disk.storageAccountType?.toUpperCase().endsWith("_ZRS") === true),
  ),
  supportedRow(
    "sse-platform-key",
    "A disk is encrypted at rest with a platform-managed key (the default)",
    "sse-service-managed-keys",
    (vm) => anyDisk(vm, (disk) => disk.managed && !disk.ephemeral && !hasCustomerKey(disk)),
  ),
  supportedRow(
    "sse-customer-key",
    "A disk is encrypted at rest with a customer-managed key",
    "sse-customer-managed-keys",
    (vm) => anyDisk(vm, hasCustomerKey),
  ),
  supportedRow("double-encryption", "A disk uses double encryption at rest", "double-encryption", (vm) =>
    anyDisk(vm, (disk) => disk.encryptionType === "EncryptionAtRestWithPlatformAndCustomerKeys"),
  ),
  supportedRow(
    "encryption-at-host",
    "The VM uses encryption at host",
    "host-encryption",
    (vm) => vm.facts.encryptionAtHost === true,
  ),
  supportedRow(
    "azure-disk-encryption",
    "The VM uses Azure Disk Encryption (ADE)",
    "azure-disk-encryption",
    (vm) => vm.facts.extensions.some((name) => name.toLowerCase().includes("azurediskencryption")),
  ),
];
