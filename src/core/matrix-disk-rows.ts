/** The seed table's rows about disks, storage and encryption, in the seed's order. */

import { anyDisk, bothModes, type MatrixEntry, perMode, supportedRow } from "./matrix-entry.js";
import { hasLocalTempDisk, isStorageOptimizedSize } from "./vm-size.js";

const sku = (name: string) => (vmDisk: { storageAccountType?: string }) =>
  vmDisk.storageAccountType?.toLowerCase() === name.toLowerCase();

const EXCLUDED_FOR_CRASH = perMode(
  { support: "supported", text: "Captured." },
  {
    support: "supported-excluding-disk",
    text: "Left out of the restore point; the other disks are captured.",
  },
);

export const DISK_ROWS: readonly MatrixEntry[] = [
  supportedRow("managed-disks", "The VM uses managed disks", "VMs using Managed disks | Yes |", (vm) =>
    anyDisk(vm, (disk) => disk.managed && !disk.ephemeral),
  ),
  {
    rule: "unmanaged-disks",
    scenario: "The VM uses unmanaged (VHD blob) disks",
    outcome: bothModes("not-supported", "Not supported: convert the VM to managed disks."),
    source: "seed",
    seedRow: "VMs using unmanaged disks | No |",
    applies: (vm) => anyDisk(vm, (disk) => !disk.managed),
  },
  {
    rule: "ultra-disk",
    scenario: "The VM has Ultra Disks",
    outcome: EXCLUDED_FOR_CRASH,
    source: "seed",
    seedRow:
      "VMs using Ultra Disks | Yes. Supported for application consistency. Not supported for crash consistency. Exclude these disks and create a VM restore point when using crash consistency. |",
    applies: (vm) => anyDisk(vm, sku("UltraSSD_LRS")),
  },
  {
    rule: "premium-v2-disk",
    scenario: "The VM has Premium SSD v2 disks",
    outcome: EXCLUDED_FOR_CRASH,
    source: "seed",
    seedRow:
      "VMs using Premium SSD v2 Disks | Yes. Supported for application consistency. Not supported for crash consistency. Exclude these disks and create a VM restore point when using crash consistency. |",
    applies: (vm) => anyDisk(vm, sku("PremiumV2_LRS")),
  },
  {
    rule: "ephemeral-os-disk",
    scenario: "The VM has an ephemeral OS disk",
    outcome: bothModes("supported-excluding-disk", "The ephemeral OS disk is not captured; data disks are."),
    source: "seed",
    seedRow: "VMs using Ephemeral OS Disks | No. Exclude these disks and create a VM restore point. |",
    applies: (vm) => anyDisk(vm, (disk) => disk.ephemeral),
  },
  {
    rule: "shared-disk",
    scenario: "The VM has shared disks (maxShares > 1)",
    outcome: bothModes(
      "supported-excluding-disk",
      "Shared disks are left out; the other disks are captured.",
    ),
    source: "seed",
    seedRow: "VMs using shared disks | No. Exclude these disks and create a VM restore point. |",
    applies: (vm) => anyDisk(vm, (disk) => (disk.maxShares ?? 1) > 1),
  },
  supportedRow(
    "nvme-disks",
    "The VM is a storage-optimized size with local NVMe disks",
    "VMs with NVMe disks (Storage optimized - Lsv2-series) | Yes |",
    (vm) => isStorageOptimizedSize(vm.facts.vmSize),
  ),
  supportedRow("host-caching", "A disk uses host caching", "VMs with Host caching enabled | Yes |", (vm) =>
    anyDisk(vm, (disk) => disk.caching === "ReadOnly" || disk.caching === "ReadWrite"),
  ),
  {
    rule: "temporary-disk-not-captured",
    scenario: "The VM size has a local temporary disk",
    outcome: bothModes("advisory", "Supported, but the temporary disk's data is not captured."),
    source: "seed",
    seedRow:
      "Temporary disk in VMs | Yes. You can create VM restore point for VMs with temporary disks. However, the restore points created don't contain the data from the temporary disks. |",
    applies: (vm) => hasLocalTempDisk(vm.facts.vmSize),
  },
  supportedRow("standard-hdd", "A disk is Standard HDD", "VMs with standard HDDs | Yes |", (vm) =>
    anyDisk(vm, sku("Standard_LRS")),
  ),
  supportedRow("standard-ssd", "A disk is Standard SSD", "VMs with standard SSDs | Yes |", (vm) =>
    anyDisk(vm, (disk) => sku("StandardSSD_LRS")(disk) || sku("StandardSSD_ZRS")(disk)),
  ),
  supportedRow("premium-ssd", "A disk is Premium SSD", "VMs with premium SSDs | Yes |", (vm) =>
    anyDisk(vm, (disk) => sku("Premium_LRS")(disk) || sku("Premium_ZRS")(disk)),
  ),
  supportedRow("zrs-disks", "A disk is zone-redundant (ZRS)", "VMs with ZRS disks | Yes |", (vm) =>
    anyDisk(vm, (disk) => disk.storageAccountType?.toUpperCase().endsWith("_ZRS") === true),
  ),
  supportedRow(
    "sse-platform-key",
    "A disk is encrypted at rest with a platform-managed key (the default)",
    "VMs with server-side encryption using service-managed keys | Yes |",
    (vm) =>
      anyDisk(
        vm,
        (disk) => disk.managed && !disk.ephemeral && !disk.encryptionType?.toLowerCase().includes("customer"),
      ),
  ),
  supportedRow(
    "sse-customer-key",
    "A disk is encrypted at rest with a customer-managed key",
    "VMs with server-side encryption using customer-managed keys | Yes |",
    (vm) => anyDisk(vm, (disk) => disk.encryptionType?.toLowerCase().includes("customer") === true),
  ),
  supportedRow(
    "double-encryption",
    "A disk uses double encryption at rest",
    "VMs with double encryption at rest | Yes |",
    (vm) => anyDisk(vm, (disk) => disk.encryptionType === "EncryptionAtRestWithPlatformAndCustomerKeys"),
  ),
  supportedRow(
    "encryption-at-host",
    "The VM uses encryption at host",
    "VMs with Host based encryption enabled with PMK/CMK/Double encryption | Yes |",
    (vm) => vm.facts.encryptionAtHost === true,
  ),
  supportedRow(
    "azure-disk-encryption",
    "The VM uses Azure Disk Encryption (ADE)",
    "VMs with ADE (Azure Disk Encryption) | Yes |",
    (vm) => vm.facts.extensions.some((name) => name.toLowerCase().includes("azurediskencryption")),
  ),
];
