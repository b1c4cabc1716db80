/**
 * The control API (docs/cli.md, "Rehearsing an incident"): its routes in memory, then over loopback HTTP with
 * every fault kind observed through the real SDK or plain HTTPS requests to the simulator.
 */
import { request as httpsRequest } from "node:https";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  buildSampleFleet,
  ControlHostRefused,
  type ControlStats,
  createSimulatorCore,
  listenControl,
  type RunningSimulator,
  type SimRequest,
  startSimulator,
} from "../../../src/simulator/index.js";
import { agentFor, COMPUTE_API_VERSION, rawRequest, simClient } from "../../support/sim-client.js";
import { POLL, PRODUCTION, startSampleSimulator } from "../../support/sim-fixture.js";
import { type SimControl, simControl } from "../../support/sim-process.js";

const VM = `/subscriptions/${PRODUCTION}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/vm-web-01?api-version=${COMPUTE_API_VERSION}`;
/** A write that changes nothing: its collection does not exist (404 ParentResourceNotFound). */
const ORPHAN_POINT = `/subscriptions/${PRODUCTION}/resourceGroups/rg-web/providers/Microsoft.Compute/restorePointCollections/rpc-none/restorePoints/rp-1?api-version=${COMPUTE_API_VERSION}`;

const NO_FAULTS = {
  failCreations: { count: 0 },
  reads: { share: 0, status: 429, retryAfterSeconds: 1 },
  writes: { share: 0, status: 429, retryAfterSeconds: 1 },
  freeze: "none",
  latencyMs: 0,
  held: 0,
};

