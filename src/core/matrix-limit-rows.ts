/**
 * The seed's other limits: the api-version rows of the table, and the "Other limitations" list (disks,
 * api-versions, counts, concurrency, moves). Rows that restate a table row explain its finding; the table row owns it.
 */
import type { ConsistencyMode } from "./facts.js";
import { findOwnCollectionInRegion, type HistorySummary } from "./history.js";
import { sameId } from "./ids.js";
import { always, bothModes, type MatrixContext, type MatrixEntry } from "./matrix-entry.js";
import { type SupportMatrixRowId, sectionOf } from "./support-matrix-rows.js";
import { formatNumber, modeLabel } from "./text.js";

const API_TEXT = "Supported: the bot calls a newer api-version.";

function describeCollections(vm: MatrixContext): string {
  const { facts, history, limits } = vm;
  if (findOwnCollectionInRegion(facts, history))
    return `The VM already has a collection in ${facts.location}, so no new one is needed.`;
  const counted = history.collectionsInSubscriptionRegion;
  if (counted === undefined) return "The collections of this subscription and region were not counted.";
  return `${formatNumber(counted)} of ${formatNumber(limits.maxCollectionsPerSubscriptionRegion)} collections used in this subscription and region.`;
}

function describeRetention(vm: MatrixContext): string {
  return `This VM retains ${formatNumber(vm.summary.retained)} of at most ${formatNumber(vm.limits.maxRestorePointsPerVm)} restore points.`;
}

/** When every disk is excluded there is nothing to capture, so the mode is blocked rather than empty. */
function noDisksBlocker(vm: MatrixContext, mode: ConsistencyMode): string | undefined {
  const disks = vm.facts.disks;
  const excluded = vm.excluded[mode];
  if (excluded.length < disks.length) return undefined;
  const shown = excluded.slice(0, 3).map((disk) => `${disk.name} (${disk.rule})`);
  const more = excluded.length - shown.length;
  const reasons = more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
  const detail = disks.length === 0 ? "the VM has no disks" : `every disk is excluded: ${reasons}`;
  return `A ${modeLabel(mode)} restore point would capture nothing: ${detail}.`;
}

function collectionLimitBlocker(vm: MatrixContext): string | undefined {
  const { facts, history, limits } = vm;
  const collections = history.collectionsInSubscriptionRegion;
  // Not counted is only ever the case of a VM with its own collection there (VmHistory); ARM refuses a
  // collection past the limit anyway.
  if (collections === undefined || collections < limits.maxCollectionsPerSubscriptionRegion) return undefined;
  if (findOwnCollectionInRegion(facts, history)) return undefined;
  return `This VM has no restore point collection in ${facts.location} yet, and its subscription already holds ${formatNumber(collections)} collections there (the limit is ${formatNumber(limits.maxCollectionsPerSubscriptionRegion)}). Delete unused collections first.`;
}

/** Only a VM that needs a new collection there: one with its own collection adds none. */
function nearCollectionLimit({ facts, history, limits }: MatrixContext): boolean {
  const counted = history.collectionsInSubscriptionRegion;
  if (counted === undefined || counted < limits.collectionWarningAt) return false;
  return !findOwnCollectionInRegion(facts, history);
}

function collectionLimitAdvisory({ facts, history, limits }: MatrixContext): string | undefined {
  const counted = history.collectionsInSubscriptionRegion ?? 0;
  const max = limits.maxCollectionsPerSubscriptionRegion;
  // At the limit the blocker says it.
  if (counted >= max) return undefined;
  return `This VM has no restore point collection in ${facts.location} yet, and its subscription already holds ${formatNumber(counted)} of at most ${formatNumber(max)} collections there; delete unused ones (empty collections count too) before the limit blocks new ones.`;
}

function retentionLimitBlocker({ summary, limits }: MatrixContext): string | undefined {
  const max = limits.maxRestorePointsPerVm;
  if (summary.retained < max) return undefined;
  const counted = retainedParts(summary);
  const detail = counted.length > 0 ? ` (${counted.join(", ")})` : "";
  return `This VM already has ${formatNumber(summary.retained)} restore points${detail}; at most ${formatNumber(max)} can be retained per VM across all its collections, and failed ones count until deleted. ${makingRoom(summary, max)}`;
}

