/** The seed's cross-region preview notes, and newer Microsoft guidance the seed does not list (advisories). */
import type { DiskFacts } from "./facts.js";
import { bothModes, type MatrixContext, type MatrixEntry, perMode } from "./matrix-entry.js";
import { diskNoun, listDiskNames } from "./text.js";
import { isBoostSize, isConfidentialV6Size, isPremiumStorageCapable } from "./vm-size.js";

const CROSS_REGION_ONLY = "Supported in the VM's region; the note concerns cross-region copies.";
const hasCustomerKey = (disk: DiskFacts) => disk.encryptionType?.toLowerCase().includes("customer") === true;
const isPrivateLinkOnly = (disk: DiskFacts) => disk.privateLink;
const isWriteAccelerated = (disk: DiskFacts) => disk.writeAcceleratorEnabled;
const cachesReadWrite = (disk: DiskFacts) => disk.caching === "ReadWrite";
const dataDiskCount = (vm: MatrixContext) => vm.facts.disks.filter((disk) => disk.role === "data").length;

/** "Disk data-1 uses" / "Disks data-1, data-2 use": the disks of the VM that pass the test. */
function disksThat(vm: MatrixContext, test: (disk: DiskFacts) => boolean, verb: "uses" | "is"): string {
  const disks = vm.facts.disks.filter(test);
  const words = diskNoun(disks.length);
  return `${words.noun} ${listDiskNames(disks)} ${words[verb]}`;
}

export const CROSS_REGION_ROWS: readonly MatrixEntry[] = [
  {
    rule: "cross-region-private-link",
    scenario: "A disk is reachable only through a private link",
    outcome: bothModes("advisory", CROSS_REGION_ONLY),
    source: "seed",
    row: "cross-region-private-links",
    applies: (vm) => vm.facts.disks.some(isPrivateLinkOnly),
    advisory: (vm) =>
      `${disksThat(vm, isPrivateLinkOnly, "is")} reachable only through a private link; private links are not supported when restore points are copied to or created in another region.`,
  },
  {
    rule: "cross-region-cmk-becomes-pmk",
    scenario: "A disk is encrypted with a customer-managed key",
    outcome: bothModes("advisory", "Cross-region copies are encrypted with a platform-managed key instead."),
    source: "seed",
    row: "cross-region-customer-keys",
    applies: (vm) => vm.facts.disks.some(hasCustomerKey),
    advisory: (vm) =>
      `${disksThat(vm, hasCustomerKey, "is")} encrypted with a customer-managed key; restore points copied to or created in another region are encrypted with a platform-managed key instead.`,
  },
  {
    rule: "cross-region-no-portal",
    scenario: "Cross-region copy and creation in the Azure portal",
    outcome: bothModes("supported", "The portal does not offer it; the bot uses the API."),
    source: "seed",
    row: "cross-region-portal",
    // About the portal, not about any VM.
    applies: () => false,
  },
];

const NOT_CONCERNED = { support: "supported", text: "Not concerned." } as const;
const NOT_GUARANTEED = { support: "advisory", text: "Newer guidance: consistency not guaranteed." } as const;

/**
 * The newest support matrix (https://learn.microsoft.com/azure/virtual-machines/concepts-restore-points, row
 * "VM sizes"): "Crash consistency is supported for VM SKUs that support Premium storage". A size the naming
 * convention does not tell about (isPremiumStorageCapable: undefined) gets no advisory: the bot cannot tell.
 */
const notPremiumCapable = (vm: MatrixContext) => isPremiumStorageCapable(vm.facts.vmSize) === false;

/**
 * Microsoft documents Azure Backup of confidential VMs as a preview built on restore points (the Compute
 * preview feature RestorePointSupportForConfidentialVMV2), for the v6-series sizes only (not v5), in UAE North
 * and Korea Central, and without multi-disk crash consistency:
 * https://learn.microsoft.com/azure/backup/confidential-vm-backup and its support matrix
 * https://learn.microsoft.com/azure/backup/backup-support-matrix-iaas#support-for-confidential-vm-backup-preview
 * The seed says confidential VMs are not supported, so confidential-vm still blocks; this only tells.
 */
