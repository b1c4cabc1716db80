/**
 * Finding what a command is about, before the gate decides: a VM by what the person typed (or a button's
 * id), a plan by its confirmation. Candidates and suggestions are limited to the VMs the person may see,
 * so a name that exists only where they have no access reads like any other refusal.
 */
import type { PolicyAction } from "../core/policy.js";
import type { VmRef } from "../core/vm-ref.js";
import type { ActionReply } from "./chat-context.js";
import type { Command, Press, VmQuery } from "./command.js";
import type { Gate, Target } from "./gate.js";
import type { BotMessage } from "./message.js";
import { renderAmbiguous, renderBadInput, renderNotFound, type VmChoice } from "./problem.message.js";
import type { DialogRequest } from "./request.js";

/**
 * `action`: what the gate decides when the kind's own action depends on what was found (a run's press: create
 * for a protect run, delete for a delete run).
 */
export type Located<T> =
  | { ok: true; target: T; about: Target; action?: PolicyAction }
  | { ok: false; reply: ActionReply };

/**
 * Tries the most VM-like word first, then the others, so "can I snapshot database01 now" still works. Of the
 * words that name no VM, the first with suggestions answers: "the sql box" suggests vm-sql-01 for "sql",
 * whatever "box" found.
 */
export async function locateVm(
  request: DialogRequest,
  query: VmQuery,
  gate: Gate,
  refuse: (asked: string) => Promise<ActionReply>,
): Promise<Located<VmRef>> {
  const words = query.by === "id" ? [query.id] : query.words;
  const choose = (vms: VmRef[]) => choicesFor(request.command, vms, gate);
  let first: BotMessage | undefined;
  let suggested: BotMessage | undefined;
  for (const word of words.slice(0, 3)) {
    const result = await request.deps.arm.resolve(word);
    if (result.ok) return found(result.vm, word);
    if (result.code === "vm-ambiguous") {
      const visible = result.candidates.filter((vm) => gate.mayCheck(vm.id));
      const [only] = visible;
      if (only && visible.length === 1) return found(only, word);
      if (!only) return { ok: false, reply: await refuse(word) };
      return answer(renderAmbiguous(result.message, choose(visible), result.subscriptionNames));
    }
    const suggestions =
      result.code === "vm-not-found" ? result.suggestions.filter((vm) => gate.mayCheck(vm.id)) : [];
    if (suggestions.length > 0) suggested ??= renderNotFound(result.message, choose(suggestions));
    first ??=
      result.code === "vm-not-found" ? renderNotFound(result.message) : renderBadInput(result.message);
  }
  return answer(suggested ?? first ?? renderBadInput("No VM name was given."));
}

/**
 * Each VM with the press that asks again what the person asked (a check stays a check, a create keeps its
 * mode), by resource id; only where the policy would allow it, as with every button a message offers.
 */
function choicesFor(command: Command, vms: VmRef[], gate: Gate): VmChoice[] {
  return vms.map((vm) => {
    const press = askAgainPress(command, vm.id);
    const allowed = press && gate.may(press.kind === "plan" ? "create" : "check", vm.id);
    return allowed ? { vm, press } : { vm };
  });
}

function askAgainPress(command: Command, vmId: string): Press | undefined {
  switch (command.kind) {
    case "plan":
      return command.mode ? { kind: "plan", vmId, mode: command.mode } : { kind: "plan", vmId };
    case "check":
    case "status":
    case "list":
      return { kind: command.kind, vmId };
    default:
      return undefined;
  }
}

function found(vm: VmRef, word: string): Located<VmRef> {
  return { ok: true, target: vm, about: { kind: "vm", id: vm.id, label: labelOf(vm, word) } };
}

/** What the person typed, or the VM's name for a button (whose "word" is a resource id). */
function labelOf(vm: VmRef, word: string): string {
  return word.startsWith("/") ? vm.name : word;
}

export function answer(message: BotMessage): { ok: false; reply: ActionReply } {
  return { ok: false, reply: { kind: "reply", message } };
}
