/** "Here is what I will create for the set": per member, created (and what it leaves out) or left out and why. */
import { describeDuration } from "../core/durations.js";
import type { ConsistencyMode } from "../core/facts.js";
import type { RestorePointPlan } from "../core/plan.js";
import type { ProtectMember, ProtectRunBody, Run } from "../store/run-store.port.js";
import { type BotMessage, type MessageSection, pressButton } from "./message.js";
import { exclusionReason, MODE_TITLE, plural, shortenNames } from "./wording.js";

/** Lines per list: a plan of 200 VMs stays one readable message (and within Slack's and Teams' limits). */
export const MEMBER_LINES = 25;

export function renderProtectPlan(run: Run, body: ProtectRunBody, expiresInMs: number): BotMessage {
  const planned = body.members.flatMap((member) => ("plan" in member ? [member] : []));
  const leftOut = body.members.filter((member) => "leftOut" in member);
  const mode = MODE_TITLE[body.mode].toLowerCase();
  const newCollections = planned.filter((member) => member.plan.collection.create);
  return {
    title: `Protect ${body.foundAs}?`,
    tone: leftOut.length > 0 ? "warning" : "info",
    text: `${plural(planned.length, "restore point")} (${mode}), one per VM: ${planned.length} of ${plural(body.members.length, "VM")}.`,
    facts: [
      { label: "Mode", value: MODE_TITLE[body.mode] },
      { label: "New collections", value: newCollections.length > 0 ? String(newCollections.length) : "none" },
    ],
    sections: [
      {
        heading: `Created (${planned.length})`,
        lines: capped(planned.map((member) => plannedLine(member.plan))),
      },
      ...leftOutSection(leftOut),
      ...collectionsSection(newCollections.map((member) => member.plan)),
    ],
    buttons: [
      pressButton(
        { kind: "run-confirm", runId: run.id },
        `Create ${plural(planned.length, "restore point")}`,
        {
          style: "primary",
          confirm: {
            title: "Protect the set?",
            text: `Create ${mode} restore points of ${plural(planned.length, "VM")} of ${body.foundAs}?`,
            confirm: "Create",
            deny: "Not now",
          },
        },
      ),
      pressButton({ kind: "run-cancel", runId: run.id }, "Cancel"),
    ],
    context: [
      `Only you can confirm. The buttons expire in ${describeDuration(expiresInMs)}; each VM is checked again when its turn comes.`,
      ...(body.assessWindow
        ? [
            `The set counts as protected when every member has a restore point within ${describeDuration(body.windowMs)} of the others.`,
          ]
        : []),
    ],
  };
}

/** No member can be created now: why, per member; no buttons. */
export function renderNothingToProtect(
  foundAs: string,
  mode: ConsistencyMode,
  members: readonly ProtectMember[],
): BotMessage {
  return {
    title: `No restore point of ${foundAs} can be created now`,
    tone: "danger",
    text: `${MODE_TITLE[mode]}, ${plural(members.length, "VM")}: none can take one now.`,
    sections: leftOutSection(members),
  };
}

function plannedLine(plan: RestorePointPlan): string {
  const disks = plural(plan.captureDisks.length, "disk");
  if (plan.excludeDisks.length === 0) return `${plan.vm.name}: ${disks}`;
  const leftOut = plan.excludeDisks.map(
    (disk) => `${shortenNames(disk.name)} (${exclusionReason(disk.rule)})`,
  );
  return `${plan.vm.name}: ${disks}, leaves out ${leftOut.join(", ")}`;
}

function leftOutSection(members: readonly ProtectMember[]): MessageSection[] {
  const lines = members.flatMap((member) =>
    "leftOut" in member ? [`${member.vm.name}: ${member.leftOut.reason}`] : [],
  );
  if (lines.length === 0) return [];
  return [{ heading: `Left out, not protected (${lines.length})`, lines: capped(lines) }];
}

function collectionsSection(plans: readonly RestorePointPlan[]): MessageSection[] {
  if (plans.length === 0) return [];
  const lines = plans.map(
    (plan) => `${plan.collection.name} (${plan.collection.location}), for ${plan.vm.name}`,
  );
  return [{ heading: "Collections to create", lines: capped(lines) }];
}

/** The first lines and how many more: the whole list is in the summary's details. */
export function capped(lines: readonly string[], max = MEMBER_LINES): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max - 1), `… and ${lines.length - (max - 1)} more`];
}