const CONFIDENTIAL_PREVIEW_REGIONS: readonly string[] = ["uaenorth", "koreacentral"];
const CONFIDENTIAL_PREVIEW_DOC = "https://learn.microsoft.com/azure/backup/confidential-vm-backup";
const inPreviewRegion = (location: string) =>
  CONFIDENTIAL_PREVIEW_REGIONS.includes(location.toLowerCase().replaceAll(" ", ""));
const inConfidentialPreview = (vm: MatrixContext) =>
  vm.facts.securityType?.toLowerCase() === "confidentialvm" &&
  isConfidentialV6Size(vm.facts.vmSize) &&
  inPreviewRegion(vm.facts.location);

export const NEWER_GUIDANCE_ROWS: readonly MatrixEntry[] = [
  {
    rule: "write-accelerated-disk",
    scenario: "A disk has Write Accelerator enabled",
    outcome: perMode(NOT_CONCERNED, { support: "advisory", text: "Newer guidance: not supported." }),
    source: "newer-microsoft-doc",
    row: null,
    applies: (vm) => vm.facts.disks.some(isWriteAccelerated),
    advisory: (vm) =>
      `${disksThat(vm, isWriteAccelerated, "uses")} Write Accelerator; newer Microsoft guidance says crash-consistent restore points do not support write-accelerated disks.`,
  },
  {
    rule: "crash-readwrite-caching",
    scenario: "A disk uses ReadWrite host caching",
    outcome: perMode(NOT_CONCERNED, NOT_GUARANTEED),
    source: "newer-microsoft-doc",
    row: null,
    applies: (vm) => vm.facts.disks.some(cachesReadWrite),
    advisory: (vm) =>
      `${disksThat(vm, cachesReadWrite, "uses")} ReadWrite host caching; newer Microsoft guidance says crash consistency is not guaranteed with ReadWrite caching.`,
  },
  {
    rule: "crash-boost-sku",
    scenario: "An Azure Boost size (Intel v6+, AMD v7+) with more than one data disk",
    outcome: perMode(NOT_CONCERNED, NOT_GUARANTEED),
    source: "newer-microsoft-doc",
    row: null,
    applies: (vm) => isBoostSize(vm.facts.vmSize) && dataDiskCount(vm) > 1,
    advisory: (vm) =>
      `${vm.facts.vmSize} is an Azure Boost size and the VM has ${dataDiskCount(vm)} data disks; newer Microsoft guidance says crash consistency is not guaranteed for Boost sizes with more than one data disk.`,
  },
  {
    rule: "crash-premium-storage-size",
    scenario: "A VM size that does not support Premium storage",
    outcome: perMode(NOT_CONCERNED, {
      support: "advisory",
      text: "Newer guidance: only sizes that support Premium storage.",
    }),
    source: "newer-microsoft-doc",
    row: null,
    applies: notPremiumCapable,
    advisory: (vm) =>
      `${vm.facts.vmSize} does not support Premium storage; newer Microsoft guidance says crash-consistent restore points are supported only on VM sizes that do. Application-consistent restore points support every size.`,
  },
  {
    rule: "confidential-vm-preview",
    scenario: "A confidential VM of a size and region Microsoft documents a preview for",
    outcome: perMode(
      { support: "advisory", text: "Newer guidance: a preview, through Azure Backup." },
      NOT_CONCERNED,
    ),
    source: "newer-microsoft-doc",
    row: null,
    applies: inConfidentialPreview,
    advisory: (vm) =>
      `Microsoft documents a preview of restore points for confidential VMs of the v6 series in ${vm.facts.location}, used by Azure Backup (without multi-disk crash consistency) once the subscription registers the Microsoft.Compute feature RestorePointSupportForConfidentialVMV2: ${CONFIDENTIAL_PREVIEW_DOC}. The support matrix still lists confidential VMs as not supported, so the bot does not create restore points for this VM.`,
  },
];
