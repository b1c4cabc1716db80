/**
 * `--explain`: every matrix entry, whether it concerned this VM, and what it meant. The meaning is the
 * verdict's own findings under the entry's rule (the fold's results, in the modes where the entry blocks or
 * leaves disks out, and its advisories), so the explanation cannot contradict the answer; without one, the
 * entry's own description. Whether an entry that owns a finding applied is taken from the fold, not asked again.
 */
import type { ConsistencyMode } from "./facts.js";
import { SUPPORT_MATRIX } from "./matrix.js";
import { blocksIn, excludesIn, type MatrixContext, type MatrixEntry } from "./matrix-entry.js";
import type { MatrixExplanation, Verdict } from "./verdict.js";

const NOT_APPLICABLE = "Does not apply to this VM.";

/** `applied`: whether each entry owning a finding applied, as evaluate's folds saw it; other entries are asked. */
export function explainMatrix(
  vm: MatrixContext,
  verdict: Verdict,
  applied: ReadonlyMap<MatrixEntry, boolean> = new Map(),
): MatrixExplanation[] {
  return SUPPORT_MATRIX.map((entry) => {
    const applies = applied.get(entry) ?? entry.applies(vm);
    const outcome = applies ? meaningFor(entry, vm, verdict) : NOT_APPLICABLE;
    return { rule: entry.rule, scenario: entry.scenario, applies, outcome };
  });
}

function meaningFor(entry: MatrixEntry, vm: MatrixContext, verdict: Verdict): string {
  const found = findingsOf(entry, verdict);
  if (found.length > 0) return found.join(" ");
  if (entry.describe) return entry.describe(vm);
  const application = entry.outcome.ApplicationConsistent.text;
  const crash = entry.outcome.CrashConsistent.text;
  return application === crash
    ? application
    : `Application-consistent: ${application} Crash-consistent: ${crash}`;
}

/** The verdict's findings under this entry's rule: once when both modes say the same, else per mode. */
function findingsOf(entry: MatrixEntry, verdict: Verdict): string[] {
  const application = findingInMode(entry, "ApplicationConsistent", verdict);
  const crash = findingInMode(entry, "CrashConsistent", verdict);
  const messages: string[] = [];
  if (application === crash) {
    if (application) messages.push(application);
  } else {
    if (application) messages.push(`Application-consistent: ${application}`);
    if (crash) messages.push(`Crash-consistent: ${crash}`);
  }
  for (const advisory of verdict.advisories) {
    if (advisory.rule === entry.rule) messages.push(advisory.message);
  }
  return messages;
}

/** In a mode where the entry blocks, its rule's blocker; where it leaves disks out, those disks; else "". */
function findingInMode(entry: MatrixEntry, mode: ConsistencyMode, verdict: Verdict): string {
  const modeVerdict = verdict.modes[mode];
  if (blocksIn(entry, mode)) {
    // One blocker per rule and mode (the owners of a rule exclude each other); joined, should that change.
    return modeVerdict.blockers
      .filter((blocker) => blocker.rule === entry.rule)
      .map((blocker) => blocker.message)
      .join(" ");
  }
  if (excludesIn(entry, mode)) {
    const disks = modeVerdict.excludeDisks.filter((disk) => disk.rule === entry.rule);
    return disks.length > 0 ? `Left out: ${disks.map((disk) => disk.name).join(", ")}.` : "";
  }
  return "";
}
