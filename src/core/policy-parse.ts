/** Parsing and validating a policy file (RPBOT_POLICY); the matching rules are in policy.ts. */

import { checkScope } from "./policy-scope.js";
import {
  POLICY_ACTIONS,
  type PolicyAction,
  type PolicyParseResult,
  type PolicyRule,
} from "./policy-types.js";

const POLICY_KEYS = ["rules"];
const RULE_KEYS = ["users", "channels", "actions", "scopes", "description"];

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

/** "check, create or delete": the actions, in the order POLICY_ACTIONS lists them. */
const ACTION_CHOICES = `${POLICY_ACTIONS.slice(0, -1).join(", ")} or ${POLICY_ACTIONS.at(-1)}`;

function checkAction(action: string): string | undefined {
  return isPolicyAction(action) ? undefined : `must be ${ACTION_CHOICES} (got "${action}")`;
}

function isPolicyAction(value: string): value is PolicyAction {
  return (POLICY_ACTIONS as readonly string[]).includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
