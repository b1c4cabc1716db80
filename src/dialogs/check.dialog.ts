/** "Can I snapshot X?": check the VM, answer per mode, offer the allowed modes as buttons. */
import type { VmHistory } from "../core/facts.js";
import type { VmRef } from "../core/vm-ref.js";
import { checkResolvedVm } from "../operations/check-vm.js";
import type { BotDependencies } from "./bot-dependencies.js";
import type { ActionReply } from "./chat-context.js";
import type { CommandOf } from "./command.js";
import type { Gate } from "./gate.js";
import { renderNotFound } from "./problem.message.js";
import type { DialogRequest } from "./request.js";
import { renderVerdict } from "./verdict.message.js";

export async function runCheck(
  request: DialogRequest<CommandOf<"check">>,
  vm: VmRef,
  gate: Gate,
): Promise<ActionReply> {
  const { deps } = request;
  const outcome = await checkResolvedVm(deps, vm, { jobInProgress: await jobInProgress(deps, vm.id) });
  if (!outcome.ok) return { kind: "reply", message: renderNotFound(outcome.message, []) };
  const offerCreate = gate.may("create", vm.id);
  return { kind: "reply", message: renderVerdict(outcome.verdict, deps.now(), { offerCreate }) };
}

/** A creation the bot itself has under way for this VM (ARM may not show it yet). */
export async function jobInProgress(
  deps: Pick<BotDependencies, "store">,
  vmId: string,
): Promise<VmHistory["jobInProgress"]> {
  const active = await deps.store.jobs.findActiveForVm(vmId);
  return active
    ? { mode: active.mode, startedAt: active.createdAt.toISOString(), requestedBy: active.requestedBy }
    : undefined;
}
