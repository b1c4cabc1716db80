import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { authorise } from "../../../src/core/policy.js";
import { loadPolicyFile, PolicyFileError } from "../../../src/runtime/policy-file.js";

const directory = mkdtempSync(join(tmpdir(), "rpbot-policy-"));
const EXAMPLE = fileURLToPath(new URL("../../../docs/policy.example.yaml", import.meta.url));

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

function writePolicy(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

function errorOf(path: string): PolicyFileError {
  try {
    loadPolicyFile(path);
  } catch (error) {
    if (error instanceof PolicyFileError) return error;
    throw error;
  }
  throw new Error("expected a PolicyFileError");
}

describe("loadPolicyFile", () => {
  it("reads YAML", () => {
    const path = writePolicy(
      "policy.yaml",
      [
        "# comments are fine",
        "rules:",
        "  - users: ['*']",
        "    actions: [check]",
        "  - users:",
        "      - slack:T1:U1",
        "    channels: [slack:C1]",
        "    actions: [create]",
        "    scopes: [/subscriptions/1/resourceGroups/rg-prod]",
      ].join("\n"),
    );
    expect(loadPolicyFile(path)).toStrictEqual({
      rules: [
        { users: ["*"], actions: ["check"] },
        {
          users: ["slack:T1:U1"],
          channels: ["slack:C1"],
          actions: ["create"],
          scopes: ["/subscriptions/1/resourceGroups/rg-prod"],
        },
      ],
    });
  });

  it("reads JSON", () => {
    const path = writePolicy(
      "policy.json",
      JSON.stringify({ rules: [{ users: ["console:*"], actions: ["check", "create"] }] }, null, 2),
    );
    expect(loadPolicyFile(path)).toStrictEqual({
      rules: [{ users: ["console:*"], actions: ["check", "create"] }],
    });
  });

  it("reads the documented example, which means what its comments say", () => {
    const policy = loadPolicyFile(EXAMPLE);
    const ops = "slack:T0123ABCD:U0AAAAAAA";
    const prodVm =
      "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm-1";
    const stagingVm =
      "/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg-stage/providers/Microsoft.Compute/virtualMachines/vm-2";
    const create = { platform: "slack", action: "create" } as const;
    expect(
      authorise({ ...create, userId: "teams:someone", action: "check", targetId: prodVm }, policy),
    ).toMatchObject({ allowed: true });
    expect(authorise({ ...create, userId: ops, targetId: prodVm }, policy)).toMatchObject({ allowed: true });
    expect(authorise({ ...create, userId: "slack:T0123ABCD:U0ZZZ", targetId: prodVm }, policy).allowed).toBe(
      false,
    );
    const inSnapChannel = { ...create, userId: "slack:T0123ABCD:U0ZZZ", targetId: stagingVm };
    expect(authorise({ ...inSnapChannel, channelId: "slack:C0123SNAP" }, policy).allowed).toBe(true);
    expect(authorise(inSnapChannel, policy).allowed).toBe(false);
    expect(
      authorise({ ...create, platform: "console", userId: "console:me", targetId: prodVm }, policy).allowed,
    ).toBe(true);
  });

  it("names the file, the line and the column of a syntax error", () => {
    const path = writePolicy("broken.yaml", "rules:\n  - users: ['*']\n    actions: [check\n");
    const error = errorOf(path);
    expect(error.code).toBe("config-error");
    expect(error.message).toMatch(
      new RegExp(`^${escapeRegExp(path)}: not valid YAML or JSON: .* at line \\d+, column \\d+`),
    );
    expect(error.message).not.toContain("\n");
  });

  it("names the line of a syntax error in JSON", () => {
    const path = writePolicy(
      "broken.json",
      '{\n  "rules": [\n    { "users": ["*"], "actions": ["check"] \n  ]\n}\n',
    );
    expect(errorOf(path).message).toContain("at line 4");
  });

  it("refuses duplicate keys, which would otherwise silently drop one of them", () => {
    const path = writePolicy(
      "dup.yaml",
      "rules:\n  - users: ['*']\n    actions: [check]\n    actions: [create]\n",
    );
    expect(errorOf(path).message).toContain("Map keys must be unique at line 4, column 5");
  });

  it("names the file and the first problems of a policy of the wrong shape", () => {
    const path = writePolicy(
      "shape.yaml",
      "rules:\n  - user: ['*']\n    actions: [check, destroy]\n  - users: []\n    actions: [create]\n",
    );
    const error = errorOf(path);
    expect(error.message).toBe(
      `${path}: invalid policy: rules[0].user: unknown key (expected users, channels, actions, scopes, description); rules[0].users: is required; rules[0].actions[1]: must be check, create or delete (got "destroy") (and 1 more problem)`,
    );
    expect(error.problems).toHaveLength(4);
  });

  it("refuses an empty file", () => {
    expect(errorOf(writePolicy("empty.yaml", "")).message).toContain(
      'invalid policy: the policy must be a mapping with a "rules" list',
    );
  });

  it("refuses an alias bomb instead of expanding it", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (const [name, previous] of [
      ["b", "a"],
      ["c", "b"],
      ["d", "c"],
      ["e", "d"],
    ]) {
      bomb.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
    }
    expect(errorOf(writePolicy("bomb.yaml", bomb.join("\n"))).message).toContain(
      "not usable: Excessive alias count",
    );
  });

  it("says when the file cannot be read", () => {
    const path = join(directory, "missing.yaml");
    expect(errorOf(path).message).toMatch(
      new RegExp(`^${escapeRegExp(path)}: cannot read the policy file \\(.*ENOENT`),
    );
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
