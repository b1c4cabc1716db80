import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  type AuthorisationRequest,
  authorise,
  type Policy,
  type PolicyRule,
  parsePolicy,
} from "../../../src/core/policy.js";

const SUB = "11111111-1111-1111-1111-111111111111";
const RG_PROD = `/subscriptions/${SUB}/resourceGroups/rg-prod`;
const VM_WEB = `${RG_PROD}/providers/Microsoft.Compute/virtualMachines/vm-web-01`;
const VM_PROD2 = `/subscriptions/${SUB}/resourceGroups/rg-prod2/providers/Microsoft.Compute/virtualMachines/vm-x`;
const ALICE = "slack:T1:UALICE";

function request(overrides: Partial<AuthorisationRequest> = {}): AuthorisationRequest {
  return { userId: ALICE, platform: "slack", action: "create", targetId: VM_WEB, ...overrides };
}

function policyOf(...rules: PolicyRule[]): Policy {
  return { rules };
}

function problemsOf(value: unknown): string[] {
  const parsed = parsePolicy(value);
  return parsed.ok ? [] : parsed.problems;
}

describe("authorise without a policy file", () => {
  it.each([
    { case: "check on Slack", req: request({ action: "check" }), allowed: true },
    {
      case: "check on Teams",
      req: request({ platform: "teams", userId: "teams:a", action: "check" }),
      allowed: true,
    },
    {
      case: "create in the terminal",
      req: request({ platform: "console", userId: "console:bob" }),
      allowed: true,
    },
    { case: "create on Slack", req: request(), allowed: false },
    { case: "create on Teams", req: request({ platform: "teams", userId: "teams:a" }), allowed: false },
  ])("$case -> allowed: $allowed", ({ req, allowed }) => {
    expect(authorise(req, undefined).allowed).toBe(allowed);
  });

  it("refuses creation elsewhere with a reason and a snippet that grants exactly this person in this group", () => {
    const decision = authorise(request(), undefined);
    if (decision.allowed) throw new Error("expected a refusal");
    expect(decision.reason).toBe(
      "Creating restore points from Slack is not enabled: without a policy file (RPBOT_POLICY) only the terminal chat may create them.",
    );
    expect(decision.howToGrant).toContain("RPBOT_POLICY");
    const snippet = decision.howToGrant.slice(decision.howToGrant.indexOf("rules:"));
    const parsed = parsePolicy(parse(snippet));
    if (!parsed.ok) throw new Error(parsed.problems.join("; "));
    expect(parsed.policy.rules.at(-1)).toStrictEqual({
      users: [ALICE],
      actions: ["create"],
      scopes: [RG_PROD],
    });
    const granted = parsed.policy;
    expect(authorise(request(), granted).allowed).toBe(true);
    // The snippet keeps the defaults it replaces, and grants nothing beyond the request.
    expect(authorise(request({ userId: "slack:T1:UEVE", action: "check" }), granted).allowed).toBe(true);
    expect(authorise(request({ platform: "console", userId: "console:bob" }), granted).allowed).toBe(true);
    expect(authorise(request({ userId: "slack:T1:UEVE" }), granted).allowed).toBe(false);
    expect(authorise(request({ targetId: VM_PROD2 }), granted).allowed).toBe(false);
  });

  it("suggests an unscoped grant for a request about no single VM", () => {
    const decision = authorise(request({ targetId: undefined }), undefined);
    expect(decision.allowed ? "" : decision.howToGrant).toContain('scopes: ["*"]');
  });
});

