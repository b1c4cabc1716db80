/**
 * The one place every request passes before its use case runs: the policy decides, the audit log records
 * the decision, and a refusal shows nothing about the target that the person may not already see. Routes
 * (routes.ts) cannot reach a use case any other way.
 */
import { type AuthorisationRequest, authorise, mayEverDo, type PolicyAction } from "../core/policy.js";
import type { AuditEntry } from "../store/store.port.js";
import type { ActionReply } from "./chat-context.js";
import type { CommandKind } from "./command.js";
import { renderDenied } from "./problem.message.js";
import type { DialogRequest } from "./request.js";

/** What the policy is asked about. */
export type Target =
  /** One VM; `label` is how the person named it. */
  | { kind: "vm"; id: string; label: string }
  /** A resource group or subscription: /subscriptions/<id>[/resourceGroups/<name>]. */
  | { kind: "scope"; id: string; label: string }
  /**
   * The members of a set (a protect plan or run): allowed when the person may do the action on at least one;
   * each member's decision is audited, and the use case leaves out those refused (gate.may).
   */
  | { kind: "members"; ids: readonly string[]; label: string }
  /** Every VM the bot can see at once. */
  | { kind: "fleet"; label: string }
  /** The person's own requests: allowed when the policy lets them check anything here (lines are filtered). */
  | { kind: "own-requests" };

export interface Gate {
  /** False when no rule lets this person do the action here at all: refuse before looking anything up. */
  mayEverDo(action: PolicyAction): boolean;
  /** Whether the person may see this VM (checks), for filtering names and candidates. */
  mayCheck(vmId: string): boolean;
  /** Whether the person may do the action on this VM: what a message offers (a Create button). */
  may(action: PolicyAction, vmId: string): boolean;
  /** Decides and audits; undefined = allowed, else the refusal to show. */
  admit(action: PolicyAction, kind: CommandKind, target: Target): Promise<ActionReply | undefined>;
  /** Refuses and audits a request whose target was not looked up (the person may do nothing of the kind). */
  refuse(action: PolicyAction, kind: CommandKind, asked: string): Promise<ActionReply>;
}

/** How an allowed request is written to the audit log, per policy action of its route. */
export type AuditAction = Exclude<AuditEntry["action"], "deny" | "result">;

export function openGate(request: DialogRequest, auditAction: AuditAction): Gate {
  const { deps, ctx } = request;
  const base = { userId: ctx.userId, platform: ctx.platform, channelId: ctx.channelId };
  const decide = (action: PolicyAction, targetId: string | undefined, targetLabel?: string) =>
    authorise({ ...base, action, targetId, targetLabel }, deps.policy);
  const append = (entry: Omit<AuditEntry, "at" | "actor">) =>
    deps.store.audit.append({ at: deps.now(), actor: ctx.userId, ...entry });
  const gate: Gate = {
    mayEverDo: (action) => mayEverDo({ ...base, action }, deps.policy),
    mayCheck: (vmId) => decide("check", vmId).allowed,
    may: (action, vmId) => decide(action, vmId).allowed,
    async admit(action, kind, target) {
      if (target.kind === "members") return admitMembers(action, kind, target);
      const decision =
        target.kind === "own-requests"
          ? ownRequests(base, action, request)
          : decide(action, target.kind === "fleet" ? undefined : target.id, labelOf(target));
      const audited = auditTarget(target, ctx.userId);
      if (decision.allowed) {
        const details = { command: kind, ...(decision.rule ? { rule: decision.rule } : {}) };
        await append({ action: auditAction, target: audited, outcome: "allowed", details });
        return undefined;
      }
      // The exact rule to add names the target's resource group: the operator reads it in the audit log.
      const details = { command: kind, reason: decision.reason, howToGrant: decision.howToGrant };
      await append({ action: "deny", target: audited, outcome: `${kind} refused`, details });
      request.log.info({ command: kind, target: audited }, "refused by the policy");
      const seesTarget = target.kind === "vm" ? gate.mayCheck(target.id) : target.kind !== "own-requests";
      return refusal(decision.reason, seesTarget ? decision.howToGrant : undefined);
    },
    async refuse(action, kind, asked) {
      const decision = decide(action, undefined, asked);
      const reason = decision.allowed ? "" : decision.reason;
      await append({
        action: "deny",
        target: asked,
        outcome: `${kind} refused`,
        details: { command: kind, reason },
      });
      request.log.info({ command: kind }, "refused by the policy");
      return refusal(reason, undefined);
    },
  };
  /**
   * Members each decided: when some are allowed, one audit line per member (allowed or refused); when none is,
   * one refusal of the set, which names the set as the person did and never a member's resource group.
   */
  async function admitMembers(
    action: PolicyAction,
    kind: CommandKind,
    target: Extract<Target, { kind: "members" }>,
  ): Promise<ActionReply | undefined> {
    const decisions = target.ids.map((id) => ({ id, decision: decide(action, id) }));
    if (!decisions.some(({ decision }) => decision.allowed)) {
      const refused = decide(action, undefined, target.label);
      const reason = refused.allowed ? "" : refused.reason;
      const details = { command: kind, reason, members: target.ids.length };
      await append({ action: "deny", target: target.label, outcome: `${kind} refused`, details });
      request.log.info({ command: kind, set: target.label }, "refused by the policy");
      return refusal(reason, undefined);
    }
    for (const { id, decision } of decisions) {
      const details = decision.allowed
        ? { command: kind, set: target.label, ...(decision.rule ? { rule: decision.rule } : {}) }
        : { command: kind, set: target.label, reason: decision.reason };
      const entry = decision.allowed
        ? { action: auditAction, target: id, outcome: "allowed" }
        : { action: "deny" as const, target: id, outcome: `${kind} refused` };
      await append({ ...entry, details });
    }
    return undefined;
  }

  return gate;
}

/** Only the person's own requests are listed, so any rule that lets them check something here admits it. */
function ownRequests(
  base: Omit<AuthorisationRequest, "action">,
  action: PolicyAction,
  request: DialogRequest,
) {
  return mayEverDo({ ...base, action }, request.deps.policy)
    ? { allowed: true as const }
    : authorise({ ...base, action, targetId: undefined }, request.deps.policy);
}

function labelOf(target: Target): string | undefined {
  return target.kind === "vm" || target.kind === "scope" || target.kind === "members"
    ? target.label
    : undefined;
}

function auditTarget(target: Target, userId: string): string {
  switch (target.kind) {
    case "vm":
    case "scope":
      return target.id;
    case "members":
      return target.label;
    case "fleet":
      return "fleet";
    case "own-requests":
      return `requests of ${userId}`;
  }
}

function refusal(reason: string, howToGrant: string | undefined): ActionReply {
  const grant =
    howToGrant ??
    "Ask whoever maintains the bot's policy file (RPBOT_POLICY) for access; the rule to add is in the bot's audit log (rpbot audit).";
  return { kind: "ephemeral", message: renderDenied(reason, grant) };
}
