/** "Here is exactly what I will create": the plan per mode, with create and cancel buttons. */
import { describeDuration } from "../core/durations.js";
import type { RestorePointPlan } from "../core/plan.js";
import { type BotMessage, type MessageButton, type MessageSection, pressButton } from "./message.js";
import { cutList, exclusionReason, MODE_TITLE, plural, shortenNames } from "./wording.js";

export function renderPlan(
  plans: RestorePointPlan[],
  confirmationId: string,
  expiresInMs: number,
): BotMessage {
  const first = plans[0];
  const vmName = first?.vm.name ?? "the VM";
  return {
    title: `Create a restore point of ${vmName}?`,
    tone: "info",
    text: plans.length > 1 ? "Choose the consistency mode." : undefined,
    facts: first ? collectionFacts(first) : [],
    sections: plans.map(planSection),
    buttons: [
      ...plans.map((plan) => createButton(plan, confirmationId)),
      // Unstyled: cancelling destroys nothing, and Slack and Teams keep red for what does.
      pressButton({ kind: "cancel", confirmationId }, "Cancel"),
    ],
    context: [
      `Only you can confirm. The buttons expire in ${describeDuration(expiresInMs)}; the VM is checked again when you press.`,
    ],
  };
}

function collectionFacts(plan: RestorePointPlan) {
  const collection = plan.collection.create
    ? `${plan.collection.name} (new, in ${plan.collection.location})`
    : `${plan.collection.name} (existing)`;
  return [
    { label: "VM", value: `${plan.vm.name} (${plan.vm.location})` },
    { label: "Collection", value: collection },
  ];
}

function planSection(plan: RestorePointPlan): MessageSection {
  const lines = [
    `Restore point: ${plan.restorePointName}`,
    `Captures: ${cutList(
      plan.captureDisks.map((disk) => shortenNames(disk.name)),
      8,
    )}`,
  ];
  for (const disk of plan.excludeDisks)
    lines.push(`Leaves out ${shortenNames(disk.name)}: ${exclusionReason(disk.rule)}.`);
  return { heading: MODE_TITLE[plan.mode], lines };
}

function createButton(plan: RestorePointPlan, confirmationId: string): MessageButton {
  const mode = MODE_TITLE[plan.mode].toLowerCase();
  return pressButton({ kind: "confirm", confirmationId, mode: plan.mode }, `Create ${mode}`, {
    style: "primary",
    confirm: {
      title: "Create restore point?",
      text: `Create ${mode} restore point ${plan.restorePointName} of ${plan.vm.name}, capturing ${plural(plan.captureDisks.length, "disk")}?`,
      confirm: "Create",
      deny: "Not now",
    },
  });
}
