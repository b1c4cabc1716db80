/** ARM read budget, injected read failures, latency, request stats, and the in-memory handler. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  buildSampleFleet,
  createSimulatorCore,
  type RunningSimulator,
} from "../../../src/simulator/index.js";
import {
  COMPUTE_API_VERSION,
  collect,
  DISKS_API_VERSION,
  rawRequest,
  simClient,
} from "../../support/sim-client.js";
import { PRODUCTION, startSampleSimulator } from "../../support/sim-fixture.js";

describe("ARM subscription read budget", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSampleSimulator({ readBudget: { capacity: 3, refillPerSecond: 2 } });
  });
  afterAll(() => sim.close());

  it("answers 429 TooManyRequests with Retry-After once the bucket is empty, and the SDK retries", async () => {
    const strict = simClient(sim, PRODUCTION, { maxRetries: 0 });
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => strict.virtualMachines.get("rg-web", "vm-web-01")),
    );
    const rejected = results.filter((result) => result.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ reason: { statusCode: 429, code: "TooManyRequests" } });
    const raw = await rawRequest(
      sim,
      "GET",
      `/subscriptions/${PRODUCTION}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/vm-web-01?api-version=${COMPUTE_API_VERSION}`,
    );
    expect(raw.status).toBe(429);
    expect(raw.headers["retry-after"]).toBe("1");
    const patient = simClient(sim, PRODUCTION);
    const vm = await patient.virtualMachines.get("rg-web", "vm-web-01");
    expect(vm.name).toBe("vm-web-01");
  });
});

describe("fault knobs, latency and stats", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSampleSimulator();
  });
  afterAll(() => sim.close());
  afterEach(() => {
    sim.faults.clear();
    sim.setLatency(0);
  });

  it("fails a share of reads with 429 + Retry-After, which the SDK retries, in a reproducible pattern", async () => {
    const client = simClient(sim, PRODUCTION);
    const run = async () => {
      sim.faults.failReads(0.3, 429, 0);
      sim.resetStats();
      for (let index = 0; index < 10; index += 1) await client.virtualMachines.get("rg-web", "vm-web-01");
      return sim.stats().requests;
    };
    const first = await run();
    expect(first).toBeGreaterThan(10);
    expect(await run()).toBe(first);
  });

  it("uses the Compute throttling body for injected 429s", async () => {
    sim.faults.failReads(1, 429, 7);
    const raw = await rawRequest(
      sim,
      "GET",
      `/subscriptions/${PRODUCTION}/providers/Microsoft.Compute/disks?api-version=${DISKS_API_VERSION}`,
    );
    expect(raw.status).toBe(429);
    expect(raw.headers["retry-after"]).toBe("7");
    expect(raw.body).toMatchObject({ code: "OperationNotAllowed", details: [{ code: "TooManyRequests" }] });
  });

  it("fails a share of reads with 500 InternalServerError", async () => {
    sim.faults.failReads(1, 500);
    const strict = simClient(sim, PRODUCTION, { maxRetries: 0 });
    await expect(strict.disks.get("rg-data", "vm-sql-01-data")).rejects.toMatchObject({
      statusCode: 500,
      code: "InternalServerError",
    });
    sim.faults.clear();
    expect((await strict.disks.get("rg-data", "vm-sql-01-data")).name).toBe("vm-sql-01-data");
  });

  it("adds the configured latency to every request", async () => {
    const client = simClient(sim, PRODUCTION);
    sim.setLatency(120);
    const started = performance.now();
    await client.virtualMachines.get("rg-web", "vm-web-01");
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it("counts every request by route", async () => {
    const client = simClient(sim, PRODUCTION);
    sim.resetStats();
    await client.virtualMachines.get("rg-web", "vm-web-01");
    await client.virtualMachines.get("rg-web", "vm-web-02");
    await collect(client.disks.listByResourceGroup("rg-web"));
    await rawRequest(sim, "GET", `/nowhere?api-version=${COMPUTE_API_VERSION}`);
    expect(sim.stats()).toEqual({
      requests: 4,
      byRoute: { "virtualMachines.get": 2, "disks.list": 1, unknown: 1 },
    });
  });
});

describe("in memory", () => {
  it("serves a request without a socket", async () => {
    const core = createSimulatorCore({ fleet: buildSampleFleet(new Date()) });
    const response = await core.handler({
      method: "GET",
      url: new URL(
        `https://sim.test/subscriptions/${PRODUCTION}/resourceGroups/rg-os/providers/Microsoft.Compute/virtualMachines/vm-arch-01?api-version=${COMPUTE_API_VERSION}&$expand=instanceView`,
      ),
      headers: { authorization: "Bearer x" },
      body: undefined,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ properties: { instanceView: { osName: "arch" } } });
  });

  it("follows an injected clock: a point stays Creating until the clock passes the duration", async () => {
    let now = new Date("2026-11-25T12:00:00Z");
    const core = createSimulatorCore({
      fleet: buildSampleFleet(now),
      now: () => now,
      restorePointDurationMs: 60_000,
    });
    const base = `https://sim.test/subscriptions/${PRODUCTION}/resourceGroups/rg-web/providers/Microsoft.Compute/restorePointCollections/rpc-vm-web-01/restorePoints/rp-clock?api-version=${COMPUTE_API_VERSION}`;
    const send = (method: string, body?: unknown) =>
      core.handler({ method, url: new URL(base), headers: { authorization: "Bearer x" }, body });
    expect((await send("PUT", { properties: { consistencyMode: "CrashConsistent" } })).status).toBe(201);
    now = new Date(now.getTime() + 59_000);
    expect(await send("GET")).toMatchObject({ body: { properties: { provisioningState: "Creating" } } });
    now = new Date(now.getTime() + 1_000);
    expect(await send("GET")).toMatchObject({ body: { properties: { provisioningState: "Succeeded" } } });
  });
});
