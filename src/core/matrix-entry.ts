/**
 * The shape of one support-matrix entry and the helpers the row files share. An entry is data (rule,
 * scenario, per-mode outcome, the seed line it comes from) plus `applies`, the test of whether the row
 * concerns a given VM; `applies` runs only when a verdict is explained.
 */
import type { ConsistencyMode, DiskFacts, VmFacts, VmHistory } from "./facts.js";
import type { HistorySummary } from "./history.js";
import type { Limits } from "./limits.js";
import type { OsAssessment } from "./os-support.js";
import type { RuleCode, SupportedScenarioCode } from "./rule-codes.js";

export type Support = "supported" | "supported-excluding-disk" | "not-supported" | "limited" | "advisory";

export interface ModeOutcome {
  /** "limited": allowed within a limit (frequency, counts, an OS list); "advisory": allowed, with a caveat. */
  support: Support;
  text: string;
}

/** Everything an entry may look at to decide whether it concerns a VM. */
export interface MatrixContext {
  facts: VmFacts;
  history: VmHistory;
  summary: HistorySummary;
  os: OsAssessment;
  limits: Limits;
}

export interface MatrixEntry {
  rule: RuleCode;
  /** The scenario in our words. */
  scenario: string;
  outcome: Readonly<Record<ConsistencyMode, ModeOutcome>>;
  /** "newer-microsoft-doc": guidance the seed does not list (reference section 3), kept as advisories. */
  source: "seed" | "newer-microsoft-doc";
  /** The exact line of the seed document this entry comes from; null for newer guidance. */
  seedRow: string | null;
  applies: (vm: MatrixContext) => boolean;
  /** What the row meant for a VM it concerns, when no blocker, exclusion or advisory of its rule says more. */
  describe?: (vm: MatrixContext) => string;
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
  seedRow: string,
  applies: (vm: MatrixContext) => boolean,
): MatrixEntry {
  return { rule, scenario, outcome: bothModes("supported", "Supported."), source: "seed", seedRow, applies };
}

export function anyDisk(vm: MatrixContext, test: (disk: DiskFacts) => boolean): boolean {
  return vm.facts.disks.some(test);
}

/** For rows whose subject ARM does not show (Azure Migrate, accelerated networking on the NIC, ...). */
export const NOT_VISIBLE_IN_VM_MODEL = (): boolean => false;
