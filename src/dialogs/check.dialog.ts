/** "Can I snapshot X?": check the VM, answer per mode, offer the allowed modes as buttons. */
import type { VmHistory } from "../core/facts.js";
import { suggestedPrune } from "../core/prune-advice.js";
import type { Verdict } from "../core/verdict.js";
import type { VmRef } from "../core/vm-ref.js";
import { checkResolvedVm } from "../operations/check-vm.js";
import type { BotDependencies } from "./bot-dependencies.js";
import type { ActionReply } from "./chat-context.js";
import { checkResultOf } from "./check-results.js";
import type { CommandOf } from "./command.js";
import type { Gate } from "./gate.js";
import { type MessageButton, type MessagePerson, pressButton } from "./message.js";
import { naming, requesterOf } from "./people.js";
import { renderNotFound } from "./problem.message.js";
import type { DialogRequest } from "./request.js";
import { renderVerdict, renderVerdictDetails } from "./verdict.message.js";
import { plural } from "./wording.js";

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
  const cleanUp = await cleanUpOffer(request, outcome.verdict, vm, gate);
  if (cleanUp) verdict.buttons = [...(verdict.buttons ?? []), cleanUp];
  return { kind: "reply", message: naming(verdict, requesterInProgress(outcome.history)) };
}

/**
 * Near (or at) the 10,000 collections of the VM's subscription and region: empty collections count as much as
 * full ones, so the offer is a clean-up of the group there with the most collections that the person may clean
 * up (clean-up.dialog.ts). Azure not answering the listing costs the offer, never the check.
 */
async function cleanUpOffer(
  request: DialogRequest,
  verdict: Verdict,
  vm: VmRef,
  gate: Gate,
): Promise<MessageButton | undefined> {
  const nearLimit =
    verdict.advisories.some((finding) => finding.rule === "collection-limit-near") ||
    Object.values(verdict.modes).some((mode) =>
      mode.blockers.some((finding) => finding.rule === "collection-limit"),
    );
  if (!nearLimit) return undefined;
  const groups = await request.deps.collections
    .groupsInRegion(vm.subscriptionId, vm.location)
    .catch((error: unknown) => {
      request.log.warn(
        { err: error instanceof Error ? error.message : String(error) },
        "no clean-up offered",
      );
      return [];
    });
  const scopeOf = (group: string) => `/subscriptions/${vm.subscriptionId}/resourceGroups/${group}`;
  const group = groups.find((each) => gate.may("delete", scopeOf(each.resourceGroup)));
  if (!group) return undefined;
  const label = `Clean up ${group.resourceGroup} (${plural(group.collections, "collection")})`;
  return pressButton({ kind: "clean-up", scopeId: scopeOf(group.resourceGroup) }, label);
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
