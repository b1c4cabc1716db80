/**
 * A run's presses: confirm (once, by the requester, in its conversation, before expiry) hands it to the
 * coordinator, which starts it in the background; cancel drops a pending plan, or stops a running one from
 * starting more. The press is answered with the run's card, which the coordinator then keeps up to date.
 */
import type { PolicyAction } from "../core/policy.js";
import type { Run } from "../store/run-store.port.js";
import type { ActionReply } from "./chat-context.js";
import type { CommandOf } from "./command.js";
import { stale } from "./confirm.replies.js";
import type { Gate, Target } from "./gate.js";
import type { Located } from "./locate.js";
import { renderSimple } from "./problem.message.js";
import type { DialogRequest } from "./request.js";
import { renderRunCard } from "./run.message.js";
import { runAnswerOf } from "./run.replies.js";

type RunPress = CommandOf<"run-confirm"> | CommandOf<"run-cancel">;

export async function locateRun(request: DialogRequest<RunPress>): Promise<Located<Run>> {
  const run = await request.deps.store.runs.get(request.command.runId);
  if (!run) return { ok: false, reply: stale() };
  return locatedRun(run);
}

/** What the gate decides for a run: the action of its kind, on what it acts. */
export function locatedRun(run: Run): Extract<Located<Run>, { ok: true }> {
  return { ok: true, target: run, about: aboutRun(run), action: actionOf(run) };
}

export async function runRunConfirm(
  request: DialogRequest<CommandOf<"run-confirm">>,
  run: Run,
  gate: Gate,
): Promise<ActionReply> {
  const refused = refusedPress(request, run);
  if (refused) return refused;
  if (run.state !== "pending") return runAnswerOf.alreadyDecided(run);
  const { deps, ctx } = request;
  const action = actionOf(run);
  if (membersOf(run).some((id) => !gate.may(action, id))) return runAnswerOf.policyChanged(run.label);
  const decided = await deps.store.runs.decide(run.id, { state: "running", by: ctx.userId, at: deps.now() });
  if (!decided.decided || !decided.run) return runAnswerOf.alreadyDecided(decided.run ?? run);
  if (request.messageRef) await deps.store.runs.setMessageRef(run.id, request.messageRef);
  const started: Run = request.messageRef ? { ...decided.run, messageRef: request.messageRef } : decided.run;
  await deps.store.audit.append({
    at: deps.now(),
    actor: ctx.userId,
    action: "confirm",
    target: run.label,
    outcome: run.kind,
    details: { runId: run.id },
  });
  deps.runs.begin({ run: started, log: request.log.child({ runId: run.id }) });
  const items = run.kind === "delete" ? await deps.store.runs.items(run.id) : [];
  return {
    kind: "update",
    message: renderRunCard({ run: started, jobs: [], items, final: false }, ctx.timeZone),
  };
}

export async function runRunCancel(
  request: DialogRequest<CommandOf<"run-cancel"> | CommandOf<"cancel">>,
  run: Run,
): Promise<ActionReply> {
  const refused = refusedPress(request, run);
  if (refused) return refused;
  const { deps, ctx } = request;
  const typed = request.command.kind === "cancel";
  const answer = (message: ActionReply["message"]): ActionReply =>
    typed ? { kind: "reply", message } : { kind: "update", message };
  if (run.state === "pending") {
    const decided = await deps.store.runs.decide(run.id, {
      state: "cancelled",
      by: ctx.userId,
      at: deps.now(),
    });
    if (!decided.decided) return runAnswerOf.alreadyDecided(decided.run ?? run);
    await audit(request, run, "cancelled");
    return answer(renderSimple(`Cancelled: ${run.label}`, "Nothing was done."));
  }
  if (run.state !== "running") return runAnswerOf.alreadyDecided(run);
  const cancelled = await deps.store.runs.cancel(run.id, ctx.userId, deps.now());
  if (!cancelled.cancelled || !cancelled.run) return runAnswerOf.alreadyDecided(cancelled.run ?? run);
  await audit(request, run, "stopped");
  const jobs = run.kind === "protect" ? await deps.store.jobs.listForRun(run.id) : [];
  const items = run.kind === "delete" ? await deps.store.runs.items(run.id) : [];
  return answer(renderRunCard({ run: cancelled.run, jobs, items, final: false }, ctx.timeZone));
}

/** Only the requester decides, in the conversation the run belongs to (where its summary is told). */
function refusedPress(request: DialogRequest, run: Run): ActionReply | undefined {
  if (run.requestedBy !== request.ctx.userId) return runAnswerOf.notYours(run);
  if (run.conversationKey !== request.ctx.conversationKey) {
    const message = renderSimple(
      "This button belongs to another conversation",
      "Press it where you asked, or ask again here.",
      "warning",
    );
    return { kind: "ephemeral", message };
  }
  return undefined;
}

function audit(request: DialogRequest, run: Run, outcome: string): Promise<void> {
  const { deps, ctx } = request;
  return deps.store.audit.append({
    at: deps.now(),
    actor: ctx.userId,
    action: "cancel",
    target: run.label,
    outcome,
    details: { runId: run.id },
  });
}

function actionOf(run: Run): PolicyAction {
  return run.kind === "protect" ? "create" : "delete";
}

/** The VMs (or the resource group) the run acts on, each decided by the policy again on a press. */
function membersOf(run: Run): string[] {
  const body = run.body;
  if (body.kind === "protect")
    return body.members.flatMap((member) => ("plan" in member ? [member.vm.id] : []));
  if (body.vm) return [body.vm.id];
  return body.scopeId ? [body.scopeId] : [];
}

function aboutRun(run: Run): Target {
  const body = run.body;
  if (body.kind === "protect") return { kind: "members", ids: membersOf(run), label: run.label };
  if (body.vm) return { kind: "vm", id: body.vm.id, label: body.vm.name };
  return { kind: "scope", id: body.scopeId ?? "", label: run.label };
}
