/**
 * `cancel` and a plan's Cancel press: the press names its plan; a typed "cancel" means the newest thing this
 * person has waiting or going here: a plan of one VM, a run's plan, or a run under way (which stops starting).
 */
import type { Run } from "../store/run-store.port.js";
import type { Confirmation } from "../store/store.port.js";
import type { ActionReply } from "./chat-context.js";
import type { CommandOf } from "./command.js";
import { locateConfirmation, runCancel } from "./confirm.dialog.js";
import type { Located } from "./locate.js";
import type { DialogRequest } from "./request.js";
import { locatedRun, runRunCancel } from "./run.dialog.js";

export type CancelTarget = { kind: "confirmation"; confirmation: Confirmation } | { kind: "run"; run: Run };

type CancelRequest = DialogRequest<CommandOf<"cancel">>;

export async function locateCancel(request: CancelRequest): Promise<Located<CancelTarget>> {
  const { deps, ctx, command } = request;
  const run = command.confirmationId
    ? undefined
    : ((await deps.store.runs.findPending(ctx.userId, ctx.conversationKey, deps.now())) ??
      (await deps.store.runs.findRunning(ctx.userId, ctx.conversationKey)));
  const located = await locateConfirmation(request);
  const newer = run && (!located.ok || run.createdAt > located.target.createdAt);
  if (run && newer) {
    const { about, action } = locatedRun(run);
    return { ok: true, target: { kind: "run", run }, about, action };
  }
  if (!located.ok) return located;
  return { ok: true, target: { kind: "confirmation", confirmation: located.target }, about: located.about };
}

export function runCancelOf(request: CancelRequest, target: CancelTarget): Promise<ActionReply> {
  return target.kind === "run" ? runRunCancel(request, target.run) : runCancel(request, target.confirmation);
}
