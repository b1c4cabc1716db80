/**
 * Create with confirmation, first half: show the plan. The plan is stored as a one-time confirmation bound
 * to the person and the conversation that asked; it expires, and it is checked again when pressed.
 */
import { CONSISTENCY_MODES, type ConsistencyMode } from "../core/facts.js";
import { findOwnCollectionInRegion } from "../core/history.js";
import { planRestorePoint, type RestorePointPlan } from "../core/plan.js";
import type { VmRef } from "../core/vm-ref.js";
import { checkResolvedVm } from "../operations/check-vm.js";
import { PLAN_SCHEMA_VERSION } from "../store/store.port.js";
import { blockerLine, nextAllowedLine } from "./blocker-line.js";
import type { ActionReply } from "./chat-context.js";
import { jobInProgress, requesterInProgress } from "./check.dialog.js";
import type { CommandOf } from "./command.js";
import type { BotMessage } from "./message.js";
import { renderPlan } from "./plan.message.js";
import type { DialogRequest } from "./request.js";
import { sharedBlockers } from "./verdict.message.js";
import { MODE_TITLE } from "./wording.js";

type PlanRequest = DialogRequest<CommandOf<"plan">>;

export async function runPlan(request: PlanRequest, vm: VmRef): Promise<ActionReply> {
  const planned = await planModes(request, vm, request.command.mode);
  if (!planned.ok) return { kind: "reply", message: planned.message };
  const message = await offerPlans(request, vm, planned.plans);
  return { kind: "reply", message: planned.instead ? { ...message, text: planned.instead } : message };
}

type Planned =
  /** `instead`: the mode asked for is not possible now, and says why; the plans are of the other mode. */
  { ok: true; plans: RestorePointPlan[]; instead?: string } | { ok: false; message: BotMessage };

async function planModes(
  request: PlanRequest,
  vm: VmRef,
  mode: ConsistencyMode | undefined,
): Promise<Planned> {
  const { deps } = request;
  const outcome = await checkResolvedVm(deps, vm, { jobInProgress: await jobInProgress(deps, vm.id) });
  if (!outcome.ok)
    return { ok: false, message: { title: "VM not found", tone: "warning", text: outcome.message } };
  const now = deps.now();
  const wanted = mode ? [mode] : CONSISTENCY_MODES.filter((each) => outcome.verdict.modes[each].allowed);
  const existing = findOwnCollectionInRegion(outcome.facts, outcome.history);
  const planFor = (modes: readonly ConsistencyMode[]) =>
    modes.flatMap((each) => {
      const plan = planRestorePoint(outcome.facts, outcome.verdict, each, now, existing);
      return plan.ok ? [plan] : [];
    });
  const plans = planFor(wanted);
  if (plans.length > 0) return { ok: true, plans };
  const asked = mode ? [mode] : CONSISTENCY_MODES;
  // A reason both modes share (a creation in progress, a stopped VM) is said once.
  const shared = asked.length > 1 ? sharedBlockers(outcome.verdict) : [];
  const why = (each: ConsistencyMode) => {
    const verdict = outcome.verdict.modes[each];
    const zone = request.ctx.timeZone;
    const next = nextAllowedLine(verdict, zone, now);
    const reasons = verdict.blockers
      .filter(
        (blocker) => !shared.includes(blocker) && !shared.some((one) => one.message === blocker.message),
      )
      .map((blocker) => blockerLine(blocker, verdict, zone, now));
    return [...reasons, ...(next ? [next] : [])].join(" ");
  };
  // "create vm-web-01 app" when only crash-consistent is possible now: offer that, and say when app will be.
  const others = mode ? planFor(CONSISTENCY_MODES.filter((each) => each !== mode)) : [];
  const [other] = others;
  if (mode && other) {
    const article = other.mode === "ApplicationConsistent" ? "An" : "A";
    const instead = `${MODE_TITLE[mode]} is not possible now: ${why(mode)} ${article} ${MODE_TITLE[other.mode].toLowerCase()} one is.`;
    return { ok: true, plans: others, instead };
  }
  const zone = request.ctx.timeZone;
  const lines = [
    ...shared.map((blocker) => blockerLine(blocker, { nextAllowedAt: null }, zone, now)),
    ...asked.flatMap((each) => {
      const own = why(each);
      return own ? [`${MODE_TITLE[each]}: ${own}`] : [];
    }),
  ];
  return {
    ok: false,
    message: {
      title: `No restore point of ${vm.name} can be created now`,
      tone: "danger",
      sections: [{ lines }],
      people: requesterInProgress(outcome.history),
    },
  };
}

async function offerPlans(request: PlanRequest, vm: VmRef, plans: RestorePointPlan[]): Promise<BotMessage> {
  const { deps, ctx } = request;
  const now = deps.now();
  const id = deps.newId();
  const modes = plans.map((plan) => plan.mode);
  await deps.store.confirmations.create({
    id,
    platform: ctx.platform,
    requestedBy: ctx.userId,
    requestedByName: ctx.userName,
    conversationKey: ctx.conversationKey,
    vmId: vm.id,
    vmName: vm.name,
    modes,
    plan: { schemaVersion: PLAN_SCHEMA_VERSION, vm, plans },
    createdAt: now,
    expiresAt: new Date(now.getTime() + deps.confirmationTtlMs),
    state: "pending",
  });
  await deps.store.audit.append({
    at: now,
    actor: ctx.userId,
    action: "create",
    target: vm.id,
    outcome: "awaiting confirmation",
    details: { confirmationId: id, modes },
  });
  request.log.info({ confirmationId: id, modes }, "plan offered");
  return renderPlan(plans, id, deps.confirmationTtlMs);
}
