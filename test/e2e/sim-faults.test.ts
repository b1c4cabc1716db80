/** `rpbot sim` with startup faults, driven over its control port as a person rehearsing an incident would. */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";
import { COMPUTE_API_VERSION, rawRequest, simClient } from "../support/sim-client.js";
import { POLL, PRODUCTION } from "../support/sim-fixture.js";
import { type SimControl, type SimProcess, startSimProcess } from "../support/sim-process.js";

const VM = `/subscriptions/${PRODUCTION}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/vm-web-01?api-version=${COMPUTE_API_VERSION}`;

describe("rpbot sim --control-port 0 --fail-creations 1:SomeCode", () => {
  let sim: SimProcess;
  let control: SimControl;
  let address: { endpoint: string; caPem: string };
  beforeAll(async () => {
    sim = await startSimProcess([
      "--control-port",
      "0",
      "--fail-creations",
      "1:SomeCode",
      "--restore-point-duration",
      "50",
    ]);
    control = sim.control();
    address = { endpoint: sim.info.endpoint, caPem: readFileSync(sim.info.caFile, "utf8") };
  });
  afterAll(() => sim.stop());

  it("adds the control URL to its first line", () => {
    expect(sim.info.control).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Object.keys(sim.info)).toEqual(["endpoint", "caFile", "subscriptions", "control"]);
  });

  it("fails the first creation with the code from the flag, then creates normally", async () => {
    expect((await control.faults.get()).failCreations).toMatchObject({ count: 1, code: "SomeCode" });
    const before = (await control.stats()).restorePoints;
    const client = simClient(address, PRODUCTION);
    const create = (name: string) =>
      client.restorePoints.create(
        "rg-web",
        "rpc-vm-web-01",
        name,
        { consistencyMode: "CrashConsistent" },
        POLL,
      );
    await expect(create("rp-e2e-failed")).rejects.toThrow("SomeCode");
    expect((await create("rp-e2e-ok")).provisioningState).toBe("Succeeded");
    const stats = await control.stats();
    expect(stats.restorePoints).toBe(before + 2);
    expect(stats.byRoute["restorePoints.create"]).toBe(2);
  });

  it("takes read faults over the control port, and clears them", async () => {
    await control.faults.set({ reads: { share: 1, status: 429, retryAfterSeconds: 3600 } });
    const throttled = await rawRequest(address, "GET", VM);
    expect([throttled.status, throttled.headers["retry-after"]]).toEqual([429, "3600"]);
    expect((await control.faults.clear()).reads.share).toBe(0);
    expect((await rawRequest(address, "GET", VM)).status).toBe(200);
  });
});

describe("rpbot sim --generate 20 --subscriptions 3", () => {
  it("lists the 3 subscriptions of the generated fleet in its first line", async () => {
    const sim = await startSimProcess(["--generate", "20", "--subscriptions", "3"]);
    try {
      expect(sim.info.subscriptions).toHaveLength(3);
      expect(new Set(sim.info.subscriptions).size).toBe(3);
    } finally {
      sim.stop();
    }
    expect(await sim.exited).toEqual({ code: 0, signal: null });
  });
});

describe("rpbot sim startup faults", () => {
  it("starts with the faults its flags give", async () => {
    const sim = await startSimProcess([
      "--control-port=0",
      "--fail-reads",
      "0.25:500",
      "--fail-writes",
      "1",
      "--retry-after",
      "9",
      "--freeze",
      "writes",
      "--latency",
      "5",
    ]);
    try {
      expect(await sim.control().faults.get()).toEqual({
        failCreations: { count: 0 },
        reads: { share: 0.25, status: 500 },
        writes: { share: 1, status: 429, retryAfterSeconds: 9 },
        freeze: "writes",
        latencyMs: 5,
        held: 0,
      });
    } finally {
      sim.kill();
    }
    expect(await sim.exited).toEqual({ code: null, signal: "SIGKILL" });
  });

  it("has no control API without --control-port", async () => {
    const sim = await startSimProcess([]);
    try {
      expect(sim.info.control).toBeUndefined();
      expect(() => sim.control()).toThrow("--control-port");
    } finally {
      sim.stop();
    }
    expect(await sim.exited).toEqual({ code: 0, signal: null });
  });

  it.concurrent.each([
    [["--fail-creations", "two"], "--fail-creations takes N or N:CODE"],
    [["--fail-creations", "1:"], "--fail-creations takes N or N:CODE"],
    [["--fail-reads", "1.5"], "--fail-reads takes SHARE"],
    [["--fail-reads", "0.5:503"], "--fail-reads takes SHARE"],
    [["--fail-writes", "half"], "--fail-writes takes SHARE"],
    [["--fail-reads", "1:500", "--retry-after", "5"], "--retry-after needs --fail-reads or --fail-writes"],
    [["--fail-reads", "1", "--retry-after", "soon"], "--retry-after takes a whole number"],
    [["--freeze", "everything"], "--freeze takes all, reads or writes"],
    [["--control-port", "70000"], "--control-port takes a port from 0 to 65535"],
    [["--control-port"], "--control-port"],
    [["--generate", "20", "--subscriptions", "0"], "--subscriptions takes a whole number from 1"],
    [["--generate", "20", "--subscriptions", "three"], "--subscriptions takes a whole number from 1"],
    [["--subscriptions", "3"], "--subscriptions needs --generate"],
  ])("refuses %j as a usage error, exit 1", async (flags, message) => {
    const result = await runCli(["sim", ...flags]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringContaining(message)]);
  });
});
