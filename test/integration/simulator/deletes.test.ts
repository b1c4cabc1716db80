/**
 * Deletes as Azure does them, through the real @azure/arm-compute client: restore point and collection DELETE as
 * long-running operations (Deleting meanwhile, gone after, no final GET), 204 for what does not exist, 409 while a
 * point is being created, the running operation again for a repeated DELETE, Resource Graph following, and the
 * ARM delete budget. The simulator runs on a clock the test moves, so "meanwhile" is observed without sleeping.
 */
import type { ComputeManagementClient } from "@azure/arm-compute";
import { type QueryResponse, ResourceGraphClient } from "@azure/arm-resourcegraph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildSampleFleet,
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from "../../../src/simulator/index.js";
import {
  type ClockedSimulator,
  CREATE_MS,
  DELETE_MS,
  CLOCK_START as NOW,
  startClockedSimulator,
} from "../../support/clocked-simulator.js";
import {
  COMPUTE_API_VERSION,
  fakeCredential,
  type RawResponse,
  rawRequest,
  simClient,
  trustPolicy,
} from "../../support/sim-client.js";
import { POLL, PRODUCTION, vmId } from "../../support/sim-fixture.js";

/** A VM may take a crash-consistent point an hour after its last one. */
const HOUR_MS = 60 * 60_000;
const GROUP = `/subscriptions/${PRODUCTION}/resourceGroups/rg-web/providers/Microsoft.Compute/restorePointCollections`;
const crash = { consistencyMode: "CrashConsistent" as const };

type Clocked = ClockedSimulator;
const clockedSimulator = startClockedSimulator;

function send(sim: RunningSimulator, method: string, path: string, body?: unknown): Promise<RawResponse> {
  return rawRequest(sim, method, `${GROUP}/${path}?api-version=${COMPUTE_API_VERSION}`, { body });
}

function stateOf(response: RawResponse): unknown {
  return (response.body as { properties?: { provisioningState?: string } }).properties?.provisioningState;
}

/** The operation an Azure-AsyncOperation URL names (the signed query differs each time it is handed out). */
function operationPath(response: RawResponse): string {
  return new URL(String(response.headers["azure-asyncoperation"])).pathname;
}

/** The route names the simulator served while `run` ran. */
async function routesWhile(sim: RunningSimulator, run: () => Promise<unknown>): Promise<string[]> {
  const routes: string[] = [];
  const stop = sim.onRequest((route) => routes.push(route));
  try {
    await run();
  } finally {
    stop();
  }
  return routes;
}

async function existingPoint(compute: ComputeManagementClient, collection: string): Promise<string> {
  const found = await compute.restorePointCollections.get("rg-web", collection, { expand: "restorePoints" });
  const point = found.restorePoints?.find((each) => each.provisioningState === "Succeeded");
  if (!point?.name) throw new Error(`no finished point in ${collection}`);
  return point.name;
}

