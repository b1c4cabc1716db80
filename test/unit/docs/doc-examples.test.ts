/**
 * The examples in docs/ are what the bot really does: outputs are produced again from the sample fleet (or the
 * documented fleet file) and compared, JSON examples are validated against the schemas, and the policy and
 * configuration examples go through the real parsers.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { renderVerdictText } from "../../../src/commands/render-verdict.js";
import { runSimCommand } from "../../../src/commands/sim.command.js";
import { loadConfig } from "../../../src/config.js";
import { type AuthorisationRequest, authorise, type Policy, parsePolicy } from "../../../src/core/policy.js";
import type { Verdict } from "../../../src/core/verdict.js";
import { checkVm } from "../../../src/operations/check-vm.js";
import { type ArmRuntime, startArmRuntime } from "../../../src/runtime/arm-runtime.js";
import { loadPolicyFile } from "../../../src/runtime/policy-file.js";
import { validateFleet } from "../../../src/simulator/index.js";

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), "utf8");

/** The fenced code blocks of a markdown file in a given language, in order. */
function blocks(path: string, language: string): string[] {
  return [...read(path).matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)]
    .filter((match) => match[1] === language)
    .map((match) => match[2] ?? "");
}

function block(path: string, language: string, startsWith: string): string {
  const found = blocks(path, language).find((text) => text.startsWith(startsWith));
  if (found === undefined) throw new Error(`${path}: no ${language} block starting with ${startsWith}`);
  return found;
}

const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
ajv.addSchema(JSON.parse(read("docs/verdict.schema.json")), "verdict");
ajv.addSchema(JSON.parse(read("docs/error.schema.json")), "error");

