/** The fleet report as a neutral message: counts per mode, then one section per blocking rule with the VMs. */
import { CONSISTENCY_MODES } from "../core/facts.js";
import { BLOCKER_CODES, type RuleCode } from "../core/rule-codes.js";
import type { FleetReport, ModeTally } from "../operations/fleet-report.js";
import type { BotMessage, MessageSection } from "./message.js";
import { formatTime } from "./time-wording.js";
import { cutList, MODE_TITLE, plural } from "./wording.js";

/** Long lists stay readable in every chat client; the rest is "and N more". */
export const MAX_NAMES = 10;

const BLOCKER_TITLE: Partial<Record<RuleCode, string>> = {
  "unmanaged-disks": "Unmanaged (VHD) disks",
  "confidential-vm": "Confidential VMs",
  "vmss-uniform": "Uniform scale-set instances",
  "no-disks-to-protect": "Nothing left to capture",
  "creation-in-progress": "A restore point is being created",
  "restore-point-limit": "Restore point limit reached",
  "collection-limit": "Collection limit of the region reached",
  "too-soon": "Too soon after the last restore point",
  "os-not-supported": "OS not supported for application consistency",
  "vm-agent-not-ready": "VM not running or VM agent not ready",
};

/** `zone`: the reader's time zone (ChatContext.timeZone), for when it was checked; undefined is UTC. */
export function renderFleetReport(report: FleetReport, zone?: string): BotMessage {
  const sections = blockingRules(report).map((rule) => ruleSection(report, rule));
  const blocked = CONSISTENCY_MODES.some((mode) => report.modes[mode].blocked > 0);
  return {
    title: `Fleet report: ${report.scope}`,
    tone: report.totalVms === 0 ? "info" : blocked ? "warning" : "success",
    text: report.totalVms === 0 ? "No VMs in this scope." : `${plural(report.totalVms, "VM")} checked.`,
    facts:
      report.totalVms === 0
        ? []
        : CONSISTENCY_MODES.map((mode) => ({ label: MODE_TITLE[mode], value: headline(report.modes[mode]) })),
    sections,
    context: [
      `Checked at ${formatTime(new Date(report.evaluatedAt), zone)} with ${plural(report.requests, "ARM request")}.`,
    ],
  };
}

/** "12 can; 3 can, leaving out disks; 5 cannot": a count of none is left out, as a person would say it. */
function headline(tally: ModeTally): string {
  const parts = [
    { count: tally.allowed, says: "can" },
    { count: tally.allowedWithExclusions, says: "can, leaving out disks" },
    { count: tally.blocked, says: "cannot" },
  ];
  return parts
    .filter((part) => part.count > 0)
    .map((part) => `${part.count.toLocaleString("en-US")} ${part.says}`)
    .join("; ");
}

/** The rules in the order of docs/rule-codes.md (what the VM is before what its history says). */
function blockingRules(report: FleetReport): RuleCode[] {
  const seen = new Set<RuleCode>();
  for (const mode of CONSISTENCY_MODES) {
    for (const rule of Object.keys(report.modes[mode].blockedByRule)) seen.add(rule as RuleCode);
  }
  const order = (rule: RuleCode) => {
    const position = (BLOCKER_CODES as readonly string[]).indexOf(rule);
    return position === -1 ? BLOCKER_CODES.length : position;
  };
  return [...seen].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
}

function ruleSection(report: FleetReport, rule: RuleCode): MessageSection {
  const app = report.modes.ApplicationConsistent.blockedByRule[rule] ?? [];
  const crash = report.modes.CrashConsistent.blockedByRule[rule] ?? [];
  const vms = new Set([...app, ...crash]).size;
  const heading = `${BLOCKER_TITLE[rule] ?? rule}: ${plural(vms, "VM")}`;
  if (sameNames(app, crash)) return { heading, lines: [`Both modes: ${cutList(app, MAX_NAMES)}`] };
  const lines = CONSISTENCY_MODES.flatMap((mode) => {
    const names = report.modes[mode].blockedByRule[rule] ?? [];
    return names.length === 0 ? [] : [`${MODE_TITLE[mode]}: ${cutList(names, MAX_NAMES)}`];
  });
  return { heading, lines };
}

/** Both lists are sorted, so equal sets are equal lists. */
function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, index) => name === b[index]);
}
