/** Answers for questions the bot cannot answer as asked: unknown or ambiguous VMs, refusals, ARM trouble. */
import type { VmRef } from "../core/vm-ref.js";
import type { Press } from "./command.js";
import { type BotMessage, type MessageButton, pressButton } from "./message.js";
import { describeWait } from "./wait-wording.js";

/** A VM the person may have meant, and the press that asks again about it (none: they may not do that). */
export interface VmChoice {
  vm: VmRef;
  press?: Press;
}

/**
 * "Did you mean rg-data/vm-sql-01?": the suggestions as a sentence (Slack's notification text is the title
 * and the text) and as buttons that ask the same question about each VM.
 */
export function renderNotFound(message: string, suggestions: VmChoice[] = []): BotMessage {
  const names = suggestions.map(({ vm }) => `${vm.resourceGroup}/${vm.name}`);
  return {
    title: "VM not found",
    tone: "warning",
    text: names.length > 0 ? `${message} Did you mean ${joinList(names, "or")}?` : message,
    ...withButtons(suggestions),
  };
}

/**
 * "Which one?": every candidate in the sentence, where it lives, and a button for each. A subscription is
 * named by its display name (`subscriptionNames`, by lower-case id) when it has one, else by its id.
 */
export function renderAmbiguous(
  message: string,
  candidates: VmChoice[],
  subscriptionNames: Record<string, string> = {},
): BotMessage {
  const subscriptionOf = (id: string) => subscriptionNames[id.toLowerCase()] ?? `subscription ${id}`;
  const described = candidates.map(
    ({ vm }) => `${vm.resourceGroup}/${vm.name} (${subscriptionOf(vm.subscriptionId)}, ${vm.location})`,
  );
  return {
    title: "Which one?",
    tone: "warning",
    text: `${message} They are ${joinList(described, "and")}.`,
    ...withButtons(candidates),
  };
}

function withButtons(choices: VmChoice[]): Pick<BotMessage, "buttons"> {
  const labels = distinctLabels(choices.map((choice) => choice.vm));
  const buttons = choices.flatMap((choice, index): MessageButton[] =>
    choice.press ? [pressButton(choice.press, labels[index] ?? choice.vm.name)] : [],
  );
  return buttons.length > 0 ? { buttons } : {};
}

/**
 * The shortest labels that tell the VMs apart: the name, else resourceGroup/name, else that and the start of
 * the subscription id (the same group and name in two subscriptions).
 */
export function distinctLabels(vms: readonly VmRef[]): string[] {
  const ways = [
    (vm: VmRef) => vm.name,
    (vm: VmRef) => `${vm.resourceGroup}/${vm.name}`,
    (vm: VmRef) => `${vm.resourceGroup}/${vm.name} in ${vm.subscriptionId.slice(0, 8)}…`,
  ];
  const distinct = (labels: string[]) =>
    new Set(labels.map((label) => label.toLowerCase())).size === labels.length;
  for (const way of ways) {
    const labels = vms.map(way);
    if (distinct(labels)) return labels;
  }
  return vms.map((vm) => `${vm.resourceGroup}/${vm.name} in ${vm.subscriptionId}`);
}

/** "a", "a or b", "a, b or c". */
function joinList(items: readonly string[], conjunction: "or" | "and"): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${conjunction} ${items.at(-1)}`;
}

export function renderBadInput(message: string): BotMessage {
  return { title: "That is not a VM name", tone: "warning", text: message };
}

export function renderDenied(reason: string, howToGrant: string): BotMessage {
  return {
    title: "Not allowed",
    tone: "danger",
    text: reason,
    sections: [{ heading: "How to grant it", lines: [howToGrant] }],
  };
}

/**
 * ARM's failure as its message says it. When ARM throttled and said how long to wait (Retry-After), the wait
 * follows it: "try again in about 20 minutes" instead of the message's generic minute.
 */
export function renderArmTrouble(message: string, retryAfterSeconds?: number): BotMessage {
  return {
    title: "Azure did not answer as expected",
    tone: "danger",
    text: withWait(message, retryAfterSeconds),
  };
}

const GENERIC_WAIT = /try again in a minute/;

/** Azure's message with the wait it asked for, when it said (the message alone says "in a minute"). */
export function withWait(message: string, retryAfterSeconds: number | undefined): string {
  if (retryAfterSeconds === undefined || !(retryAfterSeconds > 0)) return message;
  const wait = describeWait(retryAfterSeconds);
  if (GENERIC_WAIT.test(message)) return message.replace(GENERIC_WAIT, `try again in ${wait}`);
  return `${message} Azure asks to wait ${wait}.`;
}

export function renderSimple(title: string, text: string, tone: BotMessage["tone"] = "info"): BotMessage {
  return { title, tone, text };
}
