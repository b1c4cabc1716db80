/**
 * The shape of one support-matrix entry and the helpers the row files share. An entry is the single source
 * of truth for its row: data (rule, scenario, per-mode outcome, the seed row it comes from), `applies` (does
 * the row concern this VM), and at most one finding it owns: a blocker, the disks it leaves out, or an
 * advisory. `evaluate` folds over the entries to build the verdict; `--explain` shows the same results.
 */
import type { ConsistencyMode, DiskFacts, VmFacts, VmHistory } from "./facts.js";
import type { HistorySummary } from "./history.js";
import type { Limits } from "./limits.js";
import type { OsAssessment } from "./os-support.js";
import type { RuleCode, SupportedScenarioCode } from "./rule-codes.js";
import type { SupportMatrixRowId } from "./support-matrix-rows.js";
import type { ExcludedDisk } from "./verdict.js";

export type Support = "supported" | "supported-excluding-disk" | "not-supported" | "limited" | "advisory";

export interface ModeOutcome {
  /** "limited": allowed within a limit (frequency, counts, an OS list); "advisory": allowed, with a caveat. */
  support: Support;
  text: string;
}

/** Everything an entry may look at about a VM, read once per evaluation. */
export interface MatrixContext {
  facts: VmFacts;
  history: VmHistory;
  summary: HistorySummary;
  os: OsAssessment;
  limits: Limits;
  now: Date;
  /** The disks each mode leaves out (the exclusions are folded before the blockers, which may need them). */
  excluded: Readonly<Record<ConsistencyMode, readonly ExcludedDisk[]>>;
}

/** A blocker; `nextAllowedAt` when waiting until then is what it takes (the minimum interval). */
export type BlockerResult = string | { message: string; nextAllowedAt: string };

export interface MatrixEntry {
  rule: RuleCode;
  /** The scenario in our words. */
  scenario: string;
  outcome: Readonly<Record<ConsistencyMode, ModeOutcome>>;
  /** "newer-microsoft-doc": guidance the seed does not list (reference section 3), kept as advisories. */
  source: "seed" | "newer-microsoft-doc";
  /** The seed row this entry comes from (support-matrix-rows.ts); null for newer guidance. */
  row: SupportMatrixRowId | null;
  applies: (vm: MatrixContext) => boolean;
  /** What the row meant for a VM it concerns, when no blocker, exclusion or advisory of its rule says more. */
  describe?: (vm: MatrixContext) => string;
  /**
   * The blocker this entry owns. Asked only for a VM the entry applies to, and only in the modes whose
   * outcome is "not-supported" or "limited"; the finding carries the entry's rule.
   */
  blocker?: (vm: MatrixContext, mode: ConsistencyMode) => BlockerResult | undefined;
  /** Whether this entry leaves the disk out; asked only in the modes whose outcome is "supported-excluding-disk". */
  excludes?: (disk: DiskFacts) => boolean;
  /** The advisory this entry owns (a message under the entry's rule); asked only for a VM it applies to. */
  advisory?: (vm: MatrixContext) => string | undefined;
}

export function bothModes(support: Support, text: string): Record<ConsistencyMode, ModeOutcome> {
  return { ApplicationConsistent: { support, text }, CrashConsistent: { support, text } };
}

export function perMode(application: ModeOutcome, crash: ModeOutcome): Record<ConsistencyMode, ModeOutcome> {
  return { ApplicationConsistent: application, CrashConsistent: crash };
}

/** A plain "Yes" row of the seed's table: supported in both modes, explains but never blocks. */
export function supportedRow(
  rule: SupportedScenarioCode,
  scenario: string,
  row: SupportMatrixRowId,
  applies: (vm: MatrixContext) => boolean,
): MatrixEntry {
  return { rule, scenario, outcome: bothModes("supported", "Supported."), source: "seed", row, applies };
}

export function anyDisk(vm: MatrixContext, test: (disk: DiskFacts) => boolean): boolean {
  return vm.facts.disks.some(test);
}

/** For rows whose subject ARM does not show (Azure Migrate, accelerated networking on the NIC, ...). */
export const NOT_VISIBLE_IN_VM_MODEL = (): boolean => false;

export const always = (): boolean => true;

/** Whether the entry's outcome blocks in this mode ("not-supported" or "limited"): its blocker is asked there. */
export function blocksIn(entry: MatrixEntry, mode: ConsistencyMode): boolean {
  const support = entry.outcome[mode].support;
  return support === "not-supported" || support === "limited";
}

export function excludesIn(entry: MatrixEntry, mode: ConsistencyMode): boolean {
  return entry.outcome[mode].support === "supported-excluding-disk";
}
