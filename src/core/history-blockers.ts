/** Blockers of both modes that come from the restore points and collections the VM already has. */
import type { VmFacts, VmHistory } from "./facts.js";
import type { HistorySummary } from "./history.js";
import type { Limits } from "./limits.js";
import { formatNumber, modeLabel } from "./text.js";
import type { Finding } from "./verdict.js";

export function historyBlockers(
  facts: VmFacts,
  history: VmHistory,
  summary: HistorySummary,
  limits: Limits,
  hasCollectionInRegion: boolean,
): Finding[] {
  const blockers: Finding[] = [];
  const inProgress = creationInProgress(history, summary);
  if (inProgress) blockers.push(inProgress);
  if (summary.retained >= limits.maxRestorePointsPerVm) blockers.push(retentionLimit(summary, limits));
  const collections = history.collectionsInSubscriptionRegion;
  if (!hasCollectionInRegion && collections >= limits.maxCollectionsPerSubscriptionRegion) {
    blockers.push({
      rule: "collection-limit",
      message: `This VM has no restore point collection in ${facts.location} yet, and its subscription already holds ${formatNumber(collections)} collections there (the limit is ${formatNumber(limits.maxCollectionsPerSubscriptionRegion)}). Delete unused collections first.`,
    });
  }
  return blockers;
}

/** Concurrent creation of restore points for a VM is not supported (seed, "Other limitations"). */
function creationInProgress(history: VmHistory, summary: HistorySummary): Finding | undefined {
  const job = history.jobInProgress;
  if (job) {
    const who = job.requestedBy ? ` for ${job.requestedBy}` : "";
    return {
      rule: "creation-in-progress",
      message: `The bot is already creating a ${modeLabel(job.mode)} restore point of this VM${who} (started ${job.startedAt}); wait until it finishes.`,
    };
  }
  if (!summary.creating) return undefined;
  return {
    rule: "creation-in-progress",
    message: `Restore point ${summary.creating.name} of this VM is still being created; wait until it finishes.`,
  };
}

function retentionLimit(summary: HistorySummary, limits: Limits): Finding {
  const failed = summary.retainedFailed > 0 ? `, ${formatNumber(summary.retainedFailed)} of them failed` : "";
  return {
    rule: "restore-point-limit",
    message: `This VM already has ${formatNumber(summary.retained)} restore points${failed}; at most ${formatNumber(limits.maxRestorePointsPerVm)} can be retained per VM across all its collections. Delete old or failed restore points first.`,
  };
}
