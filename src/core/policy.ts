/**
 * The authorization policy (RPBOT_POLICY): which chat users, in which channels, may check VMs, create
 * restore points and delete them, and of which VMs. Rules only grant: a request is allowed when one rule
 * matches it whole.
 *
 * Without a policy file the built-in default applies: checks for everyone, creation and deletion only in the
 * terminal chat (whoever runs `rpbot chat` already holds the bot's own credentials, so refusing them would
 * protect nothing).
 *
 * Matching:
 * - users and channels are patterns where "*" stands for any run of characters ("slack:T123:*", "*"),
 *   compared case-insensitively (Slack ids are upper-case and AAD object ids are GUIDs, so case never
 *   tells two ids apart, while a pasted GUID often comes in the other case);
 * - a rule without `channels` matches anywhere, including direct messages and the terminal (no channel);
 *   a rule with `channels` matches only in those channels, never where there is no channel;
 * - `scopes` are ARM resource id prefixes compared case-insensitively on whole segments, or "*";
 *   a rule without `scopes` covers every VM;
 * - a report of a resource group or a subscription is covered by a rule whose scopes cover that whole
 *   scope (a rule for rg-prod covers a report of rg-prod, not one of its subscription);
 * - a request about the whole fleet at once is covered only by a rule without scopes or with "*": a rule
 *   limited to one resource group must not open a view of the whole fleet.
 */

import { checkScope, idSegments, isUnder } from "./policy-scope.js";
import {
  type AuthorisationDecision,
  type AuthorisationRequest,
  POLICY_ACTIONS,
  type Policy,
  type PolicyAction,
  type PolicyPlatform,
  type PolicyRule,
} from "./policy-types.js";

export { parsePolicy } from "./policy-parse.js";
export * from "./policy-types.js";

export function authorise(request: AuthorisationRequest, policy: Policy | undefined): AuthorisationDecision {
  return policy === undefined ? authoriseByDefault(request) : authoriseByPolicy(request, policy);
}

/**
 * Whether any rule lets this person do this here, whatever the target: when none does, a request is refused
 * before anything about its target is looked up.
 */
export function mayEverDo(
  request: Omit<AuthorisationRequest, "targetId">,
  policy: Policy | undefined,
): boolean {
  if (policy === undefined) return authoriseByDefault(request).allowed;
  return policy.rules.some((rule) => coversPerson(rule, request));
}

/**
 * Where this person may act on a resource group named only by its name (a report of "rg-prod"): "anywhere"
 * when a rule covers every subscription, else the subscriptions whose group of that name a rule covers.
 */
export function subscriptionsCoveringGroup(
  request: Omit<AuthorisationRequest, "targetId">,
  groupName: string,
  policy: Policy | undefined,
): "anywhere" | string[] {
  if (policy === undefined) return authoriseByDefault(request).allowed ? "anywhere" : [];
  const subscriptions = new Map<string, string>();
  for (const rule of policy.rules.filter((each) => coversPerson(each, request))) {
    if (rule.scopes === undefined || rule.scopes.includes("*")) return "anywhere";
    for (const scope of rule.scopes) {
      const [subscriptions_, id, groups, group, ...more] = idSegments(scope);
      if (subscriptions_ !== "subscriptions" || !id || more.length > 0) continue;
      if (groups === undefined || group === groupName.toLowerCase())
        subscriptions.set(id, scope.split("/")[2] ?? id);
    }
  }
  return [...subscriptions.values()];
}

/** Creating and deleting are refused outside the terminal alike: each changes what can be restored. */
function authoriseByDefault(request: Omit<AuthorisationRequest, "targetId">): AuthorisationDecision {
  if (request.action === "check" || request.platform === "console") return { allowed: true };
  const { doing, verb } = DEFAULT_REFUSAL[request.action];
  return {
    allowed: false,
    reason: `${doing} restore points from ${PLATFORM_LABEL[request.platform]} is not enabled: without a policy file (RPBOT_POLICY) only the terminal chat may ${verb} them.`,
    howToGrant: [
      "To allow it, point RPBOT_POLICY at a policy file like this one and restart the bot (see docs/policy.example.yaml).",
      "A policy replaces the defaults, so its first two rules keep checks open to everyone, and creation and deletion in the terminal:",
      "rules:",
      '  - users: ["*"]',
      "    actions: [check]",
      '  - users: ["console:*"]',
      `    actions: [${POLICY_ACTIONS.join(", ")}]`,
      ...ruleSnippet(request),
    ].join("\n"),
  };
}

