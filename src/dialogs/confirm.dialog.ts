/** A press on a plan's buttons: create (once, by the requester, before expiry, a mode it offered) or cancel. */
import type { ConsistencyMode } from "../core/facts.js";
import { findOwnCollectionInRegion } from "../core/history.js";
import { planRestorePoint } from "../core/plan.js";
import { checkResolvedVm } from "../operations/check-vm.js";
import type { Confirmation } from "../store/store.port.js";
import type { ActionReply } from "./chat-context.js";
import type { CommandOf } from "./command.js";
import { answerOf, stale } from "./confirm.replies.js";
import { adviceFor } from "./failure-advice.js";
import { renderJobStarted } from "./job.message.js";
import type { Located } from "./locate.js";
import { renderSimple } from "./problem.message.js";
import type { DialogRequest } from "./request.js";
import { MODE_TITLE } from "./wording.js";

/** The plan a press (or a typed "cancel") is about; the gate then decides on its VM. */
export async function locateConfirmation(
  request: DialogRequest<CommandOf<"confirm"> | CommandOf<"cancel">>,
): Promise<Located<Confirmation>> {
  const { deps, ctx, command } = request;
  const confirmation = command.confirmationId
    ? await deps.store.confirmations.get(command.confirmationId)
    : await deps.store.confirmations.findPending(ctx.userId, ctx.conversationKey, deps.now());
  if (confirmation) {
    const about = { kind: "vm" as const, id: confirmation.vmId, label: confirmation.vmName };
    return { ok: true, target: confirmation, about };
  }
  if (command.confirmationId) return { ok: false, reply: stale() };
  const nothing = renderSimple("Nothing to cancel", "You have no plan waiting for confirmation here.");
  return { ok: false, reply: { kind: "reply", message: nothing } };
}

export async function runConfirm(
  request: DialogRequest<CommandOf<"confirm">>,
  confirmation: Confirmation,
): Promise<ActionReply> {
  const { mode } = request.command;
  if (!confirmation.modes.includes(mode)) return notOffered(confirmation, mode);
  const claimed = await claim(request, confirmation, { state: "confirmed", mode });
  if (!claimed.ok) return claimed.reply;
  return startJob(request, confirmation, mode);
}

export async function runCancel(
  request: DialogRequest<CommandOf<"cancel">>,
  confirmation: Confirmation,
): Promise<ActionReply> {
  const claimed = await claim(request, confirmation, { state: "cancelled" });
  if (!claimed.ok) return claimed.reply;
  const message = renderSimple(
    `Cancelled: no restore point of ${confirmation.vmName}`,
    "Nothing was created.",
  );
  // A typed "cancel" answers in the conversation; a press replaces the plan it was pressed on.
  return request.command.confirmationId ? { kind: "update", message } : { kind: "reply", message };
}

type Claimed = { ok: true } | { ok: false; reply: ActionReply };

/**
 * The one path by which a press decides a confirmation: pressed by its requester in its conversation, still
 * pending; the store decides atomically, and the decision is audited.
 */
async function claim(
  request: DialogRequest,
  confirmation: Confirmation,
  decision: { state: "confirmed" | "cancelled"; mode?: ConsistencyMode },
): Promise<Claimed> {
  const { deps, ctx } = request;
  const audit = (action: "confirm" | "cancel" | "deny", outcome: string) =>
    deps.store.audit.append({
      at: deps.now(),
      actor: ctx.userId,
      action,
      target: confirmation.vmId,
      outcome,
    });
  if (confirmation.requestedBy !== ctx.userId) {
    await audit("deny", "not the requester");
    return { ok: false, reply: answerOf.notYours(confirmation) };
  }
  if (confirmation.conversationKey !== ctx.conversationKey)
    return { ok: false, reply: answerOf.otherConversation() };
  const decided = await deps.store.confirmations.decide(confirmation.id, {
    ...decision,
    by: ctx.userId,
    at: deps.now(),
  });
  if (!decided.decided) {
    const current = decided.confirmation ?? confirmation;
    if (current.state === "expired" || current.state === "pending") await audit("confirm", "expired");
    return { ok: false, reply: answerOf.alreadyDecided(current) };
  }
  const action = decision.state === "confirmed" ? "confirm" : "cancel";
  await audit(action, decision.mode ?? "cancelled");
  return { ok: true };
}

async function startJob(
  request: DialogRequest,
  confirmation: Confirmation,
  mode: ConsistencyMode,
): Promise<ActionReply> {
  const { deps, ctx } = request;
  const { vm } = confirmation.plan;
  const result = await deps.jobs.start({
    vm,
    requestedBy: ctx.userId,
    platform: ctx.platform,
    conversationKey: confirmation.conversationKey,
    messageRef: request.messageRef ?? confirmation.messageRef,
    confirmationId: confirmation.id,
    log: request.log,
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
  const message = renderSimple(title, result.message, "danger");
  if (result.code === "arm-refused") {
    const retry = result.retryAfterSeconds
      ? ` Azure asks to wait ${Math.ceil(result.retryAfterSeconds / 60)} min.`
      : "";
    message.text = `${result.message}${retry}`;
    message.sections = [
      { heading: "What to do", lines: [adviceFor(result.job.errorCode, result.job.errorMessage)] },
    ];
  }
  return { kind: "update", message };
}

/** The person confirmed what was shown, nothing else: a mode the plan did not offer is not created. */
function notOffered(confirmation: Confirmation, mode: ConsistencyMode): ActionReply {
  const offered = confirmation.modes.map((each) => MODE_TITLE[each].toLowerCase()).join(" or ");
  return {
    kind: "ephemeral",
    message: renderSimple(
      "That mode was not in the plan",
      `This plan of ${confirmation.vmName} offered ${offered}, not ${MODE_TITLE[mode].toLowerCase()}. Press one of its buttons, or ask again.`,
      "warning",
    ),
  };
}
