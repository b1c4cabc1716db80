/** A press on a plan's buttons: create (once, by the requester, before expiry) or cancel. */
import type { VmRef } from "../azure/index.js";
import { CONSISTENCY_MODES, type ConsistencyMode } from "../core/facts.js";
import { findOwnCollectionInRegion } from "../core/history.js";
import { planRestorePoint } from "../core/plan.js";
import { checkResolvedVm } from "../operations/check-vm.js";
import type { Confirmation } from "../store/store.port.js";
import type { BotDependencies } from "./bot-dependencies.js";
import type { ActionReply, ChatContext } from "./chat-context.js";
import { adviceFor } from "./failure-advice.js";
import { renderJobStarted } from "./job.message.js";
import { renderSimple } from "./problem.message.js";

export async function confirmDialog(
  deps: BotDependencies,
  ctx: ChatContext,
  value: string,
  messageRef?: string,
): Promise<ActionReply> {
  const [confirmationId = "", rawMode = ""] = value.split("|");
  const mode = CONSISTENCY_MODES.find((each) => each === rawMode);
  if (!mode) return stale();
  const claimed = await claim(deps, ctx, confirmationId, { state: "confirmed", mode });
  if (!claimed.ok) return claimed.reply;
  return startJob(deps, ctx, claimed.confirmation, mode, messageRef);
}

export async function cancelDialog(
  deps: BotDependencies,
  ctx: ChatContext,
  confirmationId: string,
): Promise<ActionReply> {
  const claimed = await claim(deps, ctx, confirmationId, { state: "cancelled" });
  if (!claimed.ok) return claimed.reply;
  return {
    kind: "update",
    message: renderSimple(
      `Cancelled: no restore point of ${claimed.confirmation.vmName}`,
      "Nothing was created.",
    ),
  };
}

type Claimed = { ok: true; confirmation: Confirmation } | { ok: false; reply: ActionReply };

/**
 * The one path by which a press decides a confirmation: it must exist, be pressed by its requester in its
 * conversation, and still be pending; the store decides atomically, and the decision is audited.
 */
async function claim(
  deps: BotDependencies,
  ctx: ChatContext,
  confirmationId: string,
  decision: { state: "confirmed" | "cancelled"; mode?: ConsistencyMode },
): Promise<Claimed> {
  const confirmation = await deps.store.confirmations.get(confirmationId);
  if (!confirmation) return { ok: false, reply: stale() };
  if (confirmation.requestedBy !== ctx.userId)
    return { ok: false, reply: await notYours(deps, ctx, confirmation) };
  if (confirmation.conversationKey !== ctx.conversationKey) return { ok: false, reply: otherConversation() };
  const decided = await deps.store.confirmations.decide(confirmationId, {
    ...decision,
    by: ctx.userId,
    at: deps.now(),
  });
  if (!decided.decided) {
    return { ok: false, reply: await alreadyDecided(deps, decided.confirmation ?? confirmation) };
  }
  await deps.store.audit.append({
    at: deps.now(),
    actor: ctx.userId,
    action: decision.state === "confirmed" ? "confirm" : "cancel",
    target: confirmation.vmId,
    outcome: decision.mode ?? "cancelled",
  });
  return { ok: true, confirmation };
}

async function startJob(
  deps: BotDependencies,
  ctx: ChatContext,
  confirmation: Confirmation,
  mode: ConsistencyMode,
  messageRef: string | undefined,
): Promise<ActionReply> {
  const vm = (confirmation.plan as { vm: VmRef }).vm;
  const result = await deps.jobs.start({
    vmId: vm.id,
    vmName: vm.name,
    subscriptionId: vm.subscriptionId,
    resourceGroup: vm.resourceGroup,
    requestedBy: ctx.userId,
    platform: ctx.platform,
    conversationKey: confirmation.conversationKey,
    messageRef: messageRef ?? confirmation.messageRef,
    confirmationId: confirmation.id,
    recheck: async () => {
      const outcome = await checkResolvedVm(deps, vm, { fresh: true });
      if (!outcome.ok) return { ok: false, message: outcome.message };
      const existing = findOwnCollectionInRegion(outcome.facts, outcome.history);
      const plan = planRestorePoint(outcome.facts, outcome.verdict, mode, deps.now(), existing);
      return plan.ok ? { ok: true, plan } : { ok: false, message: plan.reason };
    },
  });
  if (result.ok) return { kind: "update", message: renderJobStarted(result.job) };
  const title = `No restore point of ${vm.name} was created`;
  if (result.code === "arm-refused") {
    const retry = result.retryAfterSeconds
      ? ` Azure asks to wait ${Math.ceil(result.retryAfterSeconds / 60)} min.`
      : "";
    const message = renderSimple(title, `${result.message}${retry}`, "danger");
    message.sections = [
      { heading: "What to do", lines: [adviceFor(result.job.errorCode, result.job.errorMessage)] },
    ];
    return { kind: "update", message };
  }
  return { kind: "update", message: renderSimple(title, result.message, "danger") };
}

/** A confirmation is bound to the conversation it was asked in, where its result will be told. */
function otherConversation(): ActionReply {
  return {
    kind: "ephemeral",
    message: renderSimple(
      "This button belongs to another conversation",
      "Confirm it where you asked, or ask again here.",
      "warning",
    ),
  };
}

function stale(): ActionReply {
  return {
    kind: "ephemeral",
    message: renderSimple("This button no longer works", 'Ask again, e.g. "create vm-web-01".', "warning"),
  };
}

async function notYours(
  deps: BotDependencies,
  ctx: ChatContext,
  confirmation: Confirmation,
): Promise<ActionReply> {
  await deps.store.audit.append({
    at: deps.now(),
    actor: ctx.userId,
    action: "deny",
    target: confirmation.vmId,
    outcome: "not the requester",
  });
  return {
    kind: "ephemeral",
    message: renderSimple(
      "Only the person who asked can confirm",
      `${confirmation.requestedBy} asked for this restore point of ${confirmation.vmName}. To create one yourself, ask "create ${confirmation.vmName}".`,
      "warning",
    ),
  };
}

async function alreadyDecided(deps: BotDependencies, confirmation: Confirmation): Promise<ActionReply> {
  if (confirmation.state === "confirmed") {
    return {
      kind: "ephemeral",
      message: renderSimple(
        "Already started",
        `This restore point of ${confirmation.vmName} was already confirmed; you will hear back in this conversation.`,
      ),
    };
  }
  if (confirmation.state === "cancelled") {
    return {
      kind: "ephemeral",
      message: renderSimple(
        "Already cancelled",
        "This request was cancelled; nothing was created.",
        "warning",
      ),
    };
  }
  await deps.store.audit.append({
    at: deps.now(),
    actor: confirmation.requestedBy,
    action: "confirm",
    target: confirmation.vmId,
    outcome: "expired",
  });
  return {
    kind: "update",
    message: renderSimple(
      `Expired: no restore point of ${confirmation.vmName}`,
      `The confirmation expired. Ask again: "create ${confirmation.vmName}".`,
      "warning",
    ),
  };
}
