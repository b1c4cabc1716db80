/** The answer to "can I snapshot X?": per mode yes / yes but leaving out disks / no, with why and when. */
import { describeWhen } from "../core/durations.js";
import { CONSISTENCY_MODES, type ConsistencyMode } from "../core/facts.js";
import type { ModeVerdict, Verdict } from "../core/verdict.js";
import { type BotMessage, type MessageButton, type MessageSection, pressButton } from "./message.js";
import { exclusionReason, MODE_TITLE } from "./wording.js";

/** Advisories that hold for every VM: small print, not notes. */
const ALWAYS_TRUE = new Set(["nfs-not-captured"]);
const MAX_NOTES = 4;

export function renderVerdict(verdict: Verdict, now: Date, options: { offerCreate: boolean }): BotMessage {
  const allowed = CONSISTENCY_MODES.filter((mode) => verdict.modes[mode].allowed);
  const sections = CONSISTENCY_MODES.flatMap((mode) => modeSection(mode, verdict.modes[mode], now));
  const notes = verdict.advisories.filter((advisory) => !ALWAYS_TRUE.has(advisory.rule));
  if (notes.length > 0) {
    const shown = notes.slice(0, MAX_NOTES).map((note) => note.message);
    if (notes.length > MAX_NOTES)
      shown.push(`and ${notes.length - MAX_NOTES} more (rpbot check ${verdict.vm.name} --explain)`);
    sections.push({ heading: "Notes", lines: shown });
  }
  const { vm } = verdict;
  return {
    title: `${vm.name}: ${allowed.length === 2 ? "restore points possible" : allowed.length === 1 ? `${MODE_TITLE[allowed[0] ?? "CrashConsistent"].toLowerCase()} only` : "no restore point possible now"}`,
    tone: allowed.length === 2 ? "success" : allowed.length === 1 ? "warning" : "danger",
    facts: [
      ...CONSISTENCY_MODES.map((mode) => ({ label: MODE_TITLE[mode], value: headline(verdict.modes[mode]) })),
      { label: "VM", value: `${vm.resourceGroup}/${vm.name} (${vm.location})` },
    ],
    sections,
    buttons: options.offerCreate ? allowed.map((mode) => planButton(vm.id, mode)) : undefined,
    context: verdict.advisories
      .filter((advisory) => ALWAYS_TRUE.has(advisory.rule))
      .map((advisory) => advisory.message),
  };
}

function headline(mode: ModeVerdict): string {
  if (!mode.allowed) return "No";
  const count = mode.excludeDisks.length;
  return count === 0 ? "Yes" : `Yes, leaving out ${count === 1 ? "1 disk" : `${count} disks`}`;
}

function modeSection(mode: ConsistencyMode, verdict: ModeVerdict, now: Date): MessageSection[] {
  const lines = [
    ...verdict.excludeDisks.map((disk) => `Leaves out ${disk.name}: ${exclusionReason(disk.rule)}.`),
    ...verdict.blockers.map((blocker) => blocker.message),
  ];
  if (verdict.nextAllowedAt)
    lines.push(`Next allowed ${describeWhen(new Date(verdict.nextAllowedAt), now)}.`);
  return lines.length === 0 ? [] : [{ heading: MODE_TITLE[mode], lines }];
}

export function planButton(vmId: string, mode: ConsistencyMode): MessageButton {
  return pressButton({ kind: "plan", vmId, mode }, `Create ${MODE_TITLE[mode].toLowerCase()} restore point`);
}
