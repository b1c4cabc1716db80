/**
 * `clean up <resource group>`: the empty restore point collections of one group, whoever left them, shown and
 * stored as a delete run. The gate decides on the group itself: deleting there needs a rule covering the group.
 */
import { emptyCollections } from "../core/prune-collections.js";
import { type DeleteRunBody, type DeleteTarget, RUN_SCHEMA_VERSION } from "../store/run-store.port.js";
import type { ActionReply } from "./chat-context.js";
import type { CommandOf } from "./command.js";
import { offerDeleteRun } from "./delete.dialog.js";
import { laterLines, renderCleanUpPlan } from "./delete-plan.message.js";
import type { Gate } from "./gate.js";
import { answer, type Located } from "./locate.js";
import { renderSimple } from "./problem.message.js";
import type { DialogRequest } from "./request.js";
import { plural } from "./wording.js";

type CleanUpRequest = DialogRequest<CommandOf<"clean-up">>;

/** Collections read (with their points) per clean-up: a group of 10,000 is cleaned up in batches. */
export const CLEAN_UP_BATCH = 200;

/** The resource group a clean-up is about, as the gate sees it. */
export interface CleanUpScope {
  subscriptionId: string;
  resourceGroup: string;
  /** /subscriptions/<id>/resourceGroups/<name> */
  id: string;
  /** What the person named. */
  label: string;
}

const GROUP_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/?$/i;
/** ARM's resource group names: letters, digits, underscores, hyphens, periods and parentheses, up to 90. */
const GROUP_NAME = /^[-\w.()]{1,90}$/;

export async function locateCleanUp(request: CleanUpRequest, gate: Gate): Promise<Located<CleanUpScope>> {
  const asked = request.command.scope;
  const byId = GROUP_ID.exec(asked);
  if (byId?.[1] && byId[2]) return located(byId[1], byId[2], byId[2]);
  if (!GROUP_NAME.test(asked))
    return answer(
      renderSimple(
        "That is not a resource group",
        'Name one resource group, e.g. "clean up rg-prod" or "clean up /subscriptions/<id>/resourceGroups/rg-prod".',
        "warning",
      ),
    );
  const found = await request.deps.collections.subscriptionsWithGroup(asked);
  const visible = found.filter((id) => {
    const scopeId = groupId(id, asked);
    return gate.may("delete", scopeId) || gate.mayCheck(scopeId);
  });
  const [only] = visible;
  if (found.length > 0 && !only) return { ok: false, reply: await gate.refuse("delete", "clean-up", asked) };
  if (!only)
    return answer(
      renderSimple(
        `No restore point collections in ${asked}`,
        `No resource group named ${asked} holds restore point collections in the subscriptions I read: there is nothing to clean up.`,
      ),
    );
  if (visible.length === 1) return located(only, asked, asked);
  return answer({
    title: `Which ${asked}?`,
    tone: "warning",
    text: `A resource group ${asked} holds restore point collections in ${visible.length} subscriptions; ask for one of them:`,
    sections: [{ lines: visible.map((id) => `clean up ${groupId(id, asked)}`) }],
  });
}

function located(subscriptionId: string, resourceGroup: string, label: string): Located<CleanUpScope> {
  const id = groupId(subscriptionId, resourceGroup);
  return {
    ok: true,
    target: { subscriptionId, resourceGroup, id, label },
    about: { kind: "scope", id, label },
  };
}

function groupId(subscriptionId: string, resourceGroup: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
}

export async function runCleanUpPlan(request: CleanUpRequest, scope: CleanUpScope): Promise<ActionReply> {
  const { deps, ctx } = request;
  const listed = await deps.collections.firstInResourceGroup(
    scope.subscriptionId,
    scope.resourceGroup,
    CLEAN_UP_BATCH,
  );
  const found = { ...emptyCollections(listed.collections), unread: listed.unread };
  const later = laterLines(found);
  if (found.empty.length === 0) {
    const holding = listed.collections.length - found.emptying.length;
    const message = renderSimple(
      `No empty collections in ${scope.label}`,
      holding > 0
        ? `${plural(holding, "collection")} in ${scope.label} ${holding === 1 ? "holds" : "hold"} restore points: nothing is deleted now.`
        : `Nothing can be deleted in ${scope.label} now.`,
    );
    if (later.length > 0) message.sections = [{ heading: "Left for later", lines: later }];
    return { kind: "reply", message };
  }
  const targets = found.empty.map(
    (collection): DeleteTarget => ({
      kind: "collection",
      id: collection.id,
      name: collection.name,
      subscriptionId: scope.subscriptionId,
      resourceGroup: scope.resourceGroup,
      collectionName: collection.name,
    }),
  );
  const body: DeleteRunBody = {
    schemaVersion: RUN_SCHEMA_VERSION,
    kind: "delete",
    asked: "clean-up",
    scopeId: scope.id,
    targets,
    notes: later,
  };
  const runId = await offerDeleteRun(request, { label: scope.label, target: scope.id, body });
  const wording = { runId, expiresInMs: deps.confirmationTtlMs, now: deps.now(), zone: ctx.timeZone };
  const message = renderCleanUpPlan({ ...found, label: scope.label, scopeId: scope.id }, wording);
  return { kind: "reply", message };
}
