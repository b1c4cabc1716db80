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
          "protect <availability set|scale set|resource group|tag key=value> [app|crash]: one plan for every VM of the set",
          "delete <restore point> of <vm>: show the restore point, then delete it after you confirm",
          "prune <vm> keep <N> | older than <30d>: show which restore points go, then delete them after you confirm",
          "clean up <resource group>: delete the empty restore point collections left there",
          "cancel: drop the plan you were shown here, or stop a set that is being protected",
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

export function renderNotUnderstood(text: string, hint?: string): BotMessage {
  const quoted = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  if (hint) return { title: "I did not understand that", tone: "warning", text: `"${quoted}": ${hint}` };
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

const NEED_VM_EXAMPLE: Record<"check" | "create" | "delete" | "prune", string> = {
  check: "check vm-web-01",
  create: "create vm-web-01",
  delete: "delete rp-20261201 of vm-web-01",
  prune: "prune vm-web-01 keep 10",
};

export function renderNeedVm(wanted: "check" | "create" | "delete" | "prune"): BotMessage {
  return {
    title: "Which VM?",
    tone: "warning",
    text: `Name the VM, e.g. "${NEED_VM_EXAMPLE[wanted]}" (a name, resourceGroup/name or a resource id).`,
  };
}
