/** The policy file's shape and the questions asked of it (see policy.ts for the rules of matching). */

/** `delete`: delete restore points and empty collections (`delete`, `prune`, `clean up`). */
export type PolicyAction = "check" | "create" | "delete";
export type PolicyPlatform = "console" | "slack" | "teams";

export interface PolicyRule {
  users: string[];
  channels?: string[];
  actions: PolicyAction[];
  scopes?: string[];
  description?: string;
}

export interface Policy {
  rules: PolicyRule[];
}

export interface AuthorisationRequest {
  /** "console:alice", "slack:T123:U456", "teams:<aad object id>". */
  userId: string;
  platform: PolicyPlatform;
  /** "slack:C123", "teams:<channel id>"; undefined in direct messages and the terminal. */
  channelId?: string;
  action: PolicyAction;
  /**
   * What the request is about: a VM's resource id, or a scope's id (/subscriptions/<id>[/resourceGroups/<name>],
   * for a report); undefined when it is about the whole fleet at once.
   */
  targetId?: string;
  /** How the person named the target ("vm-web-01"): refusals name it so, and never its resource id. */
  targetLabel?: string;
}

export type AuthorisationDecision =
  /** `rule` names the policy rule that allowed it ("rules[1] (ops in rg-prod)"); absent under the default. */
  { allowed: true; rule?: string } | { allowed: false; reason: string; howToGrant: string };

export type PolicyParseResult = { ok: true; policy: Policy } | { ok: false; problems: string[] };

export const POLICY_ACTIONS: readonly PolicyAction[] = ["check", "create", "delete"];
