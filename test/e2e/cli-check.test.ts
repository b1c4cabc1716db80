import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";
import { type SimProcess, startSimProcess } from "../support/sim-process.js";

let sim: SimProcess;

/** One external `rpbot sim` for the file, reached the way DESIGN.md section 2 says. */
beforeAll(async () => {
  sim = await startSimProcess(["--port", "0"]);
});
afterAll(() => sim.stop());

function viaSim(): Record<string, string> {
  return sim.env;
}

describe("rpbot sim", () => {
  it("prints its endpoint, the certificate to trust and the subscriptions as its first line", () => {
    expect(sim.info.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.info.caFile).toMatch(/\.pem$/);
    expect(sim.info.subscriptions).toHaveLength(2);
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

  it("prints the verdict of DESIGN.md section 3 with --json, and a 'no' still exits 0", async () => {
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
    const dir = mkdtempSync(join(tmpdir(), "rpbot-fleet-"));
    const file = join(dir, "fleet.json");
    writeFileSync(file, JSON.stringify({ resources: [{ id: "/subscriptions/x", type: 42 }] }));
    const result = await runCli(["check", "vm-web-01"], { RPBOT_SIM_FLEET: file });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toMatch(/resources\[0\]/);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
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

  it("runs on the built-in simulator when nothing is configured", async () => {
    const result = await runCli(["check", "vm-web-01", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).modes.ApplicationConsistent.allowed).toBe(true);
  });
});
