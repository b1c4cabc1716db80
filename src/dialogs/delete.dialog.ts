/**
 * `delete <rp> of <vm>`, `prune <vm> ...` and a check's prune button: read the VM's points fresh, plan exactly
 * what goes (core/prune.ts), and store that plan as a delete run bound to the person and the conversation; the
 * confirm press (run.dialog.ts) starts it. What is deleted is what was shown: the run holds the targets.
 */
import type { VmFacts, VmHistory } from "../core/facts.js";
import { summarizeHistory } from "../core/history.js";
import type { Limits } from "../core/limits.js";
import { planPrune } from "../core/prune.js";
import { suggestedPrune } from "../core/prune-advice.js";
import type { PruneFailure, PrunePlan, PrunePoint } from "../core/prune-types.js";
import type { VmRef } from "../core/vm-ref.js";
import { type DeleteRunBody, type DeleteTarget, RUN_SCHEMA_VERSION } from "../store/run-store.port.js";
import type { ActionReply } from "./chat-context.js";
import type { CommandOf } from "./command.js";
import { keptLines, renderDeletePlan } from "./delete-plan.message.js";
import type { BotMessage } from "./message.js";
import { renderNotFound } from "./problem.message.js";
import type { DialogRequest } from "./request.js";
import { offerRun } from "./run-offer.js";
import { plural } from "./wording.js";

type DeleteRequest = DialogRequest<CommandOf<"delete">>;

export async function runDeletePlan(request: DeleteRequest, vm: VmRef): Promise<ActionReply> {
  const { deps, ctx } = request;
  // Fresh: a plan to delete is never made from a cached listing.
  const gathered = await deps.arm.gather(vm, { fresh: true });
  if (!gathered.ok) return reply(renderNotFound(gathered.message));
  const now = deps.now();
  const asked = request.command.request;
  const planned = planOf(asked, gathered, deps.limits, now);
  if ("message" in planned) return reply(planned.message);
  if (!planned.ok) return reply(refusal(vm, planned));
  if (planned.delete.length === 0) return reply(nothingToDelete(vm, planned));
  const body: DeleteRunBody = {
    schemaVersion: RUN_SCHEMA_VERSION,
    kind: "delete",
    asked: planned.request.kind === "one" ? "delete" : "prune",
    vm,
    targets: planned.delete.map(pointTarget),
    notes: keptLines(planned).map((line) => `Kept: ${line}`),
  };
  const runId = await offerDeleteRun(request, { label: vm.name, target: vm.id, body });
  const wording = { runId, expiresInMs: deps.confirmationTtlMs, now, zone: ctx.timeZone };
  const limit = deps.limits.maxRestorePointsPerVm;
  return reply(renderDeletePlan(planned, { ...wording, limit, suggested: asked.kind === "suggested" }));
}

function planOf(
  asked: CommandOf<"delete">["request"],
  { facts, history }: { facts: VmFacts; history: VmHistory },
  limits: Limits,
  now: Date,
): PrunePlan | PruneFailure | { message: BotMessage } {
  if (asked.kind !== "suggested") return planPrune(facts, history, asked, { now });
  const suggestion = suggestedPrune(facts, history, limits, now);
  if (suggestion) return suggestion.plan;
  const retained = summarizeHistory(facts, history).retained;
  const warning = Math.min(limits.retentionWarningAt, limits.maxRestorePointsPerVm);
  const under = retained < warning;
  return {
    message: {
      title: `No prune to suggest for ${facts.name}`,
      tone: "info",
      text: under
        ? `${facts.name} retains ${plural(retained, "restore point")}, under the warning at ${warning} of ${limits.maxRestorePointsPerVm}.`
        : `${facts.name} retains ${plural(retained, "restore point")}, but none of the older ones can be deleted now (being created or already being deleted).`,
      sections: [{ heading: "To prune anyway", lines: examples(facts.name) }],
    },
  };
}

function examples(vmName: string): string[] {
  return [`prune ${vmName} keep 10`, `prune ${vmName} older than 30d`, `delete <restore point> of ${vmName}`];
}

/**
 * Writes the run (pending, with one waiting item per target) and its audit line: what the confirm press finds.
 * Returns the run's id, which the buttons carry.
 */
export async function offerDeleteRun(
  request: DialogRequest,
  offer: { label: string; target: string; body: DeleteRunBody },
): Promise<string> {
  const details = { count: offer.body.targets.length, asked: offer.body.asked };
  const run = await offerRun(request, {
    label: offer.label,
    body: offer.body,
    auditTarget: offer.target,
    details,
  });
  return run.id;
}

const POINT_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Compute\/restorePointCollections\/([^/]+)\/restorePoints\/[^/]+$/i;

/** Where to send the DELETE: from the point's own id, since a moved VM's old collection lives elsewhere. */
function pointTarget(point: PrunePoint): DeleteTarget {
  const [, subscriptionId, resourceGroup, collectionName] = POINT_ID.exec(point.id) ?? [];
  if (!subscriptionId || !resourceGroup || !collectionName)
    throw new Error(`ARM gave restore point ${point.name} an id that is not a restore point's: ${point.id}`);
  const target: DeleteTarget = {
    kind: "restore-point",
    id: point.id,
    name: point.name,
    subscriptionId,
    resourceGroup,
    collectionName,
    mode: point.mode,
  };
  if (point.timeCreated !== undefined) target.timeCreated = point.timeCreated;
  return target;
}

const REFUSAL_TITLE: Record<PruneFailure["code"], string> = {
  "not-found": "No such restore point",
  ambiguous: "Which restore point?",
  creating: "That restore point is being created",
  "already-deleting": "Already being deleted",
  "invalid-keep": "Not a number of restore points to keep",
  "invalid-age": "Not an age to prune from",
};

function refusal(vm: VmRef, failure: PruneFailure): BotMessage {
  const message: BotMessage = { title: REFUSAL_TITLE[failure.code], tone: "warning", text: failure.reason };
  if (failure.code === "ambiguous")
    message.sections = [
      {
        heading: "Ask for one of them",
        lines: failure.matches.map(
          (point) => `delete ${point.name} in collection ${point.collection.name} of ${vm.name}`,
        ),
      },
    ];
  if (failure.code === "not-found")
    message.sections = [{ lines: [`Ask "list ${vm.name}" for its restore points.`] }];
  return message;
}

function nothingToDelete(vm: VmRef, plan: PrunePlan): BotMessage {
  const kept = keptLines(plan);
  return {
    title: `Nothing to delete on ${vm.name}`,
    tone: "info",
    text:
      plan.keep.length + plan.deleting.length === 0
        ? `${vm.name} has no restore points.`
        : `Every restore point of ${vm.name} stays: ${plural(plan.counts.retainedNow, "restore point")} in all.`,
    sections: [
      ...(kept.length > 0 ? [{ heading: "Kept", lines: kept }] : []),
      ...(plan.deleting.length > 0
        ? [{ lines: [`${plural(plan.deleting.length, "restore point")} already being deleted.`] }]
        : []),
    ],
  };
}

function reply(message: BotMessage): ActionReply {
  return { kind: "reply", message };
}
