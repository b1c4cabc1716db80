/**
 * `--explain`: every matrix entry, whether it concerned this VM, and what it meant. The meaning is the
 * verdict's own findings under the entry's rule (the fold's results, in the modes where the entry blocks or
 * leaves disks out, and its advisories), so the explanation cannot contradict the answer; without one, the
 * entry's own description. Whether an entry that owns a finding applied is taken from the fold, not asked again.
 */
import { CONSISTENCY_MODES, type ConsistencyMode } from "./facts.js";
import { SUPPORT_MATRIX } from "./matrix.js";
import { blocksIn, excludesIn, type MatrixContext, type MatrixEntry } from "./matrix-entry.js";
import { modeLabel } from "./text.js";
import type { MatrixExplanation, Verdict } from "./verdict.js";

const NOT_APPLICABLE = "Does not apply to this VM.";

/** `applied`: the entries owning a finding that the fold found applying; without it, each entry is asked. */
export function explainMatrix(
  vm: MatrixContext,
  verdict: Verdict,
  applied?: ReadonlySet<MatrixEntry>,
): MatrixExplanation[] {
  return SUPPORT_MATRIX.map((entry) => {
    const applies = applied && ownsFinding(entry) ? applied.has(entry) : entry.applies(vm);
    const outcome = applies ? meaningFor(entry, vm, verdict) : NOT_APPLICABLE;
    return { rule: entry.rule, scenario: entry.scenario, applies, outcome };
  });
}

function ownsFinding(entry: MatrixEntry): boolean {
  return entry.blocker !== undefined || entry.excludes !== undefined || entry.advisory !== undefined;
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

/** The verdict's messages under this entry's rule, in the modes where the entry can block or exclude. */
function findingsOf(entry: MatrixEntry, verdict: Verdict): string[] {
  const perMode = CONSISTENCY_MODES.map((mode) => findingsInMode(entry, mode, verdict));
  const [application = [], crash = []] = perMode;
  const same =
    application.length === crash.length && application.every((text, index) => text === crash[index]);
  const messages = same
    ? application
    : CONSISTENCY_MODES.flatMap((mode, index) =>
        (perMode[index] ?? []).map((text) => `${capitalize(modeLabel(mode))}: ${text}`),
      );
  for (const advisory of verdict.advisories) {
    if (advisory.rule === entry.rule) messages.push(advisory.message);
  }
  return messages;
}

function findingsInMode(entry: MatrixEntry, mode: ConsistencyMode, verdict: Verdict): string[] {
  const modeVerdict = verdict.modes[mode];
  if (blocksIn(entry, mode)) {
    return modeVerdict.blockers
      .filter((blocker) => blocker.rule === entry.rule)
      .map((blocker) => blocker.message);
  }
  if (excludesIn(entry, mode)) {
    const disks = modeVerdict.excludeDisks
      .filter((disk) => disk.rule === entry.rule)
      .map((disk) => disk.name);
    return disks.length > 0 ? [`Left out: ${disks.join(", ")}.`] : [];
  }
  return [];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
