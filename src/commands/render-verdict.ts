/** The readable answer of `rpbot check`: one block per consistency mode, then the notes. */
import { decisiveAdvisories } from "../core/advisory-relevance.js";
import { describeWhen, rewordInstants } from "../core/durations.js";
import { CONSISTENCY_MODES, type ConsistencyMode } from "../core/facts.js";
import type { ModeVerdict, Verdict } from "../core/verdict.js";

const MODE_LABEL: Record<ConsistencyMode, string> = {
  ApplicationConsistent: "Application-consistent",
  CrashConsistent: "Crash-consistent",
};

export function renderVerdictText(verdict: Verdict, now: Date): string {
  const { vm } = verdict;
  const lines = [
    `${vm.name}  (resource group ${vm.resourceGroup}, subscription ${vm.subscriptionId}, ${vm.location})`,
    "",
  ];
  for (const mode of CONSISTENCY_MODES)
    lines.push(...renderMode(MODE_LABEL[mode], verdict.modes[mode], now), "");
  // Without --explain, only the notes that bear on a possible mode; --explain shows every one.
  const notes = verdict.matrix ? verdict.advisories : decisiveAdvisories(verdict);
  const left = verdict.advisories.length - notes.length;
  if (notes.length > 0 || left > 0) {
    lines.push("Notes:");
    for (const advisory of notes) lines.push(`  - ${advisory.message} [${advisory.rule}]`);
    if (left > 0) lines.push(`  (${left === 1 ? "1 more note" : `${left} more notes`} with --explain)`);
    lines.push("");
  }
  if (verdict.matrix) lines.push(...renderMatrix(verdict));
  return lines.join("\n").trimEnd();
}

function renderMode(label: string, mode: ModeVerdict, now: Date): string[] {
  const excluded = mode.excludeDisks.length;
  const headline = mode.allowed
    ? excluded > 0
      ? `yes, excluding ${excluded === 1 ? "1 disk" : `${excluded} disks`}`
      : "yes"
    : "no";
  const lines = [`${label}: ${headline}`];
  for (const disk of mode.excludeDisks) lines.push(`  - leaves out ${disk.name} [${disk.rule}]`);
  // Times in UTC to the minute, as the Next allowed line says them; --json keeps the ISO instants.
  for (const blocker of mode.blockers) lines.push(`  - ${rewordInstants(blocker.message)} [${blocker.rule}]`);
  if (mode.nextAllowedAt) lines.push(`  Next allowed ${describeWhen(new Date(mode.nextAllowedAt), now)}.`);
  return lines;
}

function renderMatrix(verdict: Verdict): string[] {
  const rows = verdict.matrix ?? [];
  const width = Math.max(...rows.map((row) => row.rule.length));
  const lines = ["Support matrix, row by row (* = applies to this VM):"];
  for (const row of rows) {
    lines.push(`${row.applies ? "*" : " "} ${row.rule.padEnd(width)}  ${row.scenario}: ${row.outcome}`);
  }
  return lines;
}
