/** The questions the gate asks of a policy besides "is this allowed": may this person ever, and where. */
import { describe, expect, it } from "vitest";
import {
  type AuthorisationRequest,
  authorise,
  mayEverDo,
  type Policy,
  parsePolicy,
  subscriptionsCoveringGroup,
} from "../../../src/core/policy.js";

const SUB = "11111111-1111-1111-1111-111111111111";
const OTHER = "22222222-2222-2222-2222-222222222222";
const RG_PROD = `/subscriptions/${SUB}/resourceGroups/rg-prod`;
const VM = `${RG_PROD}/providers/Microsoft.Compute/virtualMachines/vm-web-01`;
const ALICE = "slack:T1:UALICE";
const person = {
  userId: ALICE,
  platform: "slack" as const,
  channelId: "slack:C0OPS",
  action: "check" as const,
};

function decide(policy: Policy, overrides: Partial<AuthorisationRequest>) {
  return authorise({ ...person, ...overrides }, policy);
}

describe("mayEverDo", () => {
  it("is false when no rule covers the person, the action and the channel, whatever the target", () => {
    const policy = { rules: [{ users: ["slack:T1:UBOB"], actions: ["check" as const] }] };
    expect(mayEverDo(person, policy)).toBe(false);
    expect(mayEverDo(person, { rules: [] })).toBe(false);
  });

  it("is true when a scoped rule covers the person here, even though it covers only some VMs", () => {
    const policy = { rules: [{ users: [ALICE], actions: ["check" as const], scopes: [RG_PROD] }] };
    expect(mayEverDo(person, policy)).toBe(true);
    expect(mayEverDo({ ...person, action: "create" }, policy)).toBe(false);
    expect(mayEverDo({ ...person, channelId: undefined }, policy)).toBe(true);
  });

  it("follows the default without a policy file: checks anywhere, creation in the terminal only", () => {
    expect(mayEverDo(person, undefined)).toBe(true);
    expect(mayEverDo({ ...person, action: "create" }, undefined)).toBe(false);
    expect(mayEverDo({ ...person, action: "create", platform: "console" }, undefined)).toBe(true);
  });
});

describe("scopes as targets: a report of a group or a subscription", () => {
  const groupRule = { rules: [{ users: ["*"], actions: ["check" as const], scopes: [RG_PROD] }] };

  it("covers the group it names, and nothing wider", () => {
    expect(decide(groupRule, { targetId: RG_PROD }).allowed).toBe(true);
    expect(decide(groupRule, { targetId: `/subscriptions/${SUB}/resourceGroups/RG-PROD` }).allowed).toBe(
      true,
    );
    expect(decide(groupRule, { targetId: `/subscriptions/${SUB}` }).allowed).toBe(false);
    expect(decide(groupRule, { targetId: undefined }).allowed).toBe(false);
    expect(decide(groupRule, { targetId: `/subscriptions/*/resourceGroups/rg-prod` }).allowed).toBe(false);
  });

  it("lets a subscription rule cover its groups and the subscription itself", () => {
    const policy = {
      rules: [{ users: ["*"], actions: ["check" as const], scopes: [`/subscriptions/${SUB}`] }],
    };
    expect(decide(policy, { targetId: RG_PROD }).allowed).toBe(true);
    expect(decide(policy, { targetId: `/subscriptions/${SUB}` }).allowed).toBe(true);
    expect(decide(policy, { targetId: `/subscriptions/${OTHER}` }).allowed).toBe(false);
  });

  it("lets only an unscoped rule cover a group named in every subscription", () => {
    const open = { rules: [{ users: ["*"], actions: ["check" as const], scopes: ["*"] }] };
    expect(decide(open, { targetId: `/subscriptions/*/resourceGroups/rg-prod` }).allowed).toBe(true);
  });
});

