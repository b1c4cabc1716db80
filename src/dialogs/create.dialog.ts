/**
 * Create with confirmation, first half: show the plan. The plan is stored as a one-time confirmation bound
 * to the person and the conversation that asked; it expires, and it is checked again when pressed.
 */
import { describeWhen } from "../core/durations.js";
import { CONSISTENCY_MODES, type ConsistencyMode } from "../core/facts.js";
import { findOwnCollectionInRegion } from "../core/history.js";
import { planRestorePoint, type RestorePointPlan } from "../core/plan.js";
import type { VmRef } from "../core/vm-ref.js";
import { checkResolvedVm } from "../operations/check-vm.js";
import { PLAN_SCHEMA_VERSION } from "../store/store.port.js";
import type { ActionReply } from "./chat-context.js";
import { jobInProgress } from "./check.dialog.js";
import type { CommandOf } from "./command.js";
import type { BotMessage } from "./message.js";
import { renderPlan } from "./plan.message.js";
import type { DialogRequest } from "./request.js";
import { MODE_TITLE } from "./wording.js";

type PlanRequest = DialogRequest<CommandOf<"plan">>;

export async function runPlan(request: PlanRequest, vm: VmRef): Promise<ActionReply> {
  const planned = await planModes(request, vm, request.command.mode);
  if (!planned.ok) return { kind: "reply", message: planned.message };
  return { kind: "reply", message: await offerPlans(request, vm, planned.plans) };
}

type Planned = { ok: true; plans: RestorePointPlan[] } | { ok: false; message: BotMessage };

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
  const plans = wanted.flatMap((each) => {
    const plan = planRestorePoint(outcome.facts, outcome.verdict, each, now, existing);
    return plan.ok ? [plan] : [];
  });
  if (plans.length > 0) return { ok: true, plans };
  const lines = (mode ? [mode] : CONSISTENCY_MODES).flatMap((each) => {
    const verdict = outcome.verdict.modes[each];
    const next = verdict.nextAllowedAt
      ? [`Next allowed ${describeWhen(new Date(verdict.nextAllowedAt), now)}.`]
      : [];
    return [`${MODE_TITLE[each]}: ${verdict.blockers.map((blocker) => blocker.message).join(" ")}`, ...next];
  });
  return {
    ok: false,
    message: {
      title: `No restore point of ${vm.name} can be created now`,
      tone: "danger",
      sections: [{ lines }],
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
