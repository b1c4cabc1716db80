/**
 * The eligibility core: VM facts + restore point history + the time now + limits -> the verdict of
 * DESIGN.md section 3, per consistency mode. Pure: the clock is an argument, nothing is read or written.
 */
import { collectAdvisories } from "./advisories.js";
import { excludedDisks } from "./disk-exclusions.js";
import { explainMatrix } from "./explain.js";
import type { ConsistencyMode, VmFacts, VmHistory } from "./facts.js";
import { tooSoon } from "./frequency.js";
import { findOwnCollectionInRegion, type HistorySummary, summarizeHistory } from "./history.js";
import { historyBlockers } from "./history-blockers.js";
import { DEFAULT_LIMITS, type Limits } from "./limits.js";
import { assessOs, type OsAssessment } from "./os-support.js";
import { isoString } from "./timestamps.js";
import type { Finding, ModeVerdict, Verdict } from "./verdict.js";
import { applicationOnlyBlockers, noDisksBlocker, structuralBlockers } from "./vm-blockers.js";

export interface EvaluateOptions {
  /** Add `matrix`: every support-matrix row and what it meant for this VM (costs time; off by default). */
  explain?: boolean;
}

interface ModeInputs {
  facts: VmFacts;
  summary: HistorySummary;
  os: OsAssessment;
  now: Date;
  limits: Limits;
  /** Both-mode blockers that do not depend on time: what the VM is, then its history. */
  structural: readonly Finding[];
  history: readonly Finding[];
}

export function evaluate(
  facts: VmFacts,
  history: VmHistory,
  now: Date,
  limits: Limits = DEFAULT_LIMITS,
  options?: EvaluateOptions,
): Verdict {
  const summary = summarizeHistory(facts, history);
  const os = assessOs(facts.os, now);
  const hasCollection = findOwnCollectionInRegion(facts, history) !== undefined;
  const inputs: ModeInputs = {
    facts,
    summary,
    os,
    now,
    limits,
    structural: structuralBlockers(facts),
    history: historyBlockers(facts, history, summary, limits, hasCollection),
  };
  const verdict: Verdict = {
    vm: {
      id: facts.id,
      name: facts.name,
      resourceGroup: facts.resourceGroup,
      subscriptionId: facts.subscriptionId,
      location: facts.location,
    },
    checkedAt: isoString(now.getTime()),
    modes: {
      ApplicationConsistent: evaluateMode("ApplicationConsistent", inputs),
      CrashConsistent: evaluateMode("CrashConsistent", inputs),
    },
    advisories: collectAdvisories(facts, summary, limits, os),
  };
  if (options?.explain) verdict.matrix = explainMatrix({ facts, history, summary, os, limits }, verdict);
  return verdict;
}

/**
 * Blockers in a fixed order: what the VM is, what the mode needs of it (application consistency: OS and
 * agent), whether anything is left to capture, the history, and last the time.
 */
function evaluateMode(mode: ConsistencyMode, inputs: ModeInputs): ModeVerdict {
  const { facts } = inputs;
  const excludeDisks = excludedDisks(facts.disks, mode);
  const blockers: Finding[] = [...inputs.structural];
  if (mode === "ApplicationConsistent") blockers.push(...applicationOnlyBlockers(facts, inputs.os));
  const nothingLeft = noDisksBlocker(mode, facts.disks, excludeDisks);
  if (nothingLeft) blockers.push(nothingLeft);
  blockers.push(...inputs.history);
  const wait = tooSoon(mode, inputs.summary, inputs.now, inputs.limits);
  if (wait) blockers.push(wait.finding);
  // A time is only worth giving when waiting is all it takes.
  const onlyTime = wait !== undefined && blockers.length === 1;
  return {
    allowed: blockers.length === 0,
    excludeDisks,
    blockers,
    nextAllowedAt: onlyTime ? wait.nextAllowedAt : null,
  };
}