describe("authorise with a policy", () => {
  const cases: Array<{ case: string; rules: PolicyRule[]; req: AuthorisationRequest; allowed: boolean }> = [
    {
      case: "everyone may check",
      rules: [{ users: ["*"], actions: ["check"] }],
      req: request({ action: "check" }),
      allowed: true,
    },
    {
      case: "check does not grant create",
      rules: [{ users: ["*"], actions: ["check"] }],
      req: request(),
      allowed: false,
    },
    {
      case: "a policy replaces the terminal default",
      rules: [{ users: ["*"], actions: ["check"] }],
      req: request({ platform: "console", userId: "console:bob" }),
      allowed: false,
    },
    { case: "exact user", rules: [{ users: [ALICE], actions: ["create"] }], req: request(), allowed: true },
    {
      case: "user ids ignore case",
      rules: [{ users: ["SLACK:t1:ualice"], actions: ["create"] }],
      req: request(),
      allowed: true,
    },
    {
      case: "another user",
      rules: [{ users: [ALICE], actions: ["create"] }],
      req: request({ userId: "slack:T1:UBOB" }),
      allowed: false,
    },
    {
      case: "workspace wildcard",
      rules: [{ users: ["slack:T1:*"], actions: ["create"] }],
      req: request({ userId: "slack:T1:UBOB" }),
      allowed: true,
    },
    {
      case: "workspace wildcard, other workspace",
      rules: [{ users: ["slack:T1:*"], actions: ["create"] }],
      req: request({ userId: "slack:T2:UBOB" }),
      allowed: false,
    },
    {
      case: "wildcard in the middle",
      rules: [{ users: ["slack:*:UALICE"], actions: ["create"] }],
      req: request(),
      allowed: true,
    },
    {
      case: "a wildcard is not a prefix match by itself",
      rules: [{ users: ["slack:T1"], actions: ["create"] }],
      req: request(),
      allowed: false,
    },
    {
      case: "regex characters are literal",
      rules: [{ users: ["console:a.ice"], actions: ["create"] }],
      req: request({ platform: "console", userId: "console:alice" }),
      allowed: false,
    },
    {
      case: "channel rule in its channel",
      rules: [{ users: ["*"], channels: ["slack:C1"], actions: ["create"] }],
      req: request({ channelId: "slack:C1" }),
      allowed: true,
    },
    {
      case: "channel rule in another channel",
      rules: [{ users: ["*"], channels: ["slack:C1"], actions: ["create"] }],
      req: request({ channelId: "slack:C2" }),
      allowed: false,
    },
    {
      case: "channel rule in a direct message",
      rules: [{ users: ["*"], channels: ["slack:*"], actions: ["create"] }],
      req: request(),
      allowed: false,
    },
    {
      case: "channel wildcard",
      rules: [{ users: ["*"], channels: ["slack:*"], actions: ["create"] }],
      req: request({ channelId: "slack:C9" }),
      allowed: true,
    },
    {
      case: "rule without channels in a channel",
      rules: [{ users: ["*"], actions: ["create"] }],
      req: request({ channelId: "slack:C9" }),
      allowed: true,
    },
    {
      case: "rule without channels in the terminal",
      rules: [{ users: ["console:*"], actions: ["create"] }],
      req: request({ platform: "console", userId: "console:bob" }),
      allowed: true,
    },
    {
      case: "resource group scope",
      rules: [{ users: ["*"], actions: ["create"], scopes: [RG_PROD] }],
      req: request(),
      allowed: true,
    },
    {
      case: "scope ignores case",
      rules: [{ users: ["*"], actions: ["create"], scopes: [RG_PROD.toUpperCase()] }],
      req: request(),
      allowed: true,
    },
    {
      case: "scope with a trailing slash",
      rules: [{ users: ["*"], actions: ["create"], scopes: [`${RG_PROD}/`] }],
      req: request(),
      allowed: true,
    },
    {
      case: "scope on whole segments: rg-prod is not rg-prod2",
      rules: [{ users: ["*"], actions: ["create"], scopes: [RG_PROD] }],
      req: request({ targetId: VM_PROD2 }),
      allowed: false,
    },
    {
      case: "subscription scope",
      rules: [{ users: ["*"], actions: ["create"], scopes: [`/subscriptions/${SUB}`] }],
      req: request({ targetId: VM_PROD2 }),
      allowed: true,
    },
    {
      case: "other subscription",
      rules: [{ users: ["*"], actions: ["create"], scopes: ["/subscriptions/2"] }],
      req: request(),
      allowed: false,
    },
    {
      case: "a VM scope covers that VM",
      rules: [{ users: ["*"], actions: ["create"], scopes: [VM_WEB] }],
      req: request(),
      allowed: true,
    },
    {
      case: "a VM scope does not cover a longer-named VM",
      rules: [{ users: ["*"], actions: ["create"], scopes: [VM_WEB] }],
      req: request({ targetId: `${VM_WEB}0` }),
      allowed: false,
    },
    {
      case: "star scope",
      rules: [{ users: ["*"], actions: ["create"], scopes: ["*"] }],
      req: request(),
      allowed: true,
    },
    {
      case: "no target, unscoped rule",
      rules: [{ users: ["*"], actions: ["check"] }],
      req: request({ action: "check", targetId: undefined }),
      allowed: true,
    },
    {
      case: "no target, star scope",
      rules: [{ users: ["*"], actions: ["check"], scopes: ["*"] }],
      req: request({ action: "check", targetId: undefined }),
      allowed: true,
    },
    {
      case: "no target, scoped rule",
      rules: [{ users: ["*"], actions: ["check"], scopes: [RG_PROD] }],
      req: request({ action: "check", targetId: undefined }),
      allowed: false,
    },
    {
      case: "conditions must meet in one rule, not across rules",
      rules: [
        { users: [ALICE], actions: ["check"] },
        { users: ["slack:T1:UBOB"], actions: ["create"] },
      ],
      req: request(),
      allowed: false,
    },
    {
      case: "any one of several rules",
      rules: [
        { users: ["slack:T1:UBOB"], actions: ["create"] },
        { users: [ALICE], actions: ["create"], scopes: [VM_PROD2] },
        { users: ["teams:*", ALICE], actions: ["check", "create"], scopes: [`/subscriptions/${SUB}`] },
      ],
      req: request(),
      allowed: true,
    },
  ];

  it.each(cases)("$case -> allowed: $allowed", ({ rules, req, allowed }) => {
    expect(authorise(req, policyOf(...rules)).allowed).toBe(allowed);
  });

  it("names the rule that allowed the request, with its description", () => {
    const policy = policyOf(
      { users: ["*"], actions: ["check"] },
      { users: [ALICE], actions: ["create"], description: "ops in rg-prod" },
    );
    expect(authorise(request(), policy)).toStrictEqual({ allowed: true, rule: "rules[1] (ops in rg-prod)" });
    expect(authorise(request({ action: "check" }), policy)).toStrictEqual({
      allowed: true,
      rule: "rules[0]",
    });
  });

  it.each([
    {
      case: "no rule for the user",
      rules: [{ users: ["slack:T1:UBOB"], actions: ["create"] }],
      req: request(),
      reason: `The policy has no rule for you (${ALICE}).`,
    },
    {
      case: "not this action",
      rules: [{ users: [ALICE], actions: ["check"] }],
      req: request(),
      reason: `The policy does not let you (${ALICE}) create restore points.`,
    },
    {
      case: "not this channel",
      rules: [{ users: [ALICE], actions: ["create"], channels: ["slack:C1"] }],
      req: request({ channelId: "slack:C2" }),
      reason: `The policy lets you (${ALICE}) create restore points only in certain channels, not here.`,
    },
    {
      case: "not in a direct message",
      rules: [{ users: [ALICE], actions: ["create"], channels: ["slack:C1"] }],
      req: request(),
      reason: `The policy lets you (${ALICE}) create restore points only in certain channels, not in direct messages or the terminal.`,
    },
    {
      case: "not this VM",
      rules: [{ users: [ALICE], actions: ["create"], scopes: [RG_PROD] }],
      req: request({ targetId: VM_PROD2 }),
      reason: `The policy does not let you (${ALICE}) create restore points of rg-prod2/vm-x.`,
    },
    {
      case: "not the whole fleet",
      rules: [{ users: [ALICE], actions: ["check"], scopes: [RG_PROD] }],
      req: request({ action: "check", targetId: undefined }),
      reason: `The policy lets you (${ALICE}) check VMs only for some VMs, not for the whole fleet at once.`,
    },
  ] satisfies Array<{ case: string; rules: PolicyRule[]; req: AuthorisationRequest; reason: string }>)(
    "refusal says why: $case",
    ({ rules, req, reason }) => {
      const decision = authorise(req, policyOf(...rules));
      expect(decision).toMatchObject({ allowed: false, reason });
    },
  );

  it("tells a refused person which rule to ask for", () => {
    const decision = authorise(request(), policyOf({ users: ["*"], actions: ["check"] }));
    if (decision.allowed) throw new Error("expected a refusal");
    expect(decision.howToGrant.split("\n")).toStrictEqual([
      "Ask whoever maintains the policy file (RPBOT_POLICY) to add a rule like this one:",
      `  - users: ["${ALICE}"]`,
      "    actions: [create]",
      `    scopes: ["${RG_PROD}"]`,
    ]);
  });
});

