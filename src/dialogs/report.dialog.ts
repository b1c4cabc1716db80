/**
 * "report rg-prod": the fleet report. The gate decides on the scope itself: a report of a resource group
 * needs a rule covering that group, a subscription's a rule covering the subscription, "all" an unscoped rule.
 */
import { subscriptionsCoveringGroup } from "../core/policy.js";
import { parseFleetScope } from "../operations/fleet-report.js";
import type { ActionReply } from "./chat-context.js";
import type { CommandOf } from "./command.js";
import { answer, type Located } from "./locate.js";
import { renderSimple } from "./problem.message.js";
import { renderFleetReport } from "./report.message.js";
import type { DialogRequest } from "./request.js";

type ReportRequest = DialogRequest<CommandOf<"report">>;

/** The scope to report on, as the fleet report reads it (narrowed to the one subscription the policy covers). */
export async function locateReport(request: ReportRequest): Promise<Located<string>> {
  const asked = request.command.scope;
  const scope = parseFleetScope(asked);
  switch (scope.kind) {
    case "invalid":
      return answer(renderSimple("Nothing to report", scope.reason, "warning"));
    case "all":
      return { ok: true, target: asked, about: { kind: "fleet", label: asked } };
    case "subscription": {
      const id = `/subscriptions/${scope.subscriptionId}`;
      return { ok: true, target: id, about: { kind: "scope", id, label: asked } };
    }
    case "resource-group": {
      if (scope.subscriptionId) {
        const id = `/subscriptions/${scope.subscriptionId}/resourceGroups/${scope.resourceGroup}`;
        return { ok: true, target: id, about: { kind: "scope", id, label: asked } };
      }
      return groupInCoveredSubscriptions(request, scope.resourceGroup);
    }
  }
}

/**
 * A group named without its subscription: reported where the policy covers it. Only a rule for every
 * subscription covers the "*" in the id the gate is asked about.
 */
function groupInCoveredSubscriptions(request: ReportRequest, group: string): Located<string> {
  const { ctx, deps } = request;
  const person = {
    userId: ctx.userId,
    platform: ctx.platform,
    channelId: ctx.channelId,
    action: "check" as const,
  };
  const covered = subscriptionsCoveringGroup(person, group, deps.policy);
  const [only, ...others] = covered === "anywhere" ? [] : covered;
  if (covered === "anywhere" || !only) {
    const id = `/subscriptions/*/resourceGroups/${group}`;
    return { ok: true, target: group, about: { kind: "scope", id, label: group } };
  }
  const id = `/subscriptions/${only}/resourceGroups/${group}`;
  if (others.length === 0) return { ok: true, target: id, about: { kind: "scope", id, label: group } };
  return answer({
    title: `Which ${group}?`,
    tone: "warning",
    text: `You may see a resource group ${group} in ${covered.length} subscriptions; ask for one of them:`,
    sections: [
      {
        lines: covered.map((subscription) => `report /subscriptions/${subscription}/resourceGroups/${group}`),
      },
    ],
  });
}

export async function runReport(request: ReportRequest, scope: string): Promise<ActionReply> {
  const { deps } = request;
  if (!deps.report) {
    const message = renderSimple(
      "Reports are not available here",
      "Ask the bot's operator to enable fleet reports.",
      "warning",
    );
    return { kind: "reply", message };
  }
  const outcome = await deps.report(scope);
  request.log.info(
    outcome.ok ? { vms: outcome.report.totalVms, requests: outcome.report.requests } : { code: outcome.code },
    "fleet report",
  );
  const message = outcome.ok
    ? renderFleetReport(outcome.report, request.ctx.timeZone)
    : renderSimple("Nothing to report", outcome.message, "warning");
  return { kind: "reply", message };
}