describe("deleting a restore point", () => {
  let c: Clocked;
  beforeAll(async () => {
    c = await clockedSimulator();
  });
  afterAll(() => c.sim.close());

  it("runs as the SDK's poller expects: Deleting meanwhile, then gone, with no final GET", async () => {
    const name = await existingPoint(c.compute, "rpc-vm-web-01");
    const poller = c.compute.restorePoints.delete("rg-web", "rpc-vm-web-01", name, POLL);
    await poller.submitted();
    const meanwhile = await c.compute.restorePoints.get("rg-web", "rpc-vm-web-01", name);
    expect(meanwhile.provisioningState).toBe("Deleting");
    // Deleting still counts: the point exists until the operation ends.
    expect(c.sim.restorePoints().byState.Deleting).toBe(1);
    await poller.poll();
    expect(poller.isDone).toBe(false);
    c.pass(DELETE_MS);
    const routes = await routesWhile(c.sim, () => poller.pollUntilDone());
    expect(routes).toEqual(["operations.get"]);
    expect(poller.operationState?.status).toBe("succeeded");
    await expect(c.compute.restorePoints.get("rg-web", "rpc-vm-web-01", name)).rejects.toMatchObject({
      statusCode: 404,
      code: "NotFound",
    });
    expect(c.sim.restorePoints().byState.Deleting).toBeUndefined();
  });

  it("answers 202, empty, with both operation headers and the delete rate-limit headers", async () => {
    const name = await existingPoint(c.compute, "rpc-vm-web-01");
    const response = await send(c.sim, "DELETE", `rpc-vm-web-01/restorePoints/${name}`);
    expect(response.status).toBe(202);
    expect(response.body).toBeUndefined();
    expect(response.headers.location).toBe(`${response.headers["azure-asyncoperation"]}&monitor=true`);
    expect(response.headers["x-ms-ratelimit-remaining-resource"]).toMatch(
      /^Microsoft\.Compute\/DeleteRestorePointSubscriptionMaximum;\d+$/,
    );
    expect(response.headers["x-ms-ratelimit-remaining-subscription-deletes"]).toMatch(/^\d+$/);
    expect(response.headers["x-ms-ratelimit-remaining-subscription-writes"]).toBeUndefined();
    const monitor = await rawRequest(c.sim, "GET", String(response.headers.location));
    expect(monitor.status).toBe(202);
    c.pass(DELETE_MS);
    const done = await rawRequest(c.sim, "GET", String(response.headers["azure-asyncoperation"]));
    expect(done.body).toMatchObject({ status: "Succeeded", endTime: expect.any(String) });
  });

  it("answers a second DELETE of a Deleting point with the operation already running", async () => {
    c.pass(HOUR_MS);
    const created = c.compute.restorePoints.create("rg-web", "rpc-vm-web-01", "rp-twice", crash, POLL);
    // The PUT must reach the simulator before its clock moves.
    await created.submitted();
    c.pass(CREATE_MS);
    expect((await created).provisioningState).toBe("Succeeded");
    const first = await send(c.sim, "DELETE", "rpc-vm-web-01/restorePoints/rp-twice");
    c.pass(DELETE_MS / 2);
    const second = await send(c.sim, "DELETE", "rpc-vm-web-01/restorePoints/rp-twice");
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(operationPath(second)).toBe(operationPath(first));
    c.pass(DELETE_MS / 2);
    expect((await send(c.sim, "GET", "rpc-vm-web-01/restorePoints/rp-twice")).status).toBe(404);
    expect((await send(c.sim, "DELETE", "rpc-vm-web-01/restorePoints/rp-twice")).status).toBe(204);
  });

  it("refuses with 409 while the point is being created, then deletes it once created", async () => {
    c.pass(HOUR_MS);
    const creation = c.compute.restorePoints.create("rg-web", "rpc-vm-web-01", "rp-young", crash, POLL);
    await creation.submitted();
    const refused = c.compute.restorePoints.delete("rg-web", "rpc-vm-web-01", "rp-young", POLL);
    await expect(refused).rejects.toMatchObject({
      statusCode: 409,
      code: "OperationNotAllowed",
      message:
        "Operation 'Delete Restore Point' is not allowed since a 'Create Restore Point' operation is in progress on it.",
    });
    const still = await c.compute.restorePoints.get("rg-web", "rpc-vm-web-01", "rp-young");
    expect(still.provisioningState).toBe("Creating");
    c.pass(CREATE_MS);
    expect((await creation).provisioningState).toBe("Succeeded");
    const deletion = c.compute.restorePoints.delete("rg-web", "rpc-vm-web-01", "rp-young", POLL);
    await deletion.submitted();
    c.pass(DELETE_MS);
    await deletion;
    expect((await send(c.sim, "GET", "rpc-vm-web-01/restorePoints/rp-young")).status).toBe(404);
  });

  it("answers 204 for a point, or a collection, that does not exist; the SDK resolves", async () => {
    expect((await send(c.sim, "DELETE", "rpc-vm-web-01/restorePoints/rp-never")).status).toBe(204);
    expect((await send(c.sim, "DELETE", "rpc-never/restorePoints/rp-never")).status).toBe(204);
    expect((await send(c.sim, "DELETE", "rpc-never")).status).toBe(204);
    const routes = await routesWhile(c.sim, async () => {
      await expect(
        c.compute.restorePoints.delete("rg-web", "rpc-vm-web-01", "rp-never", POLL),
      ).resolves.toBeUndefined();
      await expect(
        c.compute.restorePointCollections.delete("rg-web", "rpc-never", POLL),
      ).resolves.toBeUndefined();
    });
    // Nothing to follow: no operation was polled.
    expect(routes).toEqual(["restorePoints.delete", "restorePointCollections.delete"]);
  });
});

