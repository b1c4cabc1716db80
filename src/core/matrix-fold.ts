/**
 * The verdict as a fold over the support matrix: each entry that owns a finding is asked, only for a VM it
 * applies to and only in the modes its outcome names, and its finding is filed under its rule. The folds run
 * in the verdict's order (rule-codes.ts), so the matrix itself can stay in the seed's order.
 */
import { CONSISTENCY_MODES, type ConsistencyMode } from "./facts.js";
import { SUPPORT_MATRIX } from "./matrix.js";
import { blocksIn, excludesIn, type MatrixContext, type MatrixEntry } from "./matrix-entry.js";
import { ADVISORY_CODES, BLOCKER_ORDER, EXCLUSION_CODES, type RuleCode } from "./rule-codes.js";
import type { ExcludedDisk, Finding } from "./verdict.js";

type Owning<Key extends "blocker" | "excludes" | "advisory"> = MatrixEntry & Required<Pick<MatrixEntry, Key>>;

/** Stable: entries of one rule keep the matrix's order. Every owner's rule is in its order (matrix.test.ts). */
function inOrder<Entry extends MatrixEntry>(entries: Entry[], order: readonly RuleCode[]): readonly Entry[] {
  return entries.sort((a, b) => order.indexOf(a.rule) - order.indexOf(b.rule));
}

const EXCLUDING = inOrder(
  SUPPORT_MATRIX.filter((entry): entry is Owning<"excludes"> => entry.excludes !== undefined),
  EXCLUSION_CODES,
);
const BLOCKING = inOrder(
  SUPPORT_MATRIX.filter((entry): entry is Owning<"blocker"> => entry.blocker !== undefined),
  BLOCKER_ORDER,
);
const ADVISING = inOrder(
  SUPPORT_MATRIX.filter((entry): entry is Owning<"advisory"> => entry.advisory !== undefined),
  ADVISORY_CODES,
);

/** For `--explain`: whether each entry that owns a finding applied, as the folds saw it (undefined otherwise). */
export type Applied = Map<MatrixEntry, boolean> | undefined;

function appliesTo(entry: MatrixEntry, vm: MatrixContext, applied: Applied): boolean {
  const applies = entry.applies(vm);
  applied?.set(entry, applies);
  return applies;
}

/**
 * Fills `into` (the arrays `vm.excluded` shows, for the blockers that follow): in the VM's disk order, each
 * disk once, under the first rule that leaves it out.
 */
export function foldExclusions(
  vm: MatrixContext,
  into: Record<ConsistencyMode, ExcludedDisk[]>,
  applied: Applied,
): void {
  const entries = EXCLUDING.filter((entry) => appliesTo(entry, vm, applied));
  for (const mode of CONSISTENCY_MODES) {
    const inMode = entries.filter((entry) => excludesIn(entry, mode));
    for (const disk of vm.facts.disks) {
      const owner = inMode.find((entry) => entry.excludes(disk));
      if (owner) into[mode].push({ id: disk.id, name: disk.name, rule: owner.rule });
    }
  }
}

export interface ModeBlockers {
  blockers: Finding[];
  /** Set by a blocker that waiting ends (the minimum interval). */
  waitUntil?: string;
}

export function foldBlockers(vm: MatrixContext, applied: Applied): Record<ConsistencyMode, ModeBlockers> {
  const modes: Record<ConsistencyMode, ModeBlockers> = {
    ApplicationConsistent: { blockers: [] },
    CrashConsistent: { blockers: [] },
  };
  for (const entry of BLOCKING) {
    if (!appliesTo(entry, vm, applied)) continue;
    for (const mode of CONSISTENCY_MODES) {
      if (!blocksIn(entry, mode)) continue;
      const found = entry.blocker(vm, mode);
      if (found === undefined) continue;
      if (typeof found === "string") modes[mode].blockers.push({ rule: entry.rule, message: found });
      else {
        modes[mode].blockers.push({ rule: entry.rule, message: found.message });
        modes[mode].waitUntil = found.nextAllowedAt;
      }
    }
  }
  return modes;
}

export function foldAdvisories(vm: MatrixContext, applied: Applied): Finding[] {
  const advisories: Finding[] = [];
  for (const entry of ADVISING) {
    if (!appliesTo(entry, vm, applied)) continue;
    const message = entry.advisory(vm);
    if (message !== undefined) advisories.push({ rule: entry.rule, message });
  }
  return advisories;
}
