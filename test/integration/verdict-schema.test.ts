/**
 * The JSON contracts of docs/verdict.md and docs/cli.md hold for what the bot really prints: the verdict of
 * every VM of the built-in sample fleet, with and without --explain, validated with ajv against
 * docs/verdict.schema.json; the real CLI's stdout; its error objects against docs/error.schema.json. And the
 * schemas can fail: whatever breaks the contract is refused.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { checkVm } from "../../src/operations/check-vm.js";
import { type ArmRuntime, startArmRuntime } from "../../src/runtime/arm-runtime.js";
import { buildSampleFleet } from "../../src/simulator/index.js";
import { runCli } from "../support/run-cli.js";
import { type SimProcess, startSimProcess } from "../support/sim-process.js";

type Json = Record<string, unknown>;

const readDoc = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../../docs/${name}`, import.meta.url), "utf8")) as Json;

// strictRequired is off because `required` inside if/then names properties declared by the enclosing schema.
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
ajv.addSchema(readDoc("verdict.schema.json"), "verdict");
ajv.addSchema(readDoc("error.schema.json"), "error");

function validator(ref: string): ValidateFunction {
  const validate = ajv.getSchema(ref);
  if (!validate) throw new Error(`no schema at ${ref}`);
  return validate;
}

const anyVerdict = validator("verdict");
const plainVerdict = validator("verdict#/$defs/plainVerdict");
const explainedVerdict = validator("verdict#/$defs/explainedVerdict");
const cliError = validator("error");

/** ajv's complaints, one line each; [] when the value is valid. */
function problems(validate: ValidateFunction, value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? ""}`);
}

/** What `rpbot check --json` prints is JSON.stringify of the verdict (check.command.ts): validate that text. */
function printed(value: unknown): Json {
  return JSON.parse(JSON.stringify(value, null, 2)) as Json;
}

const VM_TYPES = new Set([
  "microsoft.compute/virtualmachines",
  "microsoft.compute/virtualmachinescalesets/virtualmachines",
]);

function isVmResource(resource: unknown): resource is { id: string; name: string; type: string } {
  if (typeof resource !== "object" || resource === null) return false;
  const { id, name, type } = resource as Json;
  return (
    typeof id === "string" &&
    typeof name === "string" &&
    typeof type === "string" &&
    VM_TYPES.has(type.toLowerCase())
  );
}

/** "rg-web/vm-web-01 (1111…)": names alone are ambiguous in the sample fleet. */
function label(id: string): string {
  const parts = id.split("/");
  return `${parts[4]}/${parts.at(-1)} (${parts[2]?.slice(0, 4)}…)`;
}

/** Every VM and Uniform scale-set instance of the sample fleet, checked by resource id. */
const SAMPLE_VMS = buildSampleFleet(new Date()).resources.filter(isVmResource);

describe("the verdict of every sample VM matches docs/verdict.schema.json", () => {
  const config = loadConfig({});
  let runtime: ArmRuntime;
  let stopWarm: () => void;
  // Kept warm as in serve: 90 checks then share one collection listing instead of pacing ~120 graph queries
  // through the service's quota (15 per 5 s), which took 40 s.
  beforeAll(async () => {
    runtime = await startArmRuntime(config.arm);
    stopWarm = runtime.gateway.keepWarm();
  });
  afterAll(async () => {
    stopWarm();
    await runtime.close();
  });

  async function verdictOf(id: string, explain: boolean): Promise<Json> {
    const deps = { arm: runtime.gateway, limits: config.limits, now: () => new Date() };
    const outcome = await checkVm(deps, id, { explain });
    if (!outcome.ok) throw new Error(`${id}: ${outcome.code}: ${outcome.message}`);
    return printed(outcome.verdict);
  }

  it("walks the whole fleet, Uniform scale-set instances included", () => {
    expect(SAMPLE_VMS.length).toBeGreaterThanOrEqual(45);
    expect(SAMPLE_VMS.some((vm) => vm.type.toLowerCase().endsWith("scalesets/virtualmachines"))).toBe(true);
  });

  it.each(SAMPLE_VMS.map((vm) => [label(vm.id), vm.id]))("%s", async (_label, id) => {
    const plain = await verdictOf(id, false);
    expect(problems(plainVerdict, plain)).toEqual([]);
    expect(plain.matrix).toBeUndefined();
    const explained = await verdictOf(id, true);
    expect(problems(explainedVerdict, explained)).toEqual([]);
  });
});

describe("the real CLI's stdout matches the schemas", () => {
  let sim: SimProcess;
  beforeAll(async () => {
    sim = await startSimProcess(["--port", "0"]);
  });
  afterAll(() => sim.stop());

  it.concurrent.each([
    ["vm-sql-01", ["--json"], plainVerdict],
    ["vm-recent-app-01", ["--json"], plainVerdict],
    ["vm-busy-01", ["--json", "--explain"], explainedVerdict],
  ] as const)("rpbot check %s %s", async (vm, flags, validate) => {
    const result = await runCli(["check", vm, ...flags], sim.env);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const verdict = JSON.parse(result.stdout);
    expect(problems(validate, verdict)).toEqual([]);
    // vm-recent-app-01 waits only for time: the one case with a next allowed time to validate.
    if (vm === "vm-recent-app-01")
      expect(verdict.modes.ApplicationConsistent.nextAllowedAt).toEqual(expect.any(String));
  });

  it.concurrent.each([
    ["vm-app-01", "vm-ambiguous", 2],
    // Its suggestions: vm-web-01 and vm-web-02 a typo away, and one more sharing the word "web".
    ["vm-web-1", "vm-not-found", 3],
    ["a/b/c", "bad-input", 0],
  ] as const)("rpbot check %s --json: a %s error object, exit 1", async (vm, code, candidates) => {
    const result = await runCli(["check", vm, "--json"], sim.env);
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split("\n")).toHaveLength(1);
    const output = JSON.parse(result.stdout);
    expect(problems(cliError, output)).toEqual([]);
    expect(output.error.code).toBe(code);
    expect(output.error.candidates).toHaveLength(candidates);
  });

  it("rpbot audit --json prints the same error object", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "rpbot-audit-")), "audit.db");
    const result = await runCli(["audit", "--json", "--since", "yesterday"], { RPBOT_DB: db });
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout);
    expect(problems(cliError, output)).toEqual([]);
    expect(output.error.code).toBe("bad-input");
  });
});

describe("the schemas refuse what breaks the contract", () => {
  let runtime: ArmRuntime;
  let sample: Json;
  beforeAll(async () => {
    const config = loadConfig({});
    runtime = await startArmRuntime(config.arm);
    const deps = { arm: runtime.gateway, limits: config.limits, now: () => new Date() };
    // vm-sql-01: an Ultra disk left out of crash-consistent points; advisories; every field filled in.
    const outcome = await checkVm(deps, "vm-sql-01", { explain: true });
    if (!outcome.ok) throw new Error(outcome.message);
    sample = printed(outcome.verdict);
  });
  afterAll(() => runtime.close());

  type Verdict = {
    vm: Json;
    modes: Record<
      "ApplicationConsistent" | "CrashConsistent",
      Json & { blockers: Json[]; excludeDisks: Json[] }
    >;
    advisories: Json[];
    matrix?: Json[];
  } & Json;
  const app = (verdict: Verdict) => verdict.modes.ApplicationConsistent;
  const crash = (verdict: Verdict) => verdict.modes.CrashConsistent;
  const block = (verdict: Verdict, rule: string) => {
    app(verdict).allowed = false;
    app(verdict).blockers = [{ rule, message: "Blocked." }];
  };

  const BROKEN: Array<[string, (verdict: Verdict) => void]> = [
    ["an unknown blocker code", (v) => block(v, "cosmic-rays")],
    ["an advisory code used as a blocker", (v) => block(v, "nfs-not-captured")],
    ["an unknown advisory code", (v) => v.advisories.push({ rule: "be-careful", message: "Careful." })],
    ["a blocker code used as an advisory", (v) => v.advisories.push({ rule: "too-soon", message: "Soon." })],
    [
      "an unknown exclusion code",
      (v) => (crash(v).excludeDisks[0] = { ...crash(v).excludeDisks[0], rule: "big-disk" }),
    ],
    [
      "an Ultra disk left out of an application-consistent point",
      (v) => app(v).excludeDisks.push(crash(v).excludeDisks[0] ?? {}),
    ],
    [
      "an OS blocker on crash consistency",
      (v) =>
        Object.assign(crash(v), { allowed: false, blockers: [{ rule: "os-not-supported", message: "No." }] }),
    ],
    [
      "an unknown code in a matrix row",
      (v) => (v.matrix ?? []).push({ rule: "feelings", scenario: "s", applies: false, outcome: "o" }),
    ],
    ["a missing checkedAt", (v) => delete v.checkedAt],
    ["a missing vm.location", (v) => delete v.vm.location],
    ["a missing nextAllowedAt", (v) => delete app(v).nextAllowedAt],
    [
      "a blocker without a message",
      (v) => {
        block(v, "too-soon");
        delete app(v).blockers[0]?.message;
      },
    ],
    ["an extra top-level field", (v) => (v.verdict = "yes")],
    ["an extra field in vm", (v) => (v.vm.tags = {})],
    ["an extra field in a mode", (v) => (crash(v).reason = "none")],
    ["an extra mode", (v) => Object.assign(v.modes, { FileSystemConsistent: app(v) })],
    ["a checkedAt that is not ISO-8601 UTC", (v) => (v.checkedAt = "2026-11-25 06:09")],
    [
      "a nextAllowedAt that is a number",
      (v) => {
        block(v, "too-soon");
        app(v).nextAllowedAt = 1_700_000_000_000;
      },
    ],
    ["an allowed mode with a blocker", (v) => (app(v).blockers = [{ rule: "too-soon", message: "Soon." }])],
    ["a refused mode without a blocker", (v) => (app(v).allowed = false)],
    [
      "a next allowed time when more than time is in the way",
      (v) => {
        app(v).allowed = false;
        app(v).blockers = [
          { rule: "creation-in-progress", message: "Busy." },
          { rule: "too-soon", message: "Soon." },
        ];
        app(v).nextAllowedAt = "2026-11-25T09:00:00.000Z";
      },
    ],
    ["allowed given as text", (v) => (crash(v).allowed = "true")],
  ];

  it("accepts the unbroken sample, so every refusal below is the breakage's doing", () => {
    expect(problems(explainedVerdict, sample)).toEqual([]);
    expect(crash(sample as Verdict).excludeDisks).toHaveLength(1);
  });

  it.each(BROKEN)("refuses %s", (_label, breakIt) => {
    const verdict = structuredClone(sample) as Verdict;
    breakIt(verdict);
    expect(problems(anyVerdict, verdict)).not.toEqual([]);
  });

  it("plainVerdict refuses a matrix; explainedVerdict requires one", () => {
    expect(problems(anyVerdict, sample)).toEqual([]);
    expect(problems(plainVerdict, sample)).not.toEqual([]);
    const { matrix: _matrix, ...withoutMatrix } = sample;
    expect(problems(plainVerdict, withoutMatrix)).toEqual([]);
    expect(problems(explainedVerdict, withoutMatrix)).not.toEqual([]);
  });

  const ambiguous = {
    error: {
      code: "vm-ambiguous",
      message: '"vm-app-01" matches 2 VMs.',
      candidates: [
        "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-app-01",
        "/subscriptions/2/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-app-01",
      ],
    },
  };

  it.each<[string, (error: Json) => void]>([
    ["an unknown error code", (e) => (e.code = "oops")],
    ["a missing candidates list", (e) => delete e.candidates],
    ["an ambiguous name with fewer than two candidates", (e) => (e.candidates = [])],
    ["candidates for anything but an ambiguous name or one not found", (e) => (e.code = "arm-error")],
    ["candidates that are not resource ids", (e) => (e.candidates = ["vm-app-01"])],
    ["a message on several lines", (e) => (e.message = "one\ntwo")],
    ["an extra field", (e) => (e.stack = "at main")],
  ])("refuses an error object with %s", (_label, breakIt) => {
    expect(problems(cliError, ambiguous)).toEqual([]);
    const output = structuredClone(ambiguous);
    breakIt(output.error);
    expect(problems(cliError, output)).not.toEqual([]);
  });

  it("accepts the suggestions of a name not found, or none", () => {
    const notFound = structuredClone(ambiguous);
    notFound.error.code = "vm-not-found";
    expect(problems(cliError, notFound)).toEqual([]);
    notFound.error.candidates = [];
    expect(problems(cliError, notFound)).toEqual([]);
  });

  it("knows internal-error, the code of a bug (exit 2)", () => {
    const bug = {
      error: { code: "internal-error", message: "Unexpected failure: x is undefined", candidates: [] },
    };
    expect(problems(cliError, bug)).toEqual([]);
  });
});
