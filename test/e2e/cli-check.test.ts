import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSampleFleet, startSimulator } from "../../src/simulator/index.js";
import { runCli } from "../support/run-cli.js";
import { PRODUCTION } from "../support/sim-fixture.js";
import { type SimProcess, startSimProcess } from "../support/sim-process.js";

let sim: SimProcess;

/** One external `rpbot sim` for the file, reached the way docs/cli.md says. */
beforeAll(async () => {
  sim = await startSimProcess(["--port", "0"]);
});
afterAll(() => sim.stop());

function viaSim(): Record<string, string> {
  return sim.env;
}

function malformedFleetFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), "rpbot-fleet-")), "fleet.json");
  writeFileSync(file, JSON.stringify({ resources: [{ id: "/subscriptions/x", type: 42 }] }));
  return file;
}

describe("rpbot sim", () => {
  it("prints its endpoint, the certificate to trust and the subscriptions as its first line", () => {
    expect(sim.info.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.info.caFile).toMatch(/\.pem$/);
    expect(sim.info.subscriptions).toHaveLength(2);
  });

  it("refuses a malformed fleet file as configuration, in one line, exit 1", async () => {
    const file = malformedFleetFile();
    const result = await runCli(["sim", "--fleet", file]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(
        new RegExp(`^Invalid fleet file: ${file}: resources\\[0\\].* \\(and \\d+ more problems?\\)$`),
      ),
    ]);
    expect(result.stdout).toBe("");
  });
});

describe("a surprise (a failure none of the bot's errors describes)", () => {
  // Nothing validates the port before Node's listen() does: its RangeError is a surprise of the CLI.
  const badPort = ["sim", "--port", "99999"];

  it("is not labelled arm-error: one line, a hint for the stack, exit 2", async () => {
    const result = await runCli(badPort);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(
        /^Unexpected failure: .*99999.* \(rerun with RPBOT_LOG_LEVEL=debug for the stack trace\)$/,
      ),
    ]);
  });

  it("prints the stack with RPBOT_LOG_LEVEL=debug", async () => {
    const result = await runCli(badPort, { RPBOT_LOG_LEVEL: "debug" });
    expect(result.code).toBe(2);
    const [first, ...stack] = result.stderr.trim().split("\n");
    expect(first).toMatch(/^Unexpected failure: .*99999/);
    expect(first).not.toMatch(/rerun with/);
    expect(stack.some((line) => /^\s+at /.test(line))).toBe(true);
  });
});

