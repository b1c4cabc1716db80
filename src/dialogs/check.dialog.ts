/** "Can I snapshot X?": check the VM, answer per mode, offer the allowed modes as buttons. */
import type { VmHistory } from "../core/facts.js";
import { suggestedPrune } from "../core/prune-advice.js";
import type { VmRef } from "../core/vm-ref.js";
import { checkResolvedVm } from "../operations/check-vm.js";
import type { BotDependencies } from "./bot-dependencies.js";
import type { ActionReply } from "./chat-context.js";
import { checkResultOf } from "./check-results.js";
import type { CommandOf } from "./command.js";
import type { Gate } from "./gate.js";
import { type MessagePerson, pressButton } from "./message.js";
import { naming, requesterOf } from "./people.js";
import { renderNotFound } from "./problem.message.js";
import type { DialogRequest } from "./request.js";
import { renderVerdict, renderVerdictDetails } from "./verdict.message.js";

export async function runCheck(
  request: DialogRequest<CommandOf<"check">>,
  vm: VmRef,
  gate: Gate,
): Promise<ActionReply> {
  const { deps } = request;
  const outcome = await checkResolvedVm(deps, vm, { jobInProgress: await jobInProgress(deps, vm.id) });
  deps.checks?.checkAnswered(outcome.ok ? checkResultOf(outcome.verdict) : "not-found");
  if (!outcome.ok) return { kind: "reply", message: renderNotFound(outcome.message, []) };
  // A Details press: what the answer left out, as a message of its own.
  if (request.command.details) return { kind: "reply", message: renderVerdictDetails(outcome.verdict) };
  const offerCreate = gate.may("create", vm.id);
  const verdict = renderVerdict(outcome.verdict, deps.now(), {
    offerCreate,
    portalUrl: deps.portalUrl,
    timeZone: request.ctx.timeZone,
  });
  // At or near the per-VM limit: the suggested prune, as a plan to confirm (delete.dialog.ts).
  const prune =
    gate.may("delete", vm.id) && suggestedPrune(outcome.facts, outcome.history, deps.limits, deps.now());
  if (prune)
    verdict.buttons = [
      ...(verdict.buttons ?? []),
      pressButton({ kind: "prune", vmId: vm.id }, "Plan a prune"),
    ];
  return { kind: "reply", message: naming(verdict, requesterInProgress(outcome.history)) };
}

/** A creation the bot itself has under way for this VM (ARM may not show it yet). */
export async function jobInProgress(
  deps: Pick<BotDependencies, "store">,
  vmId: string,
): Promise<VmHistory["jobInProgress"]> {
  const active = await deps.store.jobs.findActiveForVm(vmId);
  if (!active) return undefined;
  const { mode, requestedBy, requestedByName } = active;
  const startedAt = active.createdAt.toISOString();
  return requestedByName
    ? { mode, startedAt, requestedBy, requestedByName }
    : { mode, startedAt, requestedBy };
}

/** Who the creation under way is for: its reason names them by id (see jobInProgress). */
export function requesterInProgress(history: VmHistory): MessagePerson[] {
  const requestedBy = history.jobInProgress?.requestedBy;
  if (!requestedBy) return [];
  return [requesterOf({ requestedBy, requestedByName: history.jobInProgress?.requestedByName })];
}