describe("deleting a collection", () => {
  let c: Clocked;
  beforeAll(async () => {
    c = await clockedSimulator();
  });
  afterAll(() => c.sim.close());

  async function collectionWithPoints(name: string, points: string[]): Promise<void> {
    await c.compute.restorePointCollections.createOrUpdate("rg-web", name, {
      location: "eastus",
      source: { id: vmId(PRODUCTION, "rg-web", "vm-web-02") },
    });
    for (const point of points) {
      const creation = c.compute.restorePoints.create("rg-web", name, point, crash, POLL);
      await creation.submitted();
      c.pass(CREATE_MS);
      await creation;
      c.pass(HOUR_MS);
    }
  }

  it("deletes its points with it: all Deleting meanwhile, then the collection and its points are gone", async () => {
    await collectionWithPoints("rpc-doomed", ["rp-a", "rp-b"]);
    const poller = c.compute.restorePointCollections.delete("rg-web", "rpc-doomed", POLL);
    await poller.submitted();
    const meanwhile = await c.compute.restorePointCollections.get("rg-web", "rpc-doomed", {
      expand: "restorePoints",
    });
    expect(meanwhile.provisioningState).toBe("Deleting");
    expect(meanwhile.restorePoints?.map((point) => point.provisioningState)).toEqual([
      "Deleting",
      "Deleting",
    ]);
    // A point's own DELETE now follows the collection's operation; a new point is refused.
    const collectionAgain = await send(c.sim, "DELETE", "rpc-doomed");
    const pointAlone = await send(c.sim, "DELETE", "rpc-doomed/restorePoints/rp-a");
    expect(operationPath(pointAlone)).toBe(operationPath(collectionAgain));
    const late = c.compute.restorePoints.create("rg-web", "rpc-doomed", "rp-late", crash, POLL);
    await expect(late).rejects.toMatchObject({ statusCode: 409, code: "OperationNotAllowed" });
    c.pass(DELETE_MS);
    await poller;
    await expect(c.compute.restorePointCollections.get("rg-web", "rpc-doomed")).rejects.toMatchObject({
      statusCode: 404,
      code: "ResourceNotFound",
    });
    await expect(c.compute.restorePoints.get("rg-web", "rpc-doomed", "rp-b")).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it("refuses with 409 while one of its points is being created", async () => {
    await collectionWithPoints("rpc-busy", ["rp-done"]);
    const creation = c.compute.restorePoints.create("rg-web", "rpc-busy", "rp-running", crash, POLL);
    await creation.submitted();
    const refused = c.compute.restorePointCollections.delete("rg-web", "rpc-busy", POLL);
    await expect(refused).rejects.toMatchObject({
      statusCode: 409,
      code: "OperationNotAllowed",
      message: expect.stringContaining(
        "'Create Restore Point' operation is in progress on its restore point 'rp-running'",
      ),
    });
    const untouched = await c.compute.restorePointCollections.get("rg-web", "rpc-busy", {
      expand: "restorePoints",
    });
    expect(untouched.provisioningState).toBe("Succeeded");
    expect(untouched.restorePoints?.map((point) => point.provisioningState)).toEqual([
      "Succeeded",
      "Creating",
    ]);
    c.pass(CREATE_MS);
    await creation;
  });

  it("disappears from Resource Graph once it is gone", async () => {
    await collectionWithPoints("rpc-graph", []);
    const graph = new ResourceGraphClient(fakeCredential, {
      endpoint: c.sim.endpoint,
      credentialScopes: ["https://management.azure.com/.default"],
      additionalPolicies: [{ policy: trustPolicy(c.sim.caPem), position: "perCall" }],
      retryOptions: { maxRetries: 0 },
    });
    const query = async () => {
      const response: QueryResponse = await graph.resources({
        subscriptions: [PRODUCTION],
        query:
          "resources | where type =~ 'microsoft.compute/restorepointcollections' and name == 'rpc-graph' | project name, state = tostring(properties.provisioningState)",
      });
      return Object.values(response.data);
    };
    expect(await query()).toEqual([{ name: "rpc-graph", state: "Succeeded" }]);
    const poller = c.compute.restorePointCollections.delete("rg-web", "rpc-graph", POLL);
    await poller.submitted();
    expect(await query()).toEqual([{ name: "rpc-graph", state: "Deleting" }]);
    c.pass(DELETE_MS);
    await poller;
    expect(await query()).toEqual([]);
  });
});

describe("the ARM delete budget", () => {
  let c: Clocked;
  beforeAll(async () => {
    c = await clockedSimulator({ deleteBudget: { capacity: 2, refillPerSecond: 0.5 } });
  });
  afterAll(() => c.sim.close());

  it("throttles deletes with 429 and Retry-After on their own bucket, while writes still pass", async () => {
    const strict = simClient(c.sim, PRODUCTION, { maxRetries: 0 });
    const remaining: unknown[] = [];
    for (const name of ["rp-gone-1", "rp-gone-2"]) {
      const response = await send(c.sim, "DELETE", `rpc-vm-web-01/restorePoints/${name}`);
      remaining.push(response.headers["x-ms-ratelimit-remaining-subscription-deletes"]);
    }
    expect(remaining).toEqual(["1", "0"]);
    const throttled = await send(c.sim, "DELETE", "rpc-vm-web-01/restorePoints/rp-gone-3");
    expect([throttled.status, throttled.headers["retry-after"]]).toEqual([429, "2"]);
    expect(throttled.body).toMatchObject({ error: { code: "TooManyRequests" } });
    await expect(
      strict.restorePoints.delete("rg-web", "rpc-vm-web-01", "rp-gone-3", POLL),
    ).rejects.toMatchObject({
      statusCode: 429,
      code: "TooManyRequests",
    });
    // Writes have a bucket of their own.
    const write = await send(c.sim, "PUT", "rpc-budget", {
      location: "eastus",
      properties: { source: { id: vmId(PRODUCTION, "rg-web", "vm-web-02") } },
    });
    expect(write.status).toBe(201);
    c.pass(2_000);
    await expect(
      strict.restorePoints.delete("rg-web", "rpc-vm-web-01", "rp-gone-3", POLL),
    ).resolves.toBeUndefined();
  });

  it("counts deletes as writes for injected faults: a failed DELETE changes nothing", async () => {
    c.pass(10_000);
    const name = await existingPoint(c.compute, "rpc-vm-web-01");
    c.sim.faults.failWrites(1, 500);
    try {
      const failed = await send(c.sim, "DELETE", `rpc-vm-web-01/restorePoints/${name}`);
      expect(failed.status).toBe(500);
    } finally {
      c.sim.faults.clear();
    }
    expect(stateOf(await send(c.sim, "GET", `rpc-vm-web-01/restorePoints/${name}`))).toBe("Succeeded");
  });
});

describe("how long a delete takes", () => {
  /** Deletes a point of rpc-vm-web-01 and answers whether it is still there after each of `steps` (ms). */
  async function presence(options: Partial<SimulatorOptions>, steps: number[]): Promise<unknown[]> {
    const c = await clockedSimulator(options);
    try {
      const name = await existingPoint(c.compute, "rpc-vm-web-01");
      expect((await send(c.sim, "DELETE", `rpc-vm-web-01/restorePoints/${name}`)).status).toBe(202);
      const seen: unknown[] = [];
      for (const ms of steps) {
        c.pass(ms);
        const read = await send(c.sim, "GET", `rpc-vm-web-01/restorePoints/${name}`);
        seen.push(read.status === 404 ? "gone" : stateOf(read));
      }
      return seen;
    } finally {
      await c.sim.close();
    }
  }

  it("is 1 s by default, or the creation time when that is shorter", async () => {
    const slowCreations = { restorePointDurationMs: 60_000, deleteDurationMs: undefined };
    expect(await presence(slowCreations, [999, 1])).toEqual(["Deleting", "gone"]);
    const quickCreations = { restorePointDurationMs: 200, deleteDurationMs: undefined };
    expect(await presence(quickCreations, [199, 1])).toEqual(["Deleting", "gone"]);
  });

  it("follows the fleet's simulator.deleteDurationMs, which the option overrides", async () => {
    const fleet = { ...buildSampleFleet(NOW), simulator: { deleteDurationMs: 5_000 } };
    expect(await presence({ fleet, deleteDurationMs: undefined }, [4_999, 1])).toEqual(["Deleting", "gone"]);
    expect(await presence({ fleet, deleteDurationMs: 0 }, [0])).toEqual(["gone"]);
  });

  it("refuses a fleet whose deleteDurationMs is not a whole number of milliseconds", async () => {
    const fleet = { ...buildSampleFleet(NOW), simulator: { deleteDurationMs: 1.5 } };
    await expect(startSimulator({ fleet })).rejects.toThrow(
      'field "simulator.deleteDurationMs" must be a whole number of milliseconds, 0 or more',
    );
  });
});
