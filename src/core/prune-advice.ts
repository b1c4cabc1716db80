/**
 * The prune a check can offer as a button when a VM nears its per-VM limit: from the retention warning on
 * (`retention-near-limit`, and `restore-point-limit` once at the limit), keep the newest
 * `2 × retentionWarningAt − maxRestorePointsPerVm` (400 of 500 with a warning at 450): as far under the warning
 * as the warning is under the limit, so one prune buys as many new restore points as the warning gave notice of.
 */
import type { VmFacts, VmHistory } from "./facts.js";
import { summarizeHistory } from "./history.js";
import type { Limits } from "./limits.js";
import { planPrune } from "./prune.js";
import type { PrunePlan } from "./prune-types.js";

export interface PruneSuggestion {
  request: { kind: "keep"; newest: number };
  /** What that request deletes now: the button's label can say how many. */
  plan: PrunePlan;
}

type RetentionLimits = Pick<Limits, "maxRestorePointsPerVm" | "retentionWarningAt">;

/** Where the VM is warned, or blocked: a warning configured past the limit is never reached. */
function warnFrom(limits: RetentionLimits): number {
  return Math.min(limits.retentionWarningAt, limits.maxRestorePointsPerVm);
}

/** How many points the suggested prune keeps: at least 0, and under the warning even when it is at the limit. */
export function suggestedKeepCount(limits: RetentionLimits): number {
  const warning = warnFrom(limits);
  const notice = Math.max(1, limits.maxRestorePointsPerVm - warning);
  return Math.max(0, warning - notice);
}

/**
 * The suggestion, or undefined when the VM is under the warning (counted as the check counts) or when the
 * prune would delete nothing (the points above the count are being created or deleted already, say).
 */
export function suggestedPrune(
  facts: VmFacts,
  history: VmHistory,
  limits: Limits,
  now: Date,
): PruneSuggestion | undefined {
  if (summarizeHistory(facts, history).retained < warnFrom(limits)) return undefined;
  const request = { kind: "keep" as const, newest: suggestedKeepCount(limits) };
  const plan = planPrune(facts, history, request, { now });
  if (!plan.ok || plan.delete.length === 0) return undefined;
  return { request, plan };
}
