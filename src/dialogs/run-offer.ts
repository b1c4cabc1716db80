/**
 * A run's plan, offered: stored as a pending run bound to the person and the conversation that asked, expiring
 * like a single plan, and audited as awaiting confirmation. The confirm press (run.dialog.ts) finds it by id.
 */
import type { Run, RunBody } from "../store/run-store.port.js";
import type { DialogRequest } from "./request.js";

export interface RunOffer {
  /** What the person named, for messages and the audit log. */
  label: string;
  body: RunBody;
  /** The audit entry's target (a VM's id, a group's id, or the label) and its details. */
  auditTarget: string;
  details: Record<string, unknown>;
}

export async function offerRun(request: DialogRequest, offer: RunOffer): Promise<Run> {
  const { deps, ctx } = request;
  const now = deps.now();
  const run: Run = {
    id: deps.newId(),
    kind: offer.body.kind,
    platform: ctx.platform,
    requestedBy: ctx.userId,
    ...(ctx.userName ? { requestedByName: ctx.userName } : {}),
    conversationKey: ctx.conversationKey,
    label: offer.label,
    body: offer.body,
    state: "pending",
    createdAt: now,
    expiresAt: new Date(now.getTime() + deps.confirmationTtlMs),
  };
  await deps.store.runs.create(run);
  await deps.store.audit.append({
    at: now,
    actor: ctx.userId,
    action: offer.body.kind === "protect" ? "create" : "delete",
    target: offer.auditTarget,
    outcome: "awaiting confirmation",
    details: { runId: run.id, ...offer.details },
  });
  request.log.info({ runId: run.id, ...offer.details }, `${offer.body.kind} plan offered`);
  return run;
}
