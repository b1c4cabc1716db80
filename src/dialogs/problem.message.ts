/** Answers for questions the bot cannot answer as asked: unknown or ambiguous VMs, refusals, ARM trouble. */
import type { VmRef } from "../core/vm-ref.js";
import type { BotMessage } from "./message.js";
import { describeWait } from "./wait-wording.js";

export function renderNotFound(message: string, suggestions: VmRef[]): BotMessage {
  return {
    title: "VM not found",
    tone: "warning",
    text: message,
    sections:
      suggestions.length > 0
        ? [{ heading: "Did you mean", lines: suggestions.map((vm) => `${vm.resourceGroup}/${vm.name}`) }]
        : undefined,
  };
}

export function renderAmbiguous(message: string, candidates: VmRef[]): BotMessage {
  return {
    title: "Which one?",
    tone: "warning",
    text: message,
    sections: [
      {
        lines: candidates.map(
          (vm) => `${vm.resourceGroup}/${vm.name} (subscription ${vm.subscriptionId}, ${vm.location})`,
        ),
      },
    ],
  };
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