describe("control routes, in memory", () => {
  const core = createSimulatorCore({ fleet: buildSampleFleet(new Date()), restorePointDurationMs: 60_000 });
  const control = (method: string, path: string, body?: unknown, bodyError?: string) =>
    core.control({ method, url: new URL(path, "http://127.0.0.1"), headers: {}, body, bodyError });
  const arm = (method: string, path: string, signal?: AbortSignal): Promise<unknown> =>
    core.handler({
      method,
      url: new URL(path, "https://sim.test"),
      headers: { authorization: "Bearer x" },
      body: method === "PUT" ? { properties: { consistencyMode: "CrashConsistent" } } : undefined,
      signal,
    });
  afterEach(() => core.context.faults.clear());

  it("GET /faults shows no faults at first", async () => {
    expect(await control("GET", "/faults")).toEqual({ status: 200, body: NO_FAULTS });
  });

  it("PUT /faults applies a partial update, answers the new settings and keeps the rest", async () => {
    await control("PUT", "/faults", { latencyMs: 5 });
    const answer = await control("PUT", "/faults", {
      failCreations: { count: 2, code: "OSProvisioningTimedOut" },
      reads: { share: 0.5, status: 429, retryAfterSeconds: 3600 },
      writes: { share: 0.25, status: 500 },
      freeze: "reads",
    });
    expect(answer).toEqual({
      status: 200,
      body: {
        failCreations: { count: 2, code: "OSProvisioningTimedOut", message: expect.any(String) },
        reads: { share: 0.5, status: 429, retryAfterSeconds: 3600 },
        writes: { share: 0.25, status: 500 },
        freeze: "reads",
        latencyMs: 5,
        held: 0,
      },
    });
    expect((await control("POST", "/faults", { freeze: "none" })).body).toMatchObject({ freeze: "none" });
    expect(await control("DELETE", "/faults")).toEqual({ status: 200, body: NO_FAULTS });
  });

  it.each([
    ["a list", [], "the body must be a JSON object"],
    ["an unknown field", { fail: 1 }, 'unknown field "fail"'],
    ["held", { held: 0 }, "held is read only"],
    ["a share above 1", { reads: { share: 2 } }, "reads.share must be a number from 0 to 1 (got 2)"],
    ["a missing share", { writes: { status: 500 } }, "writes.share must be a number"],
    [
      "a status other than 429 or 500",
      { writes: { share: 1, status: 503 } },
      "writes.status must be 429 or 500",
    ],
    [
      "Retry-After with 500",
      { reads: { share: 1, status: 500, retryAfterSeconds: 3 } },
      "reads.retryAfterSeconds",
    ],
    [
      "a negative Retry-After",
      { reads: { share: 1, retryAfterSeconds: -1 } },
      "reads.retryAfterSeconds must be",
    ],
    ["a missing count", { failCreations: { code: "X" } }, "failCreations.count is missing"],
    ["a fractional count", { failCreations: { count: 1.5 } }, "failCreations.count must be a whole number"],
    ["an empty code", { failCreations: { count: 1, code: "" } }, "failCreations.code must be a non-empty"],
    ["an unknown freeze", { freeze: "some" }, "freeze must be one of none, reads, writes, all"],
    ["a latency too long for a timer", { latencyMs: 2 ** 31 }, "latencyMs must be a whole number from 0 to"],
  ])("answers 400 naming the field for %s, and changes nothing", async (_name, body, message) => {
    await control("PUT", "/faults", { latencyMs: 7 });
    // Beside a valid field, so that "changes nothing" means the whole update is refused.
    const sent = Array.isArray(body) ? body : { freeze: "all", ...body };
    const answer = await control("PUT", "/faults", sent);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error: { code: "InvalidFaults", message: expect.stringContaining(message) },
    });
    expect((await control("GET", "/faults")).body).toMatchObject({ freeze: "none", latencyMs: 7 });
  });

  it("answers 400 for a body that is not JSON", async () => {
    const answer = await control("PUT", "/faults", undefined, "Unexpected token");
    expect(answer).toMatchObject({ status: 400, body: { error: { code: "InvalidJson" } } });
  });

  it("answers 404 for another path and 405 with Allow for another method", async () => {
    expect(await control("GET", "/nowhere")).toMatchObject({
      status: 404,
      body: { error: { code: "NotFound" } },
    });
    expect(await control("PATCH", "/faults")).toMatchObject({
      status: 405,
      headers: { allow: "GET, PUT, POST, DELETE" },
    });
  });

  it("GET /stats counts requests by route and the restore points of the whole fleet", async () => {
    await control("DELETE", "/stats");
    const before = (await control("GET", "/stats")).body as ControlStats;
    expect(before.restorePoints).toBe(core.restorePoints().total);
    expect(before.restorePoints).toBeGreaterThan(500); // vm-full-01 alone has 500
    await arm("GET", VM);
    await arm(
      "PUT",
      `/subscriptions/${PRODUCTION}/resourceGroups/rg-web/providers/Microsoft.Compute/restorePointCollections/rpc-vm-web-01/restorePoints/rp-mem?api-version=${COMPUTE_API_VERSION}`,
    );
    const after = (await control("GET", "/stats")).body;
    expect(after).toMatchObject({
      requests: 2,
      byRoute: { "virtualMachines.get": 1, "restorePoints.create": 1 },
      inFlight: 0,
      restorePoints: before.restorePoints + 1,
      restorePointsByState: { Creating: (before.restorePointsByState.Creating ?? 0) + 1 },
    });
  });

  it("holds a frozen request until its caller gives up, then forgets it", async () => {
    await control("PUT", "/faults", { freeze: "all" });
    const gone = new AbortController();
    const answer = arm("GET", VM, gone.signal);
    expect(core.context.faults.settings().held).toBe(1);
    expect(core.stats.inFlight()).toBe(1);
    gone.abort(new Error("client gone"));
    await expect(answer).rejects.toThrow("client gone");
    expect(core.context.faults.settings().held).toBe(0);
    expect(core.stats.inFlight()).toBe(0);
  });
});

