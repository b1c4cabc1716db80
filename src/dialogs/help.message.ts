/** What the bot understands, and what to do with anything else. */
import type { BotMessage } from "./message.js";

export function renderHelp(): BotMessage {
  return {
    title: "Azure VM restore points",
    tone: "info",
    text: 'Ask in plain words ("can I snapshot vm-web-01?") or use a command:',
    sections: [
      {
        lines: [
          "check <vm>: can it take a restore point now, per consistency mode, and why",
          "create <vm> [app|crash]: show exactly what would be created, then confirm with a button",
          "cancel: drop the plan you were shown here (or press its Cancel button)",
          "status [<vm>]: restore points being created",
          "list [<vm>]: your recent requests, or a VM's restore points",
          "report <resource group|subscription>: how many VMs can take each mode, and what blocks the others",
          "help: this message",
        ],
      },
    ],
    context: ["<vm> is a name, resourceGroup/name or a resource id."],
  };
}

export function renderNotUnderstood(text: string): BotMessage {
  const quoted = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return {
    title: "I did not understand that",
    tone: "warning",
    text: `"${quoted}" is not something I can do. Try "check vm-web-01", "create vm-web-01" or "help".`,
  };
}

export function renderSmallTalk(said: "greeting" | "thanks"): BotMessage {
  return said === "thanks"
    ? { title: "You're welcome", tone: "info", text: 'Ask again any time, e.g. "check vm-web-01".' }
    : {
        title: "Hello",
        tone: "info",
        text: 'I can tell whether a VM can take a restore point now and create one: try "check vm-web-01" or "help".',
      };
}

export function renderNeedVm(wanted: "check" | "create"): BotMessage {
  return {
    title: "Which VM?",
    tone: "warning",
    text: `Name the VM, e.g. "${wanted} vm-web-01" (a name, resourceGroup/name or a resource id).`,
  };
}
