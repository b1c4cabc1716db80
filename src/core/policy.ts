/**
 * The authorization policy (RPBOT_POLICY): which chat users, in which channels, may check VMs and create
 * restore points, and of which VMs. Rules only grant: a request is allowed when one rule matches it whole.
 *
 * Without a policy file the built-in default applies: checks for everyone, creation only in the terminal chat
 * (whoever runs `rpbot chat` already holds the bot's own credentials, so refusing them would protect nothing).
 *
 * Matching:
 * - users and channels are patterns where "*" stands for any run of characters ("slack:T123:*", "*"),
 *   compared case-insensitively (Slack ids are upper-case and AAD object ids are GUIDs, so case never
 *   tells two ids apart, while a pasted GUID often comes in the other case);
 * - a rule without `channels` matches anywhere, including direct messages and the terminal (no channel);
 *   a rule with `channels` matches only in those channels, never where there is no channel;
 * - `scopes` are ARM resource id prefixes compared case-insensitively on whole segments, or "*";
 *   a rule without `scopes` covers every VM;
 * - a request about no single VM (a fleet report) is covered only by a rule without scopes or with "*":
 *   a rule limited to one resource group must not open a view of the whole fleet. A caller that wants a
 *   partial report asks once per VM instead.
 */

export type PolicyAction = "check" | "create";
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
  /** The VM's resource id; undefined when the request is about no single VM (a fleet report). */
  targetId?: string;
}

export type AuthorisationDecision =
  /** `rule` names the policy rule that allowed it ("rules[1] (ops in rg-prod)"); absent under the default. */
  { allowed: true; rule?: string } | { allowed: false; reason: string; howToGrant: string };

export type PolicyParseResult = { ok: true; policy: Policy } | { ok: false; problems: string[] };

export const POLICY_ACTIONS: readonly PolicyAction[] = ["check", "create"];

const POLICY_KEYS = ["rules"];
const RULE_KEYS = ["users", "channels", "actions", "scopes", "description"];

// ---------------------------------------------------------------------------------------------- parsing

