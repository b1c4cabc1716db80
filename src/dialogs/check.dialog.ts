/** "Can I snapshot X?": resolve, check, answer per mode, offer the allowed modes as buttons. */
import type { VmRef } from "../azure/index.js";
import { authorise } from "../core/policy.js";
import { checkResolvedVm } from "../operations/check-vm.js";
import type { BotDependencies } from "./bot-dependencies.js";
import type { ChatContext } from "./chat-context.js";
import type { BotMessage } from "./message.js";
import { renderAmbiguous, renderBadInput, renderDenied, renderNotFound } from "./problem.message.js";
import { renderVerdict } from "./verdict.message.js";

export type Resolved = { ok: true; vm: VmRef } | { ok: false; message: BotMessage };

/** Tries the most VM-like word first, then the others, so "can I snapshot database01 now" still works. */
export async function resolveVm(deps: BotDependencies, candidates: string[]): Promise<Resolved> {
  let first: Resolved | undefined;
  for (const candidate of candidates.slice(0, 3)) {
    const result = await deps.arm.resolve(candidate);
    if (result.ok) return { ok: true, vm: result.vm };
    const message =
      result.code === "vm-ambiguous"
        ? renderAmbiguous(result.message, result.candidates)
        : result.code === "vm-not-found"
          ? renderNotFound(result.message, result.suggestions)
          : renderBadInput(result.message);
    if (result.code === "vm-ambiguous") return { ok: false, message };
    first ??= { ok: false, message };
  }
  return first ?? { ok: false, message: renderBadInput("No VM name was given.") };
}

export async function checkDialog(
  deps: BotDependencies,
  ctx: ChatContext,
  candidates: string[],
): Promise<BotMessage> {
  const resolved = await resolveVm(deps, candidates);
  if (!resolved.ok) return resolved.message;
  const { vm } = resolved;
  const request = { userId: ctx.userId, platform: ctx.platform, channelId: ctx.channelId, targetId: vm.id };
  const mayCheck = authorise({ ...request, action: "check" }, deps.policy);
  if (!mayCheck.allowed) {
    await audit(deps, ctx, vm.id, "denied");
    return renderDenied(mayCheck.reason, mayCheck.howToGrant);
  }
  const active = await deps.store.jobs.findActiveForVm(vm.id);
  const outcome = await checkResolvedVm(deps, vm, {
    jobInProgress: active
      ? { mode: active.mode, startedAt: active.createdAt.toISOString(), requestedBy: active.requestedBy }
      : undefined,
  });
  if (!outcome.ok) return renderNotFound(outcome.message, []);
  const mayCreate = authorise({ ...request, action: "create" }, deps.policy).allowed;
  await audit(deps, ctx, vm.id, summarize(outcome.verdict.modes));
  return renderVerdict(outcome.verdict, deps.now(), { offerCreate: mayCreate });
}

function summarize(modes: Record<string, { allowed: boolean }>): string {
  return Object.entries(modes)
    .map(([mode, verdict]) => `${mode}:${verdict.allowed ? "allowed" : "blocked"}`)
    .join(" ");
}

async function audit(
  deps: BotDependencies,
  ctx: ChatContext,
  target: string,
  outcome: string,
): Promise<void> {
  await deps.store.audit.append({
    at: deps.now(),
    actor: ctx.userId,
    action: outcome === "denied" ? "deny" : "check",
    target,
    outcome,
  });
}
