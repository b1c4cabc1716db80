/**
 * Create with confirmation: show the plan first; a confirmation is one-time, bound to the person and the
 * conversation that asked, expires, re-checks eligibility when pressed and is idempotent.
 */
import type { VmRef } from "../azure/index.js";
import { describeWhen } from "../core/durations.js";
import { CONSISTENCY_MODES, type ConsistencyMode } from "../core/facts.js";
import { findOwnCollectionInRegion } from "../core/history.js";
import { planRestorePoint, type RestorePointPlan } from "../core/plan.js";
import { authorise } from "../core/policy.js";
import { checkResolvedVm } from "../operations/check-vm.js";
import type { BotDependencies } from "./bot-dependencies.js";
import type { ChatContext } from "./chat-context.js";
import { resolveVm } from "./check.dialog.js";
import type { BotMessage } from "./message.js";
import { renderPlan } from "./plan.message.js";
import { renderDenied } from "./problem.message.js";
import { MODE_TITLE } from "./wording.js";

export async function createDialog(
  deps: BotDependencies,
  ctx: ChatContext,
  target: string[] | VmRef,
  mode?: ConsistencyMode,
): Promise<BotMessage> {
  const resolved = Array.isArray(target) ? await resolveVm(deps, target) : { ok: true as const, vm: target };
  if (!resolved.ok) return resolved.message;
  const { vm } = resolved;
  const decision = authorise(
    {
      userId: ctx.userId,
      platform: ctx.platform,
      channelId: ctx.channelId,
      action: "create",
      targetId: vm.id,
    },
    deps.policy,
  );
  if (!decision.allowed) {
    await deps.store.audit.append({
      at: deps.now(),
      actor: ctx.userId,
      action: "deny",
      target: vm.id,
      outcome: "create not allowed",
    });
    return renderDenied(decision.reason, decision.howToGrant);
  }
  const planned = await planModes(deps, vm, mode);
  if (!planned.ok) return planned.message;
  return offerPlans(deps, ctx, vm, planned.plans);
}

type Planned = { ok: true; plans: RestorePointPlan[] } | { ok: false; message: BotMessage };

async function planModes(
  deps: BotDependencies,
  vm: VmRef,
  mode: ConsistencyMode | undefined,
): Promise<Planned> {
  const active = await deps.store.jobs.findActiveForVm(vm.id);
  const jobInProgress = active
    ? { mode: active.mode, startedAt: active.createdAt.toISOString(), requestedBy: active.requestedBy }
    : undefined;
  const outcome = await checkResolvedVm(deps, vm, { jobInProgress });
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
  const modes = mode ? [mode] : CONSISTENCY_MODES;
  const lines = modes.flatMap((each) => {
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

async function offerPlans(
  deps: BotDependencies,
  ctx: ChatContext,
  vm: VmRef,
  plans: RestorePointPlan[],
): Promise<BotMessage> {
  const now = deps.now();
  const id = deps.newId();
  await deps.store.confirmations.create({
    id,
    platform: ctx.platform,
    requestedBy: ctx.userId,
    conversationKey: ctx.conversationKey,
    vmId: vm.id,
    vmName: vm.name,
    modes: plans.map((plan) => plan.mode),
    plan: { vm, plans },
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
    details: { confirmationId: id, modes: plans.map((plan) => plan.mode) },
  });
  return renderPlan(plans, id, deps.confirmationTtlMs);
}