function authoriseByPolicy(request: AuthorisationRequest, policy: Policy): AuthorisationDecision {
  const index = policy.rules.findIndex((rule) => ruleAllows(rule, request));
  const rule = policy.rules[index];
  if (rule)
    return { allowed: true, rule: `rules[${index}]${rule.description ? ` (${rule.description})` : ""}` };
  return {
    allowed: false,
    reason: explainRefusal(request, policy),
    howToGrant: [
      "Ask whoever maintains the policy file (RPBOT_POLICY) to add a rule like this one:",
      ...ruleSnippet(request),
    ].join("\n"),
  };
}

function ruleAllows(rule: PolicyRule, request: AuthorisationRequest): boolean {
  return coversPerson(rule, request) && coversTarget(rule, request.targetId);
}

/** The user, the action and the channel: everything but the target. */
function coversPerson(rule: PolicyRule, request: Omit<AuthorisationRequest, "targetId">): boolean {
  return (
    coversUser(rule, request.userId) &&
    rule.actions.includes(request.action) &&
    coversChannel(rule, request.channelId)
  );
}

/** Names the first condition no rule meets, so the person knows what to ask for. */
function explainRefusal(request: AuthorisationRequest, policy: Policy): string {
  const you = `you (${request.userId})`;
  const forUser = policy.rules.filter((rule) => coversUser(rule, request.userId));
  if (forUser.length === 0) return `The policy has no rule for ${you}.`;
  const forAction = forUser.filter((rule) => rule.actions.includes(request.action));
  if (forAction.length === 0) return `The policy does not let ${you} ${ACTION_PHRASE[request.action]}.`;
  const here = forAction.filter((rule) => coversChannel(rule, request.channelId));
  if (here.length === 0) {
    const where = request.channelId === undefined ? "not in direct messages or the terminal" : "not here";
    return `The policy lets ${you} ${ACTION_PHRASE[request.action]} only in certain channels, ${where}.`;
  }
  if (request.targetId === undefined)
    return `The policy lets ${you} ${ACTION_PHRASE[request.action]} only for some VMs, not for the whole fleet at once.`;
  const target = request.targetLabel ?? describeTarget(request.targetId);
  return `The policy does not let ${you} ${ACTION_PHRASE[request.action]} of ${target}.`;
}

function coversUser(rule: PolicyRule, userId: string): boolean {
  return rule.users.some((pattern) => matchesPattern(pattern, userId));
}

function coversChannel(rule: PolicyRule, channelId: string | undefined): boolean {
  if (rule.channels === undefined) return true;
  if (channelId === undefined) return false;
  return rule.channels.some((pattern) => matchesPattern(pattern, channelId));
}

function coversTarget(rule: PolicyRule, targetId: string | undefined): boolean {
  if (rule.scopes === undefined) return true;
  return rule.scopes.some((scope) => scope === "*" || (targetId !== undefined && isUnder(targetId, scope)));
}

function matchesPattern(pattern: string, value: string): boolean {
  const body = pattern.split("*").map(escapeRegExp).join(".*");
  return new RegExp(`^${body}$`, "is").test(value);
}

// ---------------------------------------------------------------------------------------------- wording

const PLATFORM_LABEL: Record<PolicyPlatform, string> = {
  console: "the terminal chat",
  slack: "Slack",
  teams: "Microsoft Teams",
};

const ACTION_PHRASE: Record<PolicyAction, string> = {
  check: "check VMs",
  create: "create restore points",
  delete: "delete restore points",
};

/** The default refuses the actions other than check outside the terminal. */
const DEFAULT_REFUSAL: Record<Exclude<PolicyAction, "check">, { doing: string; verb: string }> = {
  create: { doing: "Creating", verb: "create" },
  delete: { doing: "Deleting", verb: "delete" },
};

/** A YAML rule (list item) granting exactly this user this action on the target's resource group. */
function ruleSnippet(request: Omit<AuthorisationRequest, "targetId"> & { targetId?: string }): string[] {
  return [
    `  - users: [${JSON.stringify(request.userId)}]`,
    `    actions: [${request.action}]`,
    `    scopes: [${JSON.stringify(resourceGroupScope(request.targetId))}]`,
  ];
}

/** The target's resource group id; "*" for requests about no single VM, which need an unscoped rule. */
function resourceGroupScope(targetId: string | undefined): string {
  if (targetId === undefined) return "*";
  const id = targetId.trim();
  const group = id.split("/").slice(0, 5).join("/");
  if (checkScope(group) === undefined) return group;
  return checkScope(id) === undefined ? id : "*";
}

/** "rg-prod/vm-web-01" for a VM id; the text itself for anything else. */
function describeTarget(targetId: string): string {
  const parts = targetId.split("/");
  const groupIndex = parts.findIndex((part) => part.toLowerCase() === "resourcegroups");
  const group = groupIndex > 0 ? parts[groupIndex + 1] : undefined;
  const name = parts.at(-1);
  return group && name && parts.length > groupIndex + 2 ? `${group}/${name}` : targetId;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
