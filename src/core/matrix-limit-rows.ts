/** The seed's limits: frequency and api-version rows of the table, and the "Other limitations" list. */
import { excludedDisks } from "./disk-exclusions.js";
import type { ConsistencyMode } from "./facts.js";
import { intervalFor } from "./frequency.js";
import { sameId } from "./ids.js";
import { bothModes, type MatrixContext, type MatrixEntry, perMode } from "./matrix-entry.js";
import { formatDuration, formatNumber, modeLabel } from "./text.js";

const OWN_INTERVAL = {
  support: "supported",
  text: "Not concerned: this mode has its own interval.",
} as const;
const API_TEXT = "Supported: the bot calls a newer api-version.";

function describeFrequency(mode: ConsistencyMode) {
  return (vm: MatrixContext): string => {
    const newest = vm.summary.newest[mode];
    const interval = formatDuration(intervalFor(mode, vm.limits));
    if (!newest)
      return `No earlier ${modeLabel(mode)} restore point; the ${interval} interval does not hold one back.`;
    return `The newest ${modeLabel(mode)} restore point is from ${new Date(newest.createdAtMs).toISOString()}, at least ${interval} ago.`;
  };
}

function describeCollections(vm: MatrixContext): string {
  const { facts, history, limits } = vm;
  const own = history.collections.some(
    (collection) => sameId(collection.sourceId, facts.id) && sameId(collection.location, facts.location),
  );
  if (own) return `The VM already has a collection in ${facts.location}, so no new one is needed.`;
  return `${formatNumber(history.collectionsInSubscriptionRegion)} of ${formatNumber(limits.maxCollectionsPerSubscriptionRegion)} collections used in this subscription and region.`;
}

function describeRetention(vm: MatrixContext): string {
  return `This VM retains ${formatNumber(vm.summary.retained)} of at most ${formatNumber(vm.limits.maxRestorePointsPerVm)} restore points.`;
}

const always = (): boolean => true;