describe("parsePolicy", () => {
  it("accepts a complete policy and keeps it as written", () => {
    const value = {
      rules: [
        { users: ["*"], actions: ["check"] },
        {
          description: "ops",
          users: [ALICE, "teams:0000"],
          channels: ["slack:C1", "teams:19:abc@thread.tacv2"],
          actions: ["check", "create"],
          scopes: [RG_PROD, "*"],
        },
      ],
    };
    expect(parsePolicy(value)).toStrictEqual({ ok: true, policy: value });
  });

  it("accepts an empty list of rules (nothing is allowed)", () => {
    expect(parsePolicy({ rules: [] })).toStrictEqual({ ok: true, policy: { rules: [] } });
  });

  it.each([
    { case: "not a mapping", value: null, problems: ['the policy must be a mapping with a "rules" list'] },
    { case: "a list at the top", value: [], problems: ['the policy must be a mapping with a "rules" list'] },
    { case: "no rules", value: {}, problems: ["rules: is required"] },
    {
      case: "rules not a list",
      value: { rules: { users: ["*"] } },
      problems: ["rules: must be a list of rules"],
    },
    {
      case: "unknown top-level key",
      value: { rules: [], default: "allow" },
      problems: ["default: unknown key (expected rules)"],
    },
    {
      case: "a rule that is not a mapping",
      value: { rules: ["*"] },
      problems: ["rules[0]: must be a mapping with users and actions"],
    },
    {
      case: "a misspelt key",
      value: { rules: [{ users: ["*"], actions: ["check"], scope: [RG_PROD] }] },
      problems: ["rules[0].scope: unknown key (expected users, channels, actions, scopes, description)"],
    },
    {
      case: "missing users and actions",
      value: { rules: [{ description: "x" }] },
      problems: ["rules[0].users: is required", "rules[0].actions: is required"],
    },
    {
      case: "empty users and actions",
      value: { rules: [{ users: [], actions: [] }] },
      problems: ["rules[0].users: must not be empty", "rules[0].actions: must not be empty"],
    },
    {
      case: "a single string instead of a list",
      value: { rules: [{ users: "*", actions: ["check"] }] },
      problems: ['rules[0].users: must be a list, e.g. ["..."]'],
    },
    {
      case: "an unknown action",
      value: {
        rules: [
          { users: ["*"], actions: ["check"] },
          { users: ["*"], actions: ["create", "destroy"] },
        ],
      },
      problems: ['rules[1].actions[1]: must be check, create or delete (got "destroy")'],
    },
    {
      case: "a user id without its platform",
      value: { rules: [{ users: ["alice"], actions: ["check"] }] },
      problems: [
        'rules[0].users[0]: "alice" is not a chat user id: write console:<user>, slack:<team>:<user> or teams:<aad object id> (* for any part)',
      ],
    },
    {
      case: "an empty user",
      value: { rules: [{ users: [" "], actions: ["check"] }] },
      problems: ["rules[0].users[0]: must be non-empty text"],
    },
    {
      case: "a terminal channel",
      value: { rules: [{ users: ["*"], channels: ["console:x"], actions: ["check"] }] },
      problems: [
        "rules[0].channels[0]: the terminal has no channels: leave channels out to allow the terminal",
      ],
    },
    {
      case: "empty channels",
      value: { rules: [{ users: ["*"], channels: [], actions: ["check"] }] },
      problems: [
        "rules[0].channels: must not be empty (leave channels out to allow every channel, direct messages and the terminal)",
      ],
    },
    {
      case: "a scope that is not an id prefix",
      value: { rules: [{ users: ["*"], actions: ["check"], scopes: ["rg-prod"] }] },
      problems: [
        'rules[0].scopes[0]: "rg-prod" is not a resource id prefix; write "*" or a resource id prefix like /subscriptions/<id>/resourceGroups/<name>',
      ],
    },
    {
      case: "a misspelt resourceGroups segment",
      value: {
        rules: [{ users: ["*"], actions: ["check"], scopes: [`/subscriptions/${SUB}/resourceGroup/rg`] }],
      },
      problems: [expect.stringContaining("rules[0].scopes[0]: ")],
    },
    {
      case: "a half segment",
      value: {
        rules: [{ users: ["*"], actions: ["check"], scopes: [`/subscriptions/${SUB}/resourceGroups`] }],
      },
      problems: [expect.stringContaining("is not a resource id prefix")],
    },
    {
      case: "a wildcard inside a scope",
      value: {
        rules: [{ users: ["*"], actions: ["check"], scopes: ["/subscriptions/*/resourceGroups/rg"] }],
      },
      problems: [expect.stringContaining("wildcards are not allowed inside a scope")],
    },
    {
      case: "a description that is not text",
      value: { rules: [{ users: ["*"], actions: ["check"], description: 3 }] },
      problems: ["rules[0].description: must be text"],
    },
  ])("refuses $case, naming the path", ({ value, problems }) => {
    expect(problemsOf(value)).toStrictEqual(problems);
  });

  it("reports every problem at once", () => {
    const problems = problemsOf({ rules: [{ user: ["*"] }, { users: ["*"], actions: ["write"] }] });
    expect(problems).toStrictEqual([
      "rules[0].user: unknown key (expected users, channels, actions, scopes, description)",
      "rules[0].users: is required",
      "rules[0].actions: is required",
      'rules[1].actions[0]: must be check, create or delete (got "write")',
    ]);
  });
});
