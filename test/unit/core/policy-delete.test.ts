/** The `delete` action: refused outside the terminal by default, as `create` is; granted only by name. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  type AuthorisationRequest,
  authorise,
  mayEverDo,
  POLICY_ACTIONS,
  type Policy,
  parsePolicy,
  subscriptionsCoveringGroup,
} from "../../../src/core/policy.js";

const SUB = "11111111-1111-1111-1111-111111111111";
const RG_PROD = `/subscriptions/${SUB}/resourceGroups/rg-prod`;
const VM_WEB = `${RG_PROD}/providers/Microsoft.Compute/virtualMachines/vm-web-01`;
const VM_OTHER = `/subscriptions/${SUB}/resourceGroups/rg-other/providers/Microsoft.Compute/virtualMachines/vm-x`;
const ALICE = "slack:T1:UALICE";

function request(overrides: Partial<AuthorisationRequest> = {}): AuthorisationRequest {
  return { userId: ALICE, platform: "slack", action: "delete", targetId: VM_WEB, ...overrides };
}

describe("delete without a policy file", () => {
  it.each([
    ["in the terminal", request({ platform: "console", userId: "console:bob" }), true],
    ["on Slack", request(), false],
    ["on Teams", request({ platform: "teams", userId: "teams:a" }), false],
    ["of a resource group, on Slack (clean up)", request({ targetId: RG_PROD }), false],
  ])("%s -> allowed: %s", (_case, req, allowed) => {
    expect(authorise(req, undefined).allowed).toBe(allowed);
    expect(mayEverDo(req, undefined)).toBe(allowed);
  });

  it("refuses with a reason about deleting, and a snippet that keeps the defaults and grants exactly this", () => {
    const decision = authorise(request(), undefined);
    if (decision.allowed) throw new Error("expected a refusal");
    expect(decision.reason).toBe(
      "Deleting restore points from Slack is not enabled: without a policy file (RPBOT_POLICY) only the terminal chat may delete them.",
    );
    const parsed = parsePolicy(parse(decision.howToGrant.slice(decision.howToGrant.indexOf("rules:"))));
    if (!parsed.ok) throw new Error(parsed.problems.join("; "));
    expect(parsed.policy.rules).toStrictEqual([
      { users: ["*"], actions: ["check"] },
      { users: ["console:*"], actions: ["check", "create", "delete"] },
      { users: [ALICE], actions: ["delete"], scopes: [RG_PROD] },
    ]);
    const granted = parsed.policy;
    expect(authorise(request(), granted).allowed).toBe(true);
    expect(authorise(request({ action: "create" }), granted).allowed).toBe(false);
    expect(authorise(request({ targetId: VM_OTHER }), granted).allowed).toBe(false);
    expect(authorise(request({ platform: "console", userId: "console:bob" }), granted).allowed).toBe(true);
  });

  it("still words a refused creation as before", () => {
    const decision = authorise(
      request({ action: "create", platform: "teams", userId: "teams:a" }),
      undefined,
    );
    expect(decision).toMatchObject({
      allowed: false,
      reason:
        "Creating restore points from Microsoft Teams is not enabled: without a policy file (RPBOT_POLICY) only the terminal chat may create them.",
    });
  });
});

describe("delete under a policy", () => {
  const policy: Policy = {
    rules: [
      { users: ["*"], actions: ["check", "create"] },
      { users: [ALICE], actions: ["delete"], scopes: [RG_PROD], description: "alice prunes rg-prod" },
    ],
  };

  it.each([
    ["create does not grant delete", request({ userId: "slack:T1:UBOB" }), false],
    ["a delete rule in its scope", request(), true],
    ["a delete rule outside its scope", request({ targetId: VM_OTHER }), false],
    ["a delete rule covers its resource group (clean up)", request({ targetId: RG_PROD }), true],
  ])("%s -> allowed: %s", (_case, req, allowed) => {
    expect(authorise(req, policy).allowed).toBe(allowed);
  });

  it("a delete-only rule does not grant create", () => {
    const deleteOnly: Policy = { rules: [{ users: [ALICE], actions: ["delete"] }] };
    expect(authorise(request({ action: "create" }), deleteOnly).allowed).toBe(false);
    expect(authorise(request({ action: "check" }), deleteOnly).allowed).toBe(false);
  });

  it("names the rule that allowed it", () => {
    expect(authorise(request(), policy)).toStrictEqual({
      allowed: true,
      rule: "rules[1] (alice prunes rg-prod)",
    });
  });

  it.each([
    [
      "not this action",
      request({ userId: "slack:T1:UBOB" }),
      "The policy does not let you (slack:T1:UBOB) delete restore points.",
    ],
    [
      "not this VM",
      request({ targetId: VM_OTHER }),
      `The policy does not let you (${ALICE}) delete restore points of rg-other/vm-x.`,
    ],
  ])("says why it refuses: %s", (_case, req, reason) => {
    const decision = authorise(req, policy);
    expect(decision).toMatchObject({ allowed: false, reason });
    expect(decision.allowed ? "" : decision.howToGrant).toContain("    actions: [delete]");
  });

  it("finds the subscriptions where a person may delete in a group named by its name", () => {
    expect(subscriptionsCoveringGroup(request(), "rg-prod", policy)).toEqual([SUB]);
    expect(subscriptionsCoveringGroup(request({ userId: "slack:T1:UBOB" }), "rg-prod", policy)).toEqual([]);
  });
});

describe("the delete action in a policy file", () => {
  it("is one of the actions, after check and create", () => {
    expect(POLICY_ACTIONS).toEqual(["check", "create", "delete"]);
  });

  it("is read as written, lower case only", () => {
    const rule = { users: ["*"], actions: ["delete"] };
    expect(parsePolicy({ rules: [rule] })).toStrictEqual({ ok: true, policy: { rules: [rule] } });
    expect(parsePolicy({ rules: [{ users: ["*"], actions: ["Delete"] }] })).toStrictEqual({
      ok: false,
      problems: ['rules[0].actions[0]: must be check, create or delete (got "Delete")'],
    });
  });

  it("docs/policy.example.yaml lets the terminal and the ops group delete, and nobody else", () => {
    const text = readFileSync(new URL("../../../docs/policy.example.yaml", import.meta.url), "utf8");
    const parsed = parsePolicy(parse(text));
    if (!parsed.ok) throw new Error(parsed.problems.join("; "));
    const prodVm = `${RG_PROD}/providers/Microsoft.Compute/virtualMachines/vm-1`;
    const stagingVm =
      "/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg-stage/providers/Microsoft.Compute/virtualMachines/vm-2";
    const ops = request({ userId: "slack:T0123ABCD:U0AAAAAAA", targetId: prodVm });
    expect(authorise(ops, parsed.policy).allowed).toBe(true);
    expect(authorise({ ...ops, targetId: stagingVm }, parsed.policy).allowed).toBe(false);
    const inSnapChannel = request({
      userId: "slack:T0123ABCD:U0ZZZ",
      channelId: "slack:C0123SNAP",
      targetId: stagingVm,
    });
    expect(authorise({ ...inSnapChannel, action: "create" }, parsed.policy).allowed).toBe(true);
    expect(authorise(inSnapChannel, parsed.policy).allowed).toBe(false);
    expect(authorise(request({ platform: "console", userId: "console:me" }), parsed.policy).allowed).toBe(
      true,
    );
  });
});