describe("rpbot check", () => {
  it("answers in words, per consistency mode", async () => {
    const result = await runCli(["check", "vm-sql-01"], viaSim());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^vm-sql-01 /);
    expect(result.stdout).toMatch(/Application-consistent: yes\n/);
    expect(result.stdout).toMatch(
      /Crash-consistent: yes, excluding 1 disk\n {2}- leaves out vm-sql-01-log-ultra \[ultra-disk\]/,
    );
    expect(result.stderr).toBe("");
  });

  it("prints the verdict of docs/verdict.md with --json, and a 'no' still exits 0", async () => {
    const result = await runCli(["check", "vm-recent-app-01", "--json"], viaSim());
    expect(result.code).toBe(0);
    const verdict = JSON.parse(result.stdout);
    expect(Object.keys(verdict).sort()).toEqual(["advisories", "checkedAt", "modes", "vm"]);
    expect(Object.keys(verdict.vm).sort()).toEqual([
      "id",
      "location",
      "name",
      "resourceGroup",
      "subscriptionId",
    ]);
    const app = verdict.modes.ApplicationConsistent;
    expect(Object.keys(app).sort()).toEqual(["allowed", "blockers", "excludeDisks", "nextAllowedAt"]);
    expect(app).toMatchObject({ allowed: false, blockers: [{ rule: "too-soon" }] });
    expect(Date.parse(app.nextAllowedAt)).toBeGreaterThan(Date.now());
    expect(verdict.modes.CrashConsistent.allowed).toBe(true);
  });

  it("adds every matrix row with --explain", async () => {
    const result = await runCli(["check", "vm-web-01", "--json", "--explain"], viaSim());
    const verdict = JSON.parse(result.stdout);
    expect(verdict.matrix.length).toBeGreaterThanOrEqual(60);
    expect(Object.keys(verdict.matrix[0]).sort()).toEqual(["applies", "outcome", "rule", "scenario"]);
    const text = await runCli(["check", "vm-web-01", "--explain"], viaSim());
    expect(text.stdout).toMatch(/Support matrix, row by row/);
    // The NFS note holds for every VM: --explain shows it, the plain answer only counts it.
    expect(text.stdout).toMatch(/\[nfs-not-captured\]/);
    const plain = await runCli(["check", "vm-web-01"], viaSim());
    expect(plain.stdout).not.toMatch(/nfs-not-captured/);
    expect(plain.stdout).toMatch(/\(\d+ more notes? with --explain\)/);
  });

  it("names the candidates of an ambiguous name and exits 1", async () => {
    const result = await runCli(["check", "vm-app-01", "--json"], viaSim());
    expect(result.code).toBe(1);
    const { error } = JSON.parse(result.stdout);
    expect(error.code).toBe("vm-ambiguous");
    expect(error.candidates).toHaveLength(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/rg-app\/vm-app-01 \(subscription 1111/);
  });

  it("says a VM is not found, with a suggestion", async () => {
    const result = await runCli(["check", "vm-web-1"], viaSim());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/No VM named "vm-web-1".*Did you mean .*vm-web-01/);
    expect(result.stdout).toBe("");
  });

  it("suggests vm-sql-01 for the sql box, with the same candidates in --json as on stderr", async () => {
    const sql = `/subscriptions/${PRODUCTION}/resourceGroups/rg-data/providers/Microsoft.Compute/virtualMachines/vm-sql-01`;
    const result = await runCli(["check", "the sql box", "--json"], viaSim());
    expect(result.code).toBe(1);
    const { error } = JSON.parse(result.stdout);
    expect(error).toEqual({ code: "vm-not-found", message: expect.any(String), candidates: [sql] });
    expect(result.stderr.trim()).toBe(
      `No VM named "the sql box" in the subscriptions this identity can see. Did you mean rg-data/vm-sql-01 (subscription ${PRODUCTION})?`,
    );
  });

  it("lists a typo's suggestions in --json in the order stderr names them", async () => {
    const result = await runCli(["check", "vm-web-1", "--json"], viaSim());
    const { error } = JSON.parse(result.stdout);
    expect(error.code).toBe("vm-not-found");
    const named = [...result.stderr.matchAll(/([\w-]+\/[\w-]+) \(subscription ([\w-]+)\)/g)].map(
      ([, groupAndName, subscription]) => `${subscription}/${groupAndName}`,
    );
    // A Uniform scale-set instance is named <set>_<instance>, its id ends .../<set>/virtualMachines/<instance>.
    const fromIds = (error.candidates as string[]).map((id) => {
      const [, subscription, group, path = ""] =
        /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Compute\/(.+)$/.exec(id) ??
        [];
      const name = path
        .replace(/^virtualMachineScaleSets\/([^/]+)\/virtualMachines\//, "$1_")
        .split("/")
        .pop();
      return `${subscription}/${group}/${name}`;
    });
    expect(named.length).toBeGreaterThan(0);
    expect(fromIds).toEqual(named);
    expect(fromIds[0]).toBe(`${PRODUCTION}/rg-web/vm-web-01`);
  });

  it.each([
    ["10,000 characters", "x".repeat(10_000)],
    ["too many slashes", "a/b/c"],
    ["an id of something else", "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Network/nics/n"],
  ])("refuses %s as bad input, in one line", async (_label, input) => {
    const result = await runCli(["check", input, "--json"], viaSim());
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).error.code).toBe("bad-input");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("refuses a malformed command line", async () => {
    const missing = await runCli(["check"], viaSim());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Give exactly one VM/);
    const unknownFlag = await runCli(["check", "vm-web-01", "--frobnicate", "--json"], viaSim());
    expect(JSON.parse(unknownFlag.stdout).error.code).toBe("bad-input");
  });

  it("explains bad configuration without a stack trace", async () => {
    const result = await runCli(["check", "vm-web-01", "--json"], { RPBOT_ARM: "cloud" });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).error).toMatchObject({
      code: "config-error",
      message: expect.stringMatching(/RPBOT_ARM/),
    });
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("says where a malformed fleet file is wrong", async () => {
    const file = malformedFleetFile();
    const result = await runCli(["check", "vm-web-01"], { RPBOT_SIM_FLEET: file });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toMatch(/resources\[0\]/);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    const json = await runCli(["check", "vm-web-01", "--json"], { RPBOT_SIM_FLEET: file });
    expect(JSON.parse(json.stdout).error).toMatchObject({
      code: "config-error",
      message: expect.stringMatching(/^Invalid fleet file: /),
    });
  });

  it("says ARM is unreachable in one line, exit 1, no stack trace", async () => {
    const result = await runCli(["check", "vm-web-01"], {
      ...viaSim(),
      RPBOT_ARM_ENDPOINT: "https://127.0.0.1:9",
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/Could not reach Azure Resource Manager/);
  });

  it("gives the verdict through ARM listings when Resource Graph refuses, and says so on stderr", async () => {
    const refusing = await startSimulator({
      fleet: buildSampleFleet(new Date()),
      resourceGraphQuota: { queries: 0, windowSeconds: 1 },
    });
    try {
      const result = await runCli(["check", "vm-web-01", "--json"], {
        RPBOT_ARM: "simulator",
        RPBOT_ARM_ENDPOINT: refusing.endpoint,
        NODE_EXTRA_CA_CERTS: refusing.caFile,
      });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).vm.name).toBe("vm-web-01");
      expect(result.stderr).toMatch(/^Warning: Resource Graph refused; listing through ARM instead: .*429/m);
      expect(refusing.stats().byRoute["virtualMachines.listAll"]).toBeGreaterThan(0);
    } finally {
      await refusing.close();
    }
  });

  it("runs on the built-in simulator when nothing is configured", async () => {
    const result = await runCli(["check", "vm-web-01", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).modes.ApplicationConsistent.allowed).toBe(true);
  });
});
