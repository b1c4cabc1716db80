/** The seed's cross-region preview notes, and newer Microsoft guidance the seed does not list (advisories). */
import { bothModes, type MatrixEntry, perMode } from "./matrix-entry.js";
import { isBoostSize } from "./vm-size.js";

const CROSS_REGION_ONLY = "Supported in the VM's region; the note concerns cross-region copies.";

export const CROSS_REGION_ROWS: readonly MatrixEntry[] = [
  {
    rule: "cross-region-private-link",
    scenario: "A disk is reachable only through a private link",
    outcome: bothModes("advisory", CROSS_REGION_ONLY),
    source: "seed",
    seedRow:
      "- Private links aren't supported when copying restore points across regions or creating restore points in a region other than the source VM.",
    applies: (vm) => vm.facts.disks.some((disk) => disk.privateLink),
  },
  {
    rule: "cross-region-cmk-becomes-pmk",
    scenario: "A disk is encrypted with a customer-managed key",
    outcome: bothModes("advisory", "Cross-region copies are encrypted with a platform-managed key instead."),
    source: "seed",
    seedRow:
      "- Customer-managed key encrypted restore points, when copied to a target region or created directly in the target region are created as platform-managed key encrypted restore points.",
    applies: (vm) =>
      vm.facts.disks.some((disk) => disk.encryptionType?.toLowerCase().includes("customer") === true),
  },
  {
    rule: "cross-region-no-portal",
    scenario: "Cross-region copy and creation in the Azure portal",
    outcome: bothModes("supported", "The portal does not offer it; the bot uses the API."),
    source: "seed",
    seedRow: "- No portal support for cross region copy and cross region creation of restore points",
    // About the portal, not about any VM.
    applies: () => false,
  },
];

const NOT_CONCERNED = { support: "supported", text: "Not concerned." } as const;

export const NEWER_GUIDANCE_ROWS: readonly MatrixEntry[] = [
  {
    rule: "write-accelerated-disk",
    scenario: "A disk has Write Accelerator enabled",
    outcome: perMode(NOT_CONCERNED, { support: "advisory", text: "Newer guidance: not supported." }),
    source: "newer-microsoft-doc",
    seedRow: null,
    applies: (vm) => vm.facts.disks.some((disk) => disk.writeAcceleratorEnabled),
  },
  {
    rule: "crash-readwrite-caching",
    scenario: "A disk uses ReadWrite host caching",
    outcome: perMode(NOT_CONCERNED, {
      support: "advisory",
      text: "Newer guidance: consistency not guaranteed.",
    }),
    source: "newer-microsoft-doc",
    seedRow: null,
    applies: (vm) => vm.facts.disks.some((disk) => disk.caching === "ReadWrite"),
  },
  {
    rule: "crash-boost-sku",
    scenario: "An Azure Boost size (Intel v6+, AMD v7+) with more than one data disk",
    outcome: perMode(NOT_CONCERNED, {
      support: "advisory",
      text: "Newer guidance: consistency not guaranteed.",
    }),
    source: "newer-microsoft-doc",
    seedRow: null,
    applies: (vm) =>
      isBoostSize(vm.facts.vmSize) && vm.facts.disks.filter((disk) => disk.role === "data").length > 1,
  },
];