/** Validates a parsed policy file. Unknown keys are refused: a typo must never silently widen or narrow access. */
export function parsePolicy(value: unknown): PolicyParseResult {
  if (!isRecord(value)) return { ok: false, problems: ['the policy must be a mapping with a "rules" list'] };
  const problems = unknownKeys(value, POLICY_KEYS, "");
  if (!Array.isArray(value.rules)) {
    problems.push(value.rules === undefined ? "rules: is required" : "rules: must be a list of rules");
    return { ok: false, problems };
  }
  const rules: PolicyRule[] = [];
  value.rules.forEach((entry: unknown, index) => {
    const rule = parseRule(entry, `rules[${index}]`, problems);
    if (rule) rules.push(rule);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, policy: { rules } };
}

function parseRule(value: unknown, path: string, problems: string[]): PolicyRule | undefined {
  if (!isRecord(value)) {
    problems.push(`${path}: must be a mapping with users and actions`);
    return undefined;
  }
  const problemsBefore = problems.length;
  problems.push(...unknownKeys(value, RULE_KEYS, path));
  const users = readList(value.users, `${path}.users`, problems, { required: true, check: checkUserPattern });
  const channels = readList(value.channels, `${path}.channels`, problems, {
    required: false,
    check: checkChannelPattern,
    emptyHint: "leave channels out to allow every channel, direct messages and the terminal",
  });
  const actions = readList(value.actions, `${path}.actions`, problems, {
    required: true,
    check: checkAction,
  });
  const scopes = readList(value.scopes, `${path}.scopes`, problems, {
    required: false,
    check: checkScope,
    emptyHint: 'leave scopes out (or write ["*"]) to cover every VM',
  });
  if (value.description !== undefined && typeof value.description !== "string")
    problems.push(`${path}.description: must be text`);
  // A rule with any problem is dropped whole: keeping it without its bad `channels` or `scopes` would widen it.
  if (problems.length > problemsBefore || !users || !actions) return undefined;
  const rule: PolicyRule = { users, actions: actions.filter(isPolicyAction) };
  if (channels) rule.channels = channels;
  if (scopes) rule.scopes = scopes;
  if (typeof value.description === "string") rule.description = value.description;
  return rule;
}

interface ListSpec {
  required: boolean;
  /** Returns what is wrong with one item, or undefined when it is fine. */
  check: (item: string) => string | undefined;
  emptyHint?: string;
}

function readList(value: unknown, path: string, problems: string[], spec: ListSpec): string[] | undefined {
  if (value === undefined) {
    if (spec.required) problems.push(`${path}: is required`);
    return undefined;
  }
  if (!Array.isArray(value)) {
    problems.push(`${path}: must be a list, e.g. ["..."]`);
    return undefined;
  }
  if (value.length === 0) {
    problems.push(`${path}: must not be empty${spec.emptyHint ? ` (${spec.emptyHint})` : ""}`);
    return undefined;
  }
  const items: string[] = [];
  value.forEach((item: unknown, index) => {
    const problem =
      typeof item === "string" && item.trim() !== "" ? spec.check(item.trim()) : "must be non-empty text";
    if (problem) problems.push(`${path}[${index}]: ${problem}`);
    else if (typeof item === "string") items.push(item.trim());
  });
  return items.length === value.length ? items : undefined;
}

function unknownKeys(value: Record<string, unknown>, known: string[], path: string): string[] {
  return Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((key) => `${path ? `${path}.` : ""}${key}: unknown key (expected ${known.join(", ")})`);
}

function checkUserPattern(pattern: string): string | undefined {
  if (pattern.startsWith("*") || /^(console|slack|teams):./i.test(pattern)) return undefined;
  return `"${pattern}" is not a chat user id: write console:<user>, slack:<team>:<user> or teams:<aad object id> (* for any part)`;
}

function checkChannelPattern(pattern: string): string | undefined {
  if (/^console:/i.test(pattern))
    return "the terminal has no channels: leave channels out to allow the terminal";
  if (pattern.startsWith("*") || /^(slack|teams):./i.test(pattern)) return undefined;
  return `"${pattern}" is not a channel id: write slack:<channel id> or teams:<channel id> (* for any part)`;
}

function checkAction(action: string): string | undefined {
  return isPolicyAction(action) ? undefined : `must be check or create (got "${action}")`;
}

/** A scope is "*" or /subscriptions/<id>[/resourceGroups/<name>[/providers/<namespace>/<type>/<name>...]]. */
function checkScope(scope: string): string | undefined {
  if (scope === "*") return undefined;
  const shape = 'write "*" or a resource id prefix like /subscriptions/<id>/resourceGroups/<name>';
  if (scope.includes("*")) return `"${scope}": wildcards are not allowed inside a scope; ${shape}`;
  const segments = idSegments(scope);
  const wellFormed =
    scope.startsWith("/") &&
    segments.length >= 2 &&
    segments.length % 2 === 0 &&
    segments.every((segment) => segment !== "") &&
    segments[0] === "subscriptions" &&
    (segments.length < 4 || segments[2] === "resourcegroups") &&
    (segments.length < 6 || segments[4] === "providers");
  return wellFormed ? undefined : `"${scope}" is not a resource id prefix; ${shape}`;
}

// ---------------------------------------------------------------------------------------------- deciding

export function authorise(request: AuthorisationRequest, policy: Policy | undefined): AuthorisationDecision {
  return policy === undefined ? authoriseByDefault(request) : authoriseByPolicy(request, policy);
}

function authoriseByDefault(request: AuthorisationRequest): AuthorisationDecision {
  if (request.action === "check" || request.platform === "console") return { allowed: true };
  return {
    allowed: false,
    reason: `Creating restore points from ${PLATFORM_LABEL[request.platform]} is not enabled: without a policy file (RPBOT_POLICY) only the terminal chat may create them.`,
    howToGrant: [
      "To allow it, point RPBOT_POLICY at a policy file like this one and restart the bot (see docs/policy.example.yaml).",
      "A policy replaces the defaults, so its first two rules keep checks open to everyone and creation in the terminal:",
      "rules:",
      '  - users: ["*"]',
      "    actions: [check]",
      '  - users: ["console:*"]',
      "    actions: [check, create]",
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
  return (
    coversUser(rule, request.userId) &&
    rule.actions.includes(request.action) &&
    coversChannel(rule, request.channelId) &&
    coversTarget(rule, request.targetId)
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
  return `The policy does not let ${you} ${ACTION_PHRASE[request.action]} of ${describeTarget(request.targetId)}.`;
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

/** Whole segments, case-insensitively: "/.../resourceGroups/rg-prod" covers rg-prod's VMs, not rg-prod2's. */
function isUnder(targetId: string, scope: string): boolean {
  const prefix = idSegments(scope);
  const target = idSegments(targetId);
  return prefix.length <= target.length && prefix.every((segment, index) => segment === target[index]);
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
};

/** A YAML rule (list item) granting exactly this user this action on the target's resource group. */
function ruleSnippet(request: AuthorisationRequest): string[] {
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

// ---------------------------------------------------------------------------------------------- helpers

/** Lower-cased segments after the leading slash; a trailing slash is ignored. */
function idSegments(id: string): string[] {
  return id.trim().replace(/\/+$/, "").toLowerCase().split("/").slice(1);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function isPolicyAction(value: string): value is PolicyAction {
  return (POLICY_ACTIONS as readonly string[]).includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
