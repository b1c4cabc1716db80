/** "report rg-prod": the fleet report, for those the policy lets see the whole scope. */
import { authorise } from "../core/policy.js";
import type { BotDependencies } from "./bot-dependencies.js";
import type { ChatContext } from "./chat-context.js";
import type { BotMessage } from "./message.js";
import { renderDenied, renderSimple } from "./problem.message.js";
import { renderFleetReport } from "./report.message.js";

export async function reportDialog(
  deps: BotDependencies,
  ctx: ChatContext,
  scope: string,
): Promise<BotMessage> {
  if (!deps.report) {
    return renderSimple(
      "Reports are not available here",
      "Ask the bot's operator to enable fleet reports.",
      "warning",
    );
  }
  // A report covers many VMs: only a rule not limited to particular VMs may allow it (targetId undefined).
  const decision = authorise(
    { userId: ctx.userId, platform: ctx.platform, channelId: ctx.channelId, action: "check" },
    deps.policy,
  );
  if (!decision.allowed) return renderDenied(decision.reason, decision.howToGrant);
  const outcome = await deps.report(scope);
  await deps.store.audit.append({
    at: deps.now(),
    actor: ctx.userId,
    action: "check",
    target: scope,
    outcome: outcome.ok ? `report of ${outcome.report.totalVms} VMs` : outcome.code,
  });
  return outcome.ok
    ? renderFleetReport(outcome.report)
    : renderSimple("Nothing to report", outcome.message, "warning");
}