/** What the count is made of, when it is more than plain restore points of the VM's own collections. */
function retainedParts(summary: HistorySummary): string[] {
  const parts: string[] = [];
  if (summary.retainedFailed > 0) parts.push(`${formatNumber(summary.retainedFailed)} of them failed`);
  if (summary.retainedDeleting > 0) parts.push(`${formatNumber(summary.retainedDeleting)} being deleted`);
  if (summary.retainedElsewhere > 0)
    parts.push(`${formatNumber(summary.retainedElsewhere)} in collections left behind by a move`);
  return parts;
}

/** The cheapest way back under the limit: failed points first, then deletions already under way. */
function makingRoom(summary: HistorySummary, max: number): string {
  const over = summary.retained - max + 1;
  const deleting = summary.retainedDeleting;
  if (deleting >= over) {
    return `The ${formatNumber(deleting)} being deleted stop counting once they are gone; wait for the deletions to finish.`;
  }
  const failed = summary.retainedFailed;
  if (failed >= over - deleting) {
    const failedText =
      failed === 1 ? "the failed restore point" : `the ${formatNumber(failed)} failed restore points`;
    return `Deleting ${failedText} would make room for ${formatNumber(failed + deleting - over + 1)}.`;
  }
  const needed =
    over - deleting === 1 ? "1 old restore point" : `${formatNumber(over - deleting)} old restore points`;
  const failedHint =
    failed === 0
      ? ""
      : failed === 1
        ? " (the failed one first)"
        : ` (the ${formatNumber(failed)} failed ones first)`;
  return `Delete at least ${needed}${failedHint} first.`;
}

function retentionAdvisory({ summary, limits }: MatrixContext): string | undefined {
  // At the limit the blocker says it.
  if (summary.retained >= limits.maxRestorePointsPerVm) return undefined;
  const failed =
    summary.retainedFailed > 0
      ? ` ${formatNumber(summary.retainedFailed)} of them failed and can be deleted at no loss.`
      : "";
  return `This VM retains ${formatNumber(summary.retained)} restore points of at most ${formatNumber(limits.maxRestorePointsPerVm)}; delete old ones before the limit blocks new restore points.${failed}`;
}

/** The bot's own job first: it is known before ARM shows the point as Creating. */
function creationInProgressBlocker({ history, summary }: MatrixContext): string | undefined {
  const job = history.jobInProgress;
  if (job) {
    const who = job.requestedBy ? ` for ${job.requestedBy}` : "";
    return `The bot is already creating a ${modeLabel(job.mode)} restore point of this VM${who} (started ${job.startedAt}); wait until it finishes.`;
  }
  if (!summary.creating) return undefined;
  return `Restore point ${summary.creating.name} of this VM is still being created; wait until it finishes.`;
}

function movedAdvisory(vm: MatrixContext): string | undefined {
  const moved = vm.summary.movedCollections[0];
  if (!moved) return undefined;
  const others = vm.summary.movedCollections.length - 1;
  const also = others > 0 ? ` (and ${formatNumber(others)} more)` : "";
  return `Collection ${moved.name}${also} holds restore points of this VM under its old id ${moved.sourceId}: the VM was moved ${moveKind(vm.facts.subscriptionId, moved.sourceId)}, which restore points do not support. Those points still count toward the ${formatNumber(vm.limits.maxRestorePointsPerVm)} per VM, not toward the minimum interval.`;
}

const SUBSCRIPTION_OF_ID = /^\/subscriptions\/([^/]+)\//i;

function moveKind(subscriptionId: string, oldSourceId: string): string {
  const oldSubscription = SUBSCRIPTION_OF_ID.exec(oldSourceId)?.[1];
  if (oldSubscription !== undefined && !sameId(oldSubscription, subscriptionId)) {
    return `from subscription ${oldSubscription}`;
  }
  return "from another resource group";
}