describe("subscriptionsCoveringGroup", () => {
  it("names the subscriptions whose group of that name a rule covers, compared case-insensitively", () => {
    const policy: Policy = {
      rules: [
        { users: [ALICE], actions: ["check"], scopes: [RG_PROD, `${RG_PROD}2`] },
        { users: [ALICE], actions: ["check"], scopes: [`/subscriptions/${OTHER}`] },
        { users: ["slack:T1:UBOB"], actions: ["check"], scopes: ["*"] },
        { users: [ALICE], actions: ["create"], scopes: ["*"] },
        {
          users: [ALICE],
          actions: ["check"],
          scopes: [`${RG_PROD}/providers/Microsoft.Compute/virtualMachines/vm-1`],
        },
      ],
    };
    expect(subscriptionsCoveringGroup(person, "RG-prod", policy)).toEqual([SUB, OTHER]);
    expect(subscriptionsCoveringGroup(person, "rg-web", policy)).toEqual([OTHER]);
  });

  it("does not count a rule for one VM as a rule for its group", () => {
    const policy: Policy = {
      rules: [
        {
          users: [ALICE],
          actions: ["check"],
          scopes: [`${RG_PROD}/providers/Microsoft.Compute/virtualMachines/vm-1`],
        },
      ],
    };
    expect(subscriptionsCoveringGroup(person, "rg-prod", policy)).toEqual([]);
  });

  it("says anywhere for an unscoped rule, and nowhere for a person without one", () => {
    const policy: Policy = { rules: [{ users: [ALICE], actions: ["check"], channels: ["slack:C0OPS"] }] };
    expect(subscriptionsCoveringGroup(person, "rg-prod", policy)).toBe("anywhere");
    expect(subscriptionsCoveringGroup({ ...person, channelId: "slack:C0DEV" }, "rg-prod", policy)).toEqual(
      [],
    );
    expect(subscriptionsCoveringGroup(person, "rg-prod", undefined)).toBe("anywhere");
    expect(subscriptionsCoveringGroup({ ...person, action: "create" }, "rg-prod", undefined)).toEqual([]);
  });
});

describe("refusals", () => {
  const policy: Policy = {
    rules: [{ users: ["*"], actions: ["check"], scopes: [`/subscriptions/${OTHER}`] }],
  };

  it("name the target as the person named it, never where it lives", () => {
    const refused = decide(policy, { targetId: VM, targetLabel: "vm-web-01" });
    expect(refused).toMatchObject({ allowed: false });
    if (refused.allowed) return;
    expect(refused.reason).toBe(`The policy does not let you (${ALICE}) check VMs of vm-web-01.`);
    expect(refused.howToGrant).toContain(RG_PROD);
  });

  it("without a label, name the VM by group and name", () => {
    const refused = decide(policy, { targetId: VM });
    expect(refused.allowed ? "" : refused.reason).toMatch(/of rg-prod\/vm-web-01\.$/);
  });
});

describe("rules with several scopes or channels", () => {
  const policy = parsePolicy({
    rules: [
      {
        users: [ALICE],
        actions: ["check"],
        channels: ["slack:C0OPS", "slack:C0DEV"],
        scopes: [`/subscriptions/${OTHER}`, RG_PROD],
      },
    ],
  });

  it("match when any one of them does", () => {
    if (!policy.ok) throw new Error(policy.problems.join("; "));
    expect(decide(policy.policy, { targetId: VM, channelId: "slack:C0DEV" }).allowed).toBe(true);
    expect(decide(policy.policy, { targetId: VM, channelId: "slack:C0OPS" }).allowed).toBe(true);
    expect(decide(policy.policy, { targetId: VM, channelId: "slack:C0HR" }).allowed).toBe(false);
  });

  it("refuse a scope that does not start with /subscriptions/", () => {
    for (const scope of [
      "subscriptions/x/resourceGroups/y",
      `/tenants/${SUB}/resourceGroups/y`,
      `x/subscriptions/${SUB}`,
    ])
      expect(parsePolicy({ rules: [{ users: ["*"], actions: ["check"], scopes: [scope] }] }).ok).toBe(false);
  });
});