export const LIMIT_ROWS: readonly MatrixEntry[] = [
  {
    rule: "too-soon",
    scenario: "Minimum time between application-consistent restore points",
    outcome: perMode({ support: "limited", text: "At most one every 3 hours." }, OWN_INTERVAL),
    source: "seed",
    seedRow: "Minimum Frequency at which App consistent restore point can be taken | 3 hours |",
    applies: always,
    describe: describeFrequency("ApplicationConsistent"),
  },
  {
    rule: "too-soon",
    scenario: "Minimum time between crash-consistent restore points",
    outcome: perMode(OWN_INTERVAL, { support: "limited", text: "At most one every hour." }),
    source: "seed",
    seedRow: "Minimum Frequency at which crash consistent restore points can be taken | 1 hour |",
    applies: always,
    describe: describeFrequency("CrashConsistent"),
  },
  apiVersionRow(
    "ApplicationConsistent",
    "2021-03-01",
    "API version for Application consistent restore point | 2021-03-01 or later |",
  ),
  apiVersionRow(
    "CrashConsistent",
    "2021-07-01",
    "API version for Crash consistent restore point | 2021-07-01 or later |",
  ),
  {
    rule: "unmanaged-disks",
    scenario: "Restore points support managed disks only",
    outcome: bothModes("not-supported", "Unmanaged disks are not supported."),
    source: "seed",
    seedRow: "- Restore points are supported only for managed disks.",
    applies: (vm) => vm.facts.disks.some((disk) => !disk.managed),
  },
  {
    rule: "ephemeral-os-disk",
    scenario: "Ephemeral OS disks are not supported in either mode",
    outcome: bothModes("supported-excluding-disk", "The ephemeral OS disk is not captured."),
    source: "seed",
    seedRow: "- Ephemeral OS disks, and Shared disks aren't supported via both consistency modes.",
    applies: (vm) => vm.facts.disks.some((disk) => disk.ephemeral),
  },
  {
    rule: "shared-disk",
    scenario: "Shared disks are not supported in either mode",
    outcome: bothModes("supported-excluding-disk", "Shared disks are left out."),
    source: "seed",
    seedRow: "- Ephemeral OS disks, and Shared disks aren't supported via both consistency modes.",
    applies: (vm) => vm.facts.disks.some((disk) => (disk.maxShares ?? 1) > 1),
  },
  {
    rule: "no-disks-to-protect",
    scenario: "Nothing is left to capture once the unsupported disks are excluded",
    outcome: bothModes("not-supported", "A restore point needs at least one disk to capture."),
    source: "seed",
    seedRow: "- Ephemeral OS disks, and Shared disks aren't supported via both consistency modes.",
    // Crash consistency excludes a superset of what application consistency excludes.
    applies: (vm) => excludedDisks(vm.facts.disks, "CrashConsistent").length === vm.facts.disks.length,
  },
  apiVersionRow(
    "ApplicationConsistent",
    "2021-03-01",
    "- Restore points APIs require an API of version 2021-03-01 or later for application consistency.",
  ),
  // The table says 2021-07-01 for crash consistency; the bot's api-version is newer than both.
  apiVersionRow(
    "CrashConsistent",
    "2021-03-01",
    "- Restore points APIs require an API of version 2021-03-01 or later for crash consistency.",
  ),
  {
    rule: "collection-limit",
    scenario: "At most 10,000 restore point collections per subscription and region",
    outcome: bothModes("limited", "A VM without a collection needs a free slot for a new one."),
    source: "seed",
    seedRow:
      "- A maximum of 10,000 restore point collections can be retained at per subscription per region level.",
    applies: always,
    describe: describeCollections,
  },
  {
    rule: "restore-point-limit",
    scenario: "At most 500 restore points retained per VM, across all its collections",
    outcome: bothModes("limited", "No new restore point once 500 are retained."),
    source: "seed",
    seedRow:
      "- A maximum of 500 VM restore points can be retained at any time for a VM, irrespective of the number of restore point collections.",
    applies: always,
    describe: describeRetention,
  },
  {
    rule: "retention-near-limit",
    scenario: "The VM is close to the 500 restore point limit",
    outcome: bothModes("advisory", "A warning from 450 retained restore points on."),
    source: "seed",
    seedRow:
      "- A maximum of 500 VM restore points can be retained at any time for a VM, irrespective of the number of restore point collections.",
    applies: (vm) => vm.summary.retained >= vm.limits.retentionWarningAt,
    describe: describeRetention,
  },
  {
    rule: "creation-in-progress",
    scenario: "A restore point of the VM is being created",
    outcome: bothModes("limited", "One creation at a time per VM."),
    source: "seed",
    seedRow: "- Concurrent creation of restore points for a VM isn't supported.",
    applies: (vm) => Boolean(vm.summary.creating || vm.history.jobInProgress),
  },
  {
    rule: "vm-moved",
    scenario: "The VM was moved to another resource group or subscription after restore points were taken",
    outcome: bothModes(
      "advisory",
      "Not supported by the service: old restore points keep the old source id.",
    ),
    source: "seed",
    seedRow:
      "- Movement of Virtual Machines (VM) between Resource Groups (RG), or Subscriptions isn't supported when the VM has restore points. Moving the VM between Resource Groups or Subscriptions won't update the source VM reference in the restore point and will cause a mismatch of ARM processor IDs between the actual VM and the restore points.",
    applies: (vm) => vm.summary.movedCollections.length > 0,
  },
];

function apiVersionRow(mode: ConsistencyMode, minimum: string, seedRow: string): MatrixEntry {
  const origin = seedRow.startsWith("- ") ? " (the seed's other limitations)" : "";
  return {
    rule: "api-version",
    scenario: `${mode === "CrashConsistent" ? "Crash" : "Application"}-consistent restore points need api-version ${minimum} or later${origin}`,
    outcome: bothModes("supported", API_TEXT),
    source: "seed",
    seedRow,
    applies: always,
  };
}