export const LIMIT_ROWS: readonly MatrixEntry[] = [
  apiVersionRow("Application", "2021-03-01", "api-version-application"),
  apiVersionRow("Crash", "2021-07-01", "api-version-crash"),
  {
    rule: "unmanaged-disks",
    scenario: "Restore points support managed disks only",
    outcome: bothModes("not-supported", "Unmanaged disks are not supported."),
    source: "seed",
    row: "managed-disks-only",
    applies: (vm) => vm.facts.disks.some((disk) => !disk.managed),
  },
  {
    rule: "ephemeral-os-disk",
    scenario: "Ephemeral OS disks are not supported in either mode",
    outcome: bothModes("supported-excluding-disk", "The ephemeral OS disk is not captured."),
    source: "seed",
    row: "no-ephemeral-or-shared-disks",
    applies: (vm) => vm.facts.disks.some((disk) => disk.ephemeral),
  },
  {
    rule: "shared-disk",
    scenario: "Shared disks are not supported in either mode",
    outcome: bothModes("supported-excluding-disk", "Shared disks are left out."),
    source: "seed",
    row: "no-ephemeral-or-shared-disks",
    applies: (vm) => vm.facts.disks.some((disk) => (disk.maxShares ?? 1) > 1),
  },
  {
    rule: "no-disks-to-protect",
    scenario: "Nothing is left to capture once the unsupported disks are excluded",
    outcome: bothModes("not-supported", "A restore point needs at least one disk to capture."),
    source: "seed",
    row: "no-ephemeral-or-shared-disks",
    // Crash consistency excludes a superset of what application consistency excludes.
    applies: (vm) => vm.excluded.CrashConsistent.length === vm.facts.disks.length,
    blocker: noDisksBlocker,
  },
  apiVersionRow("Application", "2021-03-01", "api-version-application-limitation"),
  // The table says 2021-07-01 for crash consistency; the bot's api-version is newer than both.
  apiVersionRow("Crash", "2021-03-01", "api-version-crash-limitation"),
  {
    rule: "collection-limit",
    scenario: "At most 10,000 restore point collections per subscription and region",
    outcome: bothModes("limited", "A VM without a collection needs a free slot for a new one."),
    source: "seed",
    row: "collections-per-subscription-region",
    applies: always,
    describe: describeCollections,
    blocker: collectionLimitBlocker,
  },
  {
    rule: "collection-limit-near",
    scenario: "The VM's subscription and region are close to the 10,000 collection limit",
    outcome: bothModes("advisory", "A warning from 9,500 collections on, for a VM that needs a new one."),
    source: "seed",
    row: "collections-per-subscription-region",
    applies: nearCollectionLimit,
    describe: describeCollections,
    advisory: collectionLimitAdvisory,
  },
  {
    rule: "restore-point-limit",
    scenario: "At most 500 restore points retained per VM, across all its collections",
    outcome: bothModes("limited", "No new restore point once 500 are retained."),
    source: "seed",
    row: "restore-points-per-vm",
    applies: always,
    describe: describeRetention,
    blocker: retentionLimitBlocker,
  },
  {
    rule: "retention-near-limit",
    scenario: "The VM is close to the 500 restore point limit",
    outcome: bothModes("advisory", "A warning from 450 retained restore points on."),
    source: "seed",
    row: "restore-points-per-vm",
    applies: (vm) => vm.summary.retained >= vm.limits.retentionWarningAt,
    describe: describeRetention,
    advisory: retentionAdvisory,
  },
  {
    rule: "creation-in-progress",
    scenario: "A restore point of the VM is being created",
    outcome: bothModes("limited", "One creation at a time per VM."),
    source: "seed",
    row: "one-creation-at-a-time",
    applies: (vm) => Boolean(vm.summary.creating || vm.history.jobInProgress),
    blocker: creationInProgressBlocker,
  },
  {
    rule: "vm-moved",
    scenario: "The VM was moved to another resource group or subscription after restore points were taken",
    outcome: bothModes(
      "advisory",
      "Not supported by the service: old restore points keep the old source id.",
    ),
    source: "seed",
    row: "no-move-with-restore-points",
    applies: (vm) => vm.summary.movedCollections.length > 0,
    advisory: movedAdvisory,
  },
];

function apiVersionRow(mode: "Application" | "Crash", minimum: string, row: SupportMatrixRowId): MatrixEntry {
  const origin = sectionOf(row) === "other-limitations" ? " (the seed's other limitations)" : "";
  return {
    rule: "api-version",
    scenario: `${mode}-consistent restore points need api-version ${minimum} or later${origin}`,
    outcome: bothModes("supported", API_TEXT),
    source: "seed",
    row,
    applies: always,
  };
}