describe("over loopback HTTP", () => {
  let sim: RunningSimulator;
  let control: SimControl;
  beforeAll(async () => {
    sim = await startSampleSimulator({ controlPort: 0 });
    if (!sim.controlEndpoint) throw new Error("no control endpoint");
    control = simControl(sim.controlEndpoint);
  });
  afterAll(() => sim.close());
  afterEach(() => control.faults.clear());

  /** Resolves when the simulator has received a request of that route. */
  function arrival(route: string): Promise<void> {
    return new Promise((resolve) => {
      const stop = sim.onRequest((name) => {
        if (name !== route) return;
        stop();
        resolve();
      });
    });
  }

  function tracked<T>(promise: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
    let settled = false;
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    return { promise, settled: () => settled };
  }

  /** A GET its caller can give up on: the socket is destroyed on abort. */
  function abandonableGet(path: string): { abort(): void; done: Promise<unknown> } {
    const gone = new AbortController();
    const done = new Promise((resolve) => {
      const request = httpsRequest(new URL(path, sim.endpoint), {
        headers: { authorization: "Bearer test" },
        agent: agentFor(sim.caPem),
        signal: gone.signal,
      });
      request.on("error", resolve);
      request.on("response", resolve);
      request.end();
    });
    return { abort: () => gone.abort(), done };
  }

  it("is plain HTTP on 127.0.0.1", () => {
    expect(sim.controlEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("fails the next creations: the restore point ends Failed with the code", async () => {
    const before = await control.stats();
    await control.faults.set({ failCreations: { count: 1, code: "OSProvisioningTimedOut" } });
    const client = simClient(sim, PRODUCTION);
    // A failed point does not count towards the minimum interval: vm-web-01 stays free for other tests.
    const creation = client.restorePoints.create(
      "rg-web",
      "rpc-vm-web-01",
      "rp-controlled",
      { consistencyMode: "CrashConsistent" },
      POLL,
    );
    await expect(creation).rejects.toThrow("OSProvisioningTimedOut");
    const point = await client.restorePoints.get("rg-web", "rpc-vm-web-01", "rp-controlled");
    expect(point.provisioningState).toBe("Failed");
    expect((await control.faults.get()).failCreations).toEqual({ count: 0 });
    const after = await control.stats();
    expect(after.restorePoints).toBe(before.restorePoints + 1);
    expect(after.restorePointsByState.Failed).toBe((before.restorePointsByState.Failed ?? 0) + 1);
  });

  it("answers reads 429 with Retry-After = the value set and the Compute throttling body", async () => {
    await control.faults.set({ reads: { share: 1, status: 429, retryAfterSeconds: 3600 } });
    const raw = await rawRequest(sim, "GET", VM);
    expect(raw.status).toBe(429);
    expect(raw.headers["retry-after"]).toBe("3600");
    expect(raw.body).toMatchObject({ code: "OperationNotAllowed", details: [{ code: "TooManyRequests" }] });
    const strict = simClient(sim, PRODUCTION, { maxRetries: 0 });
    await expect(strict.virtualMachines.get("rg-web", "vm-web-01")).rejects.toMatchObject({
      statusCode: 429,
    });
    await control.faults.clear();
    expect((await strict.virtualMachines.get("rg-web", "vm-web-01")).name).toBe("vm-web-01");
  });

  it("fails writes with 500 and changes nothing, while reads still answer", async () => {
    const before = await control.stats();
    await control.faults.set({ writes: { share: 1, status: 500 } });
    const strict = simClient(sim, PRODUCTION, { maxRetries: 0 });
    const creation = strict.restorePoints.create("rg-web", "rpc-vm-web-01", "rp-refused", {
      consistencyMode: "CrashConsistent",
    });
    await expect(creation).rejects.toMatchObject({ statusCode: 500, code: "InternalServerError" });
    expect((await strict.virtualMachines.get("rg-web", "vm-web-01")).name).toBe("vm-web-01");
    expect((await control.stats()).restorePoints).toBe(before.restorePoints);
  });

  it("answers writes 429 with the Retry-After set, DELETE included", async () => {
    await control.faults.set({ writes: { share: 1, status: 429, retryAfterSeconds: 42 } });
    const raw = await rawRequest(sim, "DELETE", ORPHAN_POINT);
    expect(raw.status).toBe(429);
    expect(raw.headers["retry-after"]).toBe("42");
    expect(raw.headers["x-ms-ratelimit-remaining-resource"]).toBe(
      "Microsoft.Compute/DeleteRestorePointSubscriptionMaximum;0",
    );
  });

  it("fails a share of writes in a pattern that repeats each time it is set", async () => {
    const run = async () => {
      await control.faults.set({ writes: { share: 0.5, status: 500 } });
      const statuses: number[] = [];
      for (let index = 0; index < 12; index += 1)
        statuses.push((await rawRequest(sim, "PUT", ORPHAN_POINT)).status);
      return statuses;
    };
    const first = await run();
    expect(new Set(first)).toEqual(new Set([500, 404]));
    expect(await run()).toEqual(first);
  });

  it("freeze holds a request unanswered until unfrozen, then answers it normally", async () => {
    await control.faults.set({ freeze: "all" });
    const arrived = arrival("virtualMachines.get");
    const frozen = tracked(rawRequest(sim, "GET", VM));
    await arrived;
    expect((await control.faults.get()).held).toBe(1);
    expect(frozen.settled()).toBe(false);
    await control.faults.set({ freeze: "none" });
    expect((await frozen.promise).status).toBe(200);
    expect((await control.faults.get()).held).toBe(0);
  });

  it("freeze of writes holds writes only, and lifting it to reads releases them", async () => {
    await control.faults.set({ freeze: "writes" });
    const arrived = arrival("restorePoints.create");
    const write = tracked(rawRequest(sim, "PUT", ORPHAN_POINT, { body: { properties: {} } }));
    await arrived;
    expect((await rawRequest(sim, "GET", VM)).status).toBe(200);
    expect(write.settled()).toBe(false);
    await control.faults.set({ freeze: "reads" });
    expect((await write.promise).status).toBe(404);
  });

  it("clear releases frozen requests", async () => {
    await control.faults.set({ freeze: "reads" });
    const arrived = arrival("virtualMachines.get");
    const frozen = tracked(rawRequest(sim, "GET", VM));
    await arrived;
    expect(frozen.settled()).toBe(false);
    expect(await control.faults.clear()).toEqual(NO_FAULTS);
    expect((await frozen.promise).status).toBe(200);
  });

  it("forgets a frozen request whose client gives up: nothing is left waiting", async () => {
    await control.faults.set({ freeze: "all" });
    const arrived = arrival("virtualMachines.get");
    const request = abandonableGet(VM);
    await arrived;
    expect((await control.stats()).inFlight).toBe(1);
    request.abort();
    await request.done;
    await vi.waitFor(async () => expect((await control.stats()).inFlight).toBe(0));
    expect((await control.faults.get()).held).toBe(0);
  });

  it("adds the latency set to every request, and cancels it when the client gives up", async () => {
    expect((await control.faults.set({ latencyMs: 150 })).latencyMs).toBe(150);
    const started = performance.now();
    expect((await rawRequest(sim, "GET", VM)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    await control.faults.set({ latencyMs: 600_000 });
    const arrived = arrival("virtualMachines.get");
    const request = abandonableGet(VM);
    await arrived;
    request.abort();
    await request.done;
    // The handler ended: its ten-minute timer was cancelled, not left to run.
    await vi.waitFor(async () => expect((await control.stats()).inFlight).toBe(0));
  });

  it("answers 400 with the bad field for malformed bodies, over HTTP", async () => {
    const put = (body: string) =>
      fetch(new URL("/faults", sim.controlEndpoint), { method: "PUT", body }).then(async (response) => ({
        status: response.status,
        body: (await response.json()) as { error: { code: string; message: string } },
      }));
    const notJson = await put("{freeze: all}");
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe("InvalidJson");
    const badShare = await put('{"reads":{"share":1.5}}');
    expect(badShare.status).toBe(400);
    expect(badShare.body.error.message).toContain("reads.share");
    expect((await control.faults.get()).reads.share).toBe(0);
  });

  it("GET /stats counts the simulator's requests by route", async () => {
    const before = await control.stats();
    await rawRequest(sim, "GET", VM);
    const after = await control.stats();
    expect(after.requests).toBe(before.requests + 1);
    expect(after.byRoute["virtualMachines.get"]).toBe((before.byRoute["virtualMachines.get"] ?? 0) + 1);
  });
});

describe("the control server", () => {
  it.each(["0.0.0.0", "::", "localhost", "192.168.1.10"])("refuses to listen on %s", async (host) => {
    const handler = async (_request: SimRequest) => ({ status: 200 });
    await expect(listenControl(handler, { port: 0, host })).rejects.toThrow(ControlHostRefused);
    await expect(listenControl(handler, { port: 0, host })).rejects.toThrow("127.0.0.1 only");
  });

  it("is not started without controlPort, and closing the simulator ends frozen requests", async () => {
    const sim = await startSimulator({ fleet: buildSampleFleet(new Date()) });
    expect(sim.controlEndpoint).toBeUndefined();
    sim.faults.freeze("all");
    const arrived = new Promise<void>((resolve) => sim.onRequest(() => resolve()));
    const frozen = rawRequest(sim, "GET", VM).then(
      () => "answered",
      (error: Error) => error.message,
    );
    await arrived;
    await sim.close();
    expect(await frozen).toBe("socket hang up");
  });
});
