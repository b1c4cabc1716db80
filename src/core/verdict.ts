import type { ConsistencyMode } from "./facts.js";
import type { RuleCode } from "./rule-codes.js";

/** The verdict of DESIGN.md section 3: the JSON printed by `rpbot check --json`. */
export interface Verdict {
  vm: { id: string; name: string; resourceGroup: string; subscriptionId: string; location: string };
  checkedAt: string;
  modes: Record<ConsistencyMode, ModeVerdict>;
  advisories: Finding[];
  /** Present only when asked to explain: every row of the support matrix and what it meant. */
  matrix?: MatrixExplanation[];
}

export interface ModeVerdict {
  /** True when a restore point of this mode can be created now. */
  allowed: boolean;
  /** Disks the restore point will leave out, and why. */
  excludeDisks: ExcludedDisk[];
  /** Empty when allowed. */
  blockers: Finding[];
  /** ISO-8601; set when only time stands in the way. */
  nextAllowedAt: string | null;
}

export interface Finding {
  rule: RuleCode;
  message: string;
}

export interface ExcludedDisk {
  id: string;
  name: string;
  rule: RuleCode;
}

export interface MatrixExplanation {
  rule: RuleCode;
  scenario: string;
  applies: boolean;
  outcome: string;
}
