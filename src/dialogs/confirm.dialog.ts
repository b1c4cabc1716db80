/**
 * A press on a plan's buttons: create (once, by the requester, in its conversation, before expiry, a mode it
 * offered) or cancel.
 */
import type { ConsistencyMode } from "../core/facts.js";
import type { StartJobResult } from "../operations/job-types.js";
import type { Confirmation, Job } from "../store/store.port.js";
import type { ActionReply } from "./chat-context.js";
import type { CommandOf } from "./command.js";
import { answerOf, planAgain, stale } from "./confirm.replies.js";
import { adviceFor } from "./failure-advice.js";
import { renderJobStarted } from "./job.message.js";
import type { Located } from "./locate.js";
import { naming } from "./people.js";
import { renderSimple, withWait } from "./problem.message.js";
import type { DialogRequest } from "./request.js";
import { withTimesIn } from "./time-wording.js";
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
  const refused = await mayDecide(request, confirmation);
  if (refused) return refused;
  if (!confirmation.modes.includes(mode)) return notOffered(confirmation, mode);
  if (confirmation.state !== "pending")
    return answerOf.alreadyDecided(confirmation, await jobOf(request, confirmation));
  const { deps, ctx } = request;
  // The decision and the job are written together, under the VM's lease: see JobRunner.start.
  const result = await deps.jobs.start({
    confirmation,
    mode,
    pressedBy: ctx.userId,
    messageRef: request.messageRef,
    log: request.log,
  });
  // Busy may be this very plan, pressed twice at once: the other press holds the VM and decides it.
  const decidedMeanwhile =
    !result.ok && result.code === "busy" && (await request.deps.store.confirmations.get(confirmation.id));
  if (decidedMeanwhile && decidedMeanwhile.state !== "pending") {
    return answerOf.alreadyDecided(decidedMeanwhile, await jobOf(request, decidedMeanwhile));
  }
  if (!result.ok && result.code === "already-decided") {
    const current = result.confirmation ?? confirmation;
    if (current.state === "expired" || current.state === "pending")
      await audit(request, confirmation, "confirm", "expired");
    return answerOf.alreadyDecided(current, await jobOf(request, current));
  }
  return startedReply(confirmation, result, ctx.timeZone);
}

export async function runCancel(
  request: DialogRequest<CommandOf<"cancel">>,
  confirmation: Confirmation,
): Promise<ActionReply> {
  const refused = await mayDecide(request, confirmation);
  if (refused) return refused;
  const { deps, ctx } = request;
  const decided = await deps.store.confirmations.decide(confirmation.id, {
    state: "cancelled",
    by: ctx.userId,
    at: deps.now(),
  });
  if (!decided.decided) {
    const current = decided.confirmation ?? confirmation;
    if (current.state === "expired" || current.state === "pending")
      await audit(request, confirmation, "confirm", "expired");
    return answerOf.alreadyDecided(current, await jobOf(request, current));
  }
  await audit(request, confirmation, "cancel", "cancelled");
  const message = renderSimple(
    `Cancelled: no restore point of ${confirmation.vmName}`,
    "Nothing was created.",
  );
  // A typed "cancel" answers in the conversation; a press replaces the plan it was pressed on.
  return request.command.confirmationId ? { kind: "update", message } : { kind: "reply", message };
}

/** A press decides a confirmation only when made by its requester, in its conversation. */
async function mayDecide(
  request: DialogRequest,
  confirmation: Confirmation,
): Promise<ActionReply | undefined> {
  if (confirmation.requestedBy !== request.ctx.userId) {
    await audit(request, confirmation, "deny", "not the requester");
    return answerOf.notYours(confirmation);
  }
  if (confirmation.conversationKey !== request.ctx.conversationKey) return answerOf.otherConversation();
  return undefined;
}

function audit(
  request: DialogRequest,
  confirmation: Confirmation,
  action: "confirm" | "cancel" | "deny",
  outcome: string,
): Promise<void> {
  const { deps, ctx } = request;
  return deps.store.audit.append({
    at: deps.now(),
    actor: ctx.userId,
    action,
    target: confirmation.vmId,
    outcome,
  });
}

/** The job the confirmation started: linked from it, or (rows of release 0.1) found by its confirmation id. */
async function jobOf(request: DialogRequest, confirmation: Confirmation): Promise<Job | undefined> {
  const { jobs } = request.deps.store;
  const linked = confirmation.jobId ? await jobs.get(confirmation.jobId) : undefined;
  return linked ?? jobs.findForConfirmation(confirmation.id);
}

function startedReply(
  confirmation: Confirmation,
  result: StartJobResult,
  zone: string | undefined,
): ActionReply {
  if (result.ok) return { kind: "update", message: renderJobStarted(result.job, zone) };
  const title = `No restore point of ${confirmation.vmName} was created`;
  if (result.code === "busy") {
    // The runner says when the other creation started, as an ISO instant: chat words it in the reader's zone.
    const busy = withTimesIn(result.message, zone);
    const startedBy = result.startedBy ? [result.startedBy] : [];
    return { kind: "ephemeral", message: naming(renderSimple(title, busy, "warning"), startedBy) };
  }
  if (result.code === "superseded") {
    // Ephemeral: the conversation's card is the other process's to update, with the result.
    const text = `This process stalled and another one took the restore point of ${confirmation.vmName} over (job ${result.job.id}, ${result.job.state}); you will hear back from it here.`;
    return { kind: "ephemeral", message: renderSimple("Taken over", text, "warning") };
  }
  if (result.code === "already-decided")
    return answerOf.alreadyDecided(result.confirmation ?? confirmation, undefined);
  const message = renderSimple(title, result.message, "danger");
  if (result.code === "arm-refused") {
    message.text = withWait(result.message, result.retryAfterSeconds);
    message.sections = [
      { heading: "What to do", lines: [adviceFor(result.job.errorCode, result.job.errorMessage)] },
    ];
  }
  return { kind: "update", message: { ...message, buttons: [planAgain(confirmation)] } };
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
