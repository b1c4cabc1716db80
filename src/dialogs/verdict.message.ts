/** The answer to "can I snapshot X?": per mode yes / yes but leaving out disks / no, with why and when. */

import { decisiveAdvisories } from "../core/advisory-relevance.js";
import { CONSISTENCY_MODES, type ConsistencyMode } from "../core/facts.js";
import type { Finding, ModeVerdict, Verdict } from "../core/verdict.js";
import { blockerLine, nextAllowedLine } from "./blocker-line.js";
import {
  type BotMessage,
  type MessageButton,
  type MessageDetails,
  type MessageSection,
  pressButton,
} from "./message.js";
import { portalLink } from "./portal-links.js";
import { exclusionReason, MODE_TITLE, shortenNames } from "./wording.js";

/**
 * What chat shows of a verdict: per mode yes, yes-but, or no with the reasons; a reason both modes share once;
 * the notes that bear on a possible mode. Everything else (every advisory in full, full disk names) is in the
 * details, which a door shows on request.
 */
export function renderVerdict(
  verdict: Verdict,
  now: Date,
  /** `timeZone`: the reader's (ChatContext.timeZone), for the times in the reasons; undefined is UTC. */
  options: { offerCreate: boolean; portalUrl?: string; timeZone?: string },
): BotMessage {
  const allowed = CONSISTENCY_MODES.filter((mode) => verdict.modes[mode].allowed);
  const shared = sharedBlockers(verdict);
  const sections: MessageSection[] = [];
  if (shared.length > 0) {
    const heading = allowed.length === 0 && onlyShared(verdict, shared) ? undefined : "Both modes";
    // A shared blocker is never the time alone: no mode's "Next allowed" line says its time.
    const line = (blocker: Finding) => blockerLine(blocker, { nextAllowedAt: null }, options.timeZone, now);
    sections.push({ heading, lines: shared.map((blocker) => shortenNames(line(blocker))) });
  }
  for (const mode of CONSISTENCY_MODES)
    sections.push(...modeSection(mode, verdict.modes[mode], shared, now, options.timeZone));
  const notes = decisiveAdvisories(verdict).map((note) => shortenNames(note.message));
  if (notes.length > 0) sections.push({ heading: "Notes", lines: notes });
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
    links: portalLink(options.portalUrl, vm.id, `Open ${vm.name} in the Azure portal`),
    details: detailsOf(verdict),
  };
}

function detailsOf(verdict: Verdict): MessageDetails | undefined {
  const sections = verdictDetails(verdict);
  if (sections.length === 0) return undefined;
  return { sections, button: pressButton({ kind: "details", vmId: verdict.vm.id }, "Details") };
}

/** What a Details press answers (Slack, the terminal): the details alone, as their own message. */
export function renderVerdictDetails(verdict: Verdict): BotMessage {
  const sections = verdictDetails(verdict);
  return {
    title: `${verdict.vm.name}: details`,
    tone: "info",
    sections: sections.length > 0 ? sections : [{ lines: ["Nothing more to say about this VM."] }],
  };
}

/** Every advisory in full, and each left-out disk by its full name. */
function verdictDetails(verdict: Verdict): MessageSection[] {
  const details: MessageSection[] = [];
  const leftOut = new Map<string, string>();
  for (const mode of CONSISTENCY_MODES) {
    for (const disk of verdict.modes[mode].excludeDisks) leftOut.set(disk.id, disk.name);
  }
  if (leftOut.size > 0) {
    details.push({ heading: "Disks left out", lines: [...leftOut].map(([id, name]) => `${name}: ${id}`) });
  }
  if (verdict.advisories.length > 0) {
    details.push({ heading: "All notes", lines: verdict.advisories.map((advisory) => advisory.message) });
  }
  return details;
}

function headline(mode: ModeVerdict): string {
  if (!mode.allowed) return "No";
  const count = mode.excludeDisks.length;
  return count === 0 ? "Yes" : `Yes, leaving out ${count === 1 ? "1 disk" : `${count} disks`}`;
}

/** Blockers that both modes have, word for word (a creation in progress, a stopped agent for both...). */
export function sharedBlockers(verdict: Verdict): Finding[] {
  const crash = verdict.modes.CrashConsistent.blockers;
  return verdict.modes.ApplicationConsistent.blockers.filter((blocker) =>
    crash.some((other) => other.rule === blocker.rule && other.message === blocker.message),
  );
}

/** Nothing but the shared reasons stands in the way: then they need no "Both modes" heading. */
function onlyShared(verdict: Verdict, shared: Finding[]): boolean {
  return CONSISTENCY_MODES.every((mode) => {
    const { blockers, nextAllowedAt } = verdict.modes[mode];
    return blockers.length === shared.length && nextAllowedAt === null;
  });
}

function modeSection(
  mode: ConsistencyMode,
  verdict: ModeVerdict,
  shared: Finding[],
  now: Date,
  zone: string | undefined,
): MessageSection[] {
  const lines = [
    ...verdict.excludeDisks.map(
      (disk) => `Leaves out ${shortenNames(disk.name)}: ${exclusionReason(disk.rule)}.`,
    ),
    ...verdict.blockers
      .filter((blocker) => !shared.includes(blocker))
      .map((blocker) => shortenNames(blockerLine(blocker, verdict, zone, now))),
  ];
  const next = nextAllowedLine(verdict, zone, now);
  if (next) lines.push(next);
  return lines.length === 0 ? [] : [{ heading: MODE_TITLE[mode], lines }];
}

export function planButton(vmId: string, mode: ConsistencyMode): MessageButton {
  // Short enough for a Teams card to show whole beside its siblings.
  return pressButton({ kind: "plan", vmId, mode }, `Create ${MODE_TITLE[mode].toLowerCase()}`);
}
