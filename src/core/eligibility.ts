/**
 * The eligibility core: VM facts + restore point history + the time now + limits -> the verdict of
 * DESIGN.md section 3, per consistency mode. Pure: the clock is an argument, nothing is read or written.
 * The verdict is a fold over the support matrix (matrix-fold.ts); `--explain` shows the same entries' results.
 */
import { explainMatrix } from "./explain.js";
import type { ConsistencyMode, VmFacts, VmHistory } from "./facts.js";
import { summarizeHistory } from "./history.js";
import { DEFAULT_LIMITS, type Limits } from "./limits.js";
import type { MatrixContext, MatrixEntry } from "./matrix-entry.js";
import { foldAdvisories, foldBlockers, foldExclusions, type ModeBlockers } from "./matrix-fold.js";
import { assessOs } from "./os-support.js";
import { isoString } from "./timestamps.js";
import type { ExcludedDisk, ModeVerdict, Verdict } from "./verdict.js";

export interface EvaluateOptions {
  /** Add `matrix`: every support-matrix row and what it meant for this VM (costs time; off by default). */
  explain?: boolean;
}

export function evaluate(
  facts: VmFacts,
  history: VmHistory,
  now: Date,
  limits: Limits = DEFAULT_LIMITS,
  options?: EvaluateOptions,
): Verdict {
  const excluded: Record<ConsistencyMode, ExcludedDisk[]> = {
    ApplicationConsistent: [],
    CrashConsistent: [],
  };
  const vm: MatrixContext = {
    facts,
    history,
    summary: summarizeHistory(facts, history),
    os: assessOs(facts.os, now),
    limits,
    now,
    excluded,
  };
  const applied = options?.explain ? new Map<MatrixEntry, boolean>() : undefined;
  // Exclusions first: "nothing left to capture" is a blocker about them.
  foldExclusions(vm, excluded, applied);
  const blockers = foldBlockers(vm, applied);
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
      ApplicationConsistent: modeVerdict(excluded.ApplicationConsistent, blockers.ApplicationConsistent),
      CrashConsistent: modeVerdict(excluded.CrashConsistent, blockers.CrashConsistent),
    },
    advisories: foldAdvisories(vm, applied),
  };
  if (applied) verdict.matrix = explainMatrix(vm, verdict, applied);
  return verdict;
}

function modeVerdict(excludeDisks: ExcludedDisk[], { blockers, waitUntil }: ModeBlockers): ModeVerdict {
  // A time is only worth giving when waiting is all it takes.
  const onlyTime = waitUntil !== undefined && blockers.length === 1;
  return {
    allowed: blockers.length === 0,
    excludeDisks,
    blockers,
    nextAllowedAt: onlyTime ? waitUntil : null,
  };
}