function problems(ref: string, value: unknown): string[] {
  const validate: ValidateFunction | undefined = ajv.getSchema(ref);
  if (!validate) throw new Error(`no schema ${ref}`);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? ""}`);
}

const printed = (verdict: Verdict) => JSON.parse(JSON.stringify(verdict)) as Record<string, unknown>;

describe("against the sample fleet", () => {
  const config = loadConfig({});
  let runtime: ArmRuntime;
  beforeAll(async () => {
    runtime = await startArmRuntime(config.arm);
  });
  afterAll(() => runtime.close());

  async function verdictOf(vm: string, explain = false): Promise<Verdict> {
    const outcome = await checkVm(
      { arm: runtime.gateway, limits: config.limits, now: () => new Date() },
      vm,
      {
        explain,
      },
    );
    if (!outcome.ok) throw new Error(`${vm}: ${outcome.message}`);
    return outcome.verdict;
  }

  it("docs/verdict.md: the vm-sql-01 example is its verdict, but for the time", async () => {
    const example = JSON.parse(block("docs/verdict.md", "json", '{\n  "vm"'));
    expect(problems("verdict#/$defs/plainVerdict", example)).toEqual([]);
    const actual = printed(await verdictOf("vm-sql-01"));
    expect({ ...example, checkedAt: "" }).toEqual({ ...actual, checkedAt: "" });
  });

  it("docs/verdict.md: the too-soon mode example has the shape of vm-recent-app-01's", async () => {
    const example = JSON.parse(block("docs/verdict.md", "json", '{\n  "allowed"'));
    expect(problems("verdict#/$defs/mode", example)).toEqual([]);
    const actual = (await verdictOf("vm-recent-app-01")).modes.ApplicationConsistent;
    expect(example.blockers.map((b: { rule: string }) => b.rule)).toEqual(actual.blockers.map((b) => b.rule));
    expect([example.allowed, typeof example.nextAllowedAt]).toEqual([
      actual.allowed,
      typeof actual.nextAllowedAt,
    ]);
  });

  it("docs/verdict.md: the matrix rows are vm-sql-01's", async () => {
    const rows = JSON.parse(block("docs/verdict.md", "json", "["));
    for (const row of rows) expect(problems("verdict#/$defs/matrixRow", row)).toEqual([]);
    expect((await verdictOf("vm-sql-01", true)).matrix).toEqual(expect.arrayContaining(rows));
  });

  it("docs/cli.md: the text answer of vm-sql-01, and its --explain lines", async () => {
    const text = block("docs/cli.md", "text", "vm-sql-01  (");
    expect(renderVerdictText(await verdictOf("vm-sql-01"), new Date())).toBe(text.trimEnd());
    const explained = renderVerdictText(await verdictOf("vm-sql-01", true), new Date()).split("\n");
    const rows = block("docs/cli.md", "text", "Support matrix").trimEnd().split("\n");
    expect(explained).toEqual(expect.arrayContaining(rows));
  });
});

describe("docs/cli.md", () => {
  it("shows an error object the schema accepts", () => {
    const example = JSON.parse(block("docs/cli.md", "json", '{\n  "error"'));
    expect(problems("error", example)).toEqual([]);
    expect(example.error.code).toBe("vm-ambiguous");
  });

  it("shows the first line of rpbot sim with the fields it prints", async () => {
    const lines: string[] = [];
    const io = { out: (text: string) => lines.push(text), err: () => {} };
    await runSimCommand({ port: 0 }, io, () => new Date(), Promise.resolve());
    const first = JSON.parse(lines[0] ?? "{}");
    const example = JSON.parse(block("docs/cli.md", "json", '{\n  "endpoint"'));
    expect(Object.keys(example)).toEqual(Object.keys(first));
    expect(first.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(example.subscriptions).toEqual(first.subscriptions);
  });
});

describe("docs/fleet-file.md", () => {
  const example = () => JSON.parse(block("docs/fleet-file.md", "json", '{\n  "resources"'));

  it("has an example the simulator accepts", () => {
    expect(() => validateFleet(example(), "docs/fleet-file.md")).not.toThrow();
  });

  it("gives the answer it shows", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "rpbot-fleet-doc-")), "fleet.json");
    writeFileSync(file, JSON.stringify(example()));
    const config = loadConfig({ RPBOT_SIM_FLEET: file });
    const runtime = await startArmRuntime(config.arm);
    try {
      const now = () => new Date();
      const outcome = await checkVm({ arm: runtime.gateway, limits: config.limits, now }, "vm-demo-01");
      if (!outcome.ok) throw new Error(outcome.message);
      const shown = block("docs/fleet-file.md", "text", "vm-demo-01  (").trimEnd();
      expect(renderVerdictText(outcome.verdict, now())).toBe(shown);
    } finally {
      await runtime.close();
    }
  });
});

describe("docs/policy.md", () => {
  const policy = (): Policy => {
    const parsed = parsePolicy(parseYaml(block("docs/policy.md", "yaml", "rules:")));
    if (!parsed.ok) throw new Error(parsed.problems.join("; "));
    return parsed.policy;
  };

  /** The rows of the "Example decisions" table: user, where, action, VM, decision. */
  function decisions(): string[][] {
    const section = read("docs/policy.md").split("## Example decisions")[1] ?? "";
    return section
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .map((line) =>
        line
          .split("|")
          .slice(1, -1)
          .map((cell) => cell.trim().replace(/^`|`$/g, "")),
      );
  }

  it("has a format example the parser accepts", () => {
    expect(policy().rules).toHaveLength(4);
  });

  it("has example decisions to check", () => {
    expect(decisions().length).toBeGreaterThanOrEqual(8);
    expect(new Set(decisions().map((row) => row[4]))).toEqual(new Set(["allowed", "refused"]));
  });

  it.each(decisions())("%s in %s, %s of %s: %s", (user, where, action, vm, decision) => {
    const request: AuthorisationRequest = {
      userId: user,
      platform: user.split(":")[0]?.toLowerCase() as AuthorisationRequest["platform"],
      channelId: where.startsWith("(") ? undefined : where,
      action: action as AuthorisationRequest["action"],
      targetId: vm.startsWith("(") ? undefined : vm,
    };
    expect(authorise(request, policy()).allowed).toBe(decision === "allowed");
  });

  it("shows the error a bad file really gives", () => {
    const file = join(mkdtempSync(join(tmpdir(), "rpbot-policy-doc-")), "policy.yaml");
    writeFileSync(
      file,
      [
        "rules:",
        '  - users: ["*"]',
        "    actions: [check]",
        '  - users: ["console:*"]',
        "    actions: [Create]",
        '  - users: ["slack:T1:*"]',
        "    actions: [check]",
        "    colour: blue",
      ].join("\n"),
    );
    const shown = block("docs/policy.md", "text", "policy.yaml: ").trimEnd();
    expect(() => loadPolicyFile(file)).toThrow(shown.replace("policy.yaml", file));
  });
});

describe("docs/configuration.md", () => {
  it("shows the error bad values really give", () => {
    const shown = block("docs/configuration.md", "text", "Configuration is not valid").trimEnd();
    expect(() => loadConfig({ RPBOT_ARM: "cloud", PORT: "http" })).toThrow(shown);
  });
});
