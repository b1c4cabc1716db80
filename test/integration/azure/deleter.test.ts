/**
 * RestorePointDeleter through the real SDK against the simulator (on a clock the test moves): every outcome as a
 * value, the operation resumed from saved JSON by a fresh client, and a frozen or slow ARM giving "unknown",
 * never "failed", for a point that may be gone. The one answer the simulator never gives, an operation that
 * ends Failed, comes from a small fake ARM at the outer edge.
 */
import type { ComputeManagementClient } from "@azure/arm-compute";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createArmClients } from "../../../src/azure/clients.js";
import { type DeleteOperation, RestorePointDeleter, simulatorConnection } from "../../../src/azure/index.js";
import type { RunningSimulator, SimulatorOptions } from "../../../src/simulator/index.js";
import {
  type ClockedSimulator,
  CREATE_MS,
  DELETE_MS,
  startClockedSimulator,
} from "../../support/clocked-simulator.js";
import { startFakeFailingDelete } from "../../support/fake-failing-delete.js";
import { POLL, PRODUCTION, vmId } from "../../support/sim-fixture.js";

const HOUR_MS = 60 * 60_000;
const web01 = { subscriptionId: PRODUCTION, resourceGroup: "rg-web", collectionName: "rpc-vm-web-01" };
const crash = { consistencyMode: "CrashConsistent" as const };

interface Clocked extends ClockedSimulator {
  /** A deleter with clients of its own, as another process would have. */
  deleter(connection?: { timeoutMs?: number; maxRetries?: number }): RestorePointDeleter;
}

async function clockedSimulator(options: Partial<SimulatorOptions> = {}): Promise<Clocked> {
  const clocked = await startClockedSimulator(options);
  return {
    ...clocked,
    deleter: (connection = {}) =>
      new RestorePointDeleter(
        createArmClients({ ...simulatorConnection(clocked.sim.endpoint, clocked.sim.caPem), ...connection }),
        10,
      ),
  };
}

/** Resolves when the simulator next receives a request of this route. */
function nextRequest(sim: RunningSimulator, route: string): Promise<void> {
  return new Promise((resolve) => {
    const stop = sim.onRequest((name) => {
      if (name !== route) return;
      stop();
      resolve();
    });
  });
}

async function finishedPoint(compute: ComputeManagementClient): Promise<string> {
  const found = await compute.restorePointCollections.get("rg-web", "rpc-vm-web-01", {
    expand: "restorePoints",
  });
  const name = found.restorePoints?.find((point) => point.provisioningState === "Succeeded")?.name;
  if (!name) throw new Error("no finished point left in rpc-vm-web-01");
  return name;
}

async function newPoint(c: Clocked, name: string): Promise<string> {
  c.pass(HOUR_MS);
  const creation = c.compute.restorePoints.create("rg-web", "rpc-vm-web-01", name, crash, POLL);
  await creation.submitted();
  c.pass(CREATE_MS);
  await creation;
  return name;
}

function operationPathOf(operation: DeleteOperation): string {
  const url = /https:[^"]+\/operations\/[^"]+/.exec(operation.pollerState)?.[0];
  return new URL(url ?? "https://none").pathname;
}

function started(result: Awaited<ReturnType<RestorePointDeleter["start"]>>): DeleteOperation {
  if (result.state !== "started") throw new Error(`not started: ${JSON.stringify(result)}`);
  return result.operation;
}

describe("RestorePointDeleter on the simulator", () => {
  let c: Clocked;
  beforeAll(async () => {
    c = await clockedSimulator();
  });
  afterAll(() => c.sim.close());
  afterEach(() => c.sim.faults.clear());

  it("starts a delete, hands back JSON to keep, and a fresh deleter follows it to deleted", async () => {
    const restorePointName = await finishedPoint(c.compute);
    const operation = started(await c.deleter().start({ ...web01, restorePointName }));
    expect(operation).toMatchObject({
      kind: "restore-point",
      subscriptionId: PRODUCTION,
      resourceId: `/subscriptions/${PRODUCTION}/resourceGroups/rg-web/providers/Microsoft.Compute/restorePointCollections/rpc-vm-web-01/restorePoints/${restorePointName}`,
    });
    expect(operation.pollerState).toContain(
      `${c.sim.endpoint}/subscriptions/${PRODUCTION}/providers/Microsoft.Compute/locations/eastus/operations/`,
    );
    const saved = JSON.stringify(operation);
    const meanwhile = await c.compute.restorePoints.get("rg-web", "rpc-vm-web-01", restorePointName);
    expect(meanwhile.provisioningState).toBe("Deleting");
    // After a restart: another process, other clients, only the saved JSON.
    const polled = nextRequest(c.sim, "operations.get");
    const following = c.deleter().follow(JSON.parse(saved) as DeleteOperation);
    await polled;
    c.pass(DELETE_MS);
    expect(await following).toEqual({ state: "deleted", resourceId: operation.resourceId });
    await expect(
      c.compute.restorePoints.get("rg-web", "rpc-vm-web-01", restorePointName),
    ).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it("sent again (the first answer lost), the DELETE follows the operation already running", async () => {
    const restorePointName = await newPoint(c, "rp-resent");
    const first = started(await c.deleter().start({ ...web01, restorePointName }));
    const again = started(await c.deleter().start({ ...web01, restorePointName }));
    expect(operationPathOf(again)).toBe(operationPathOf(first));
    c.pass(DELETE_MS);
    expect((await c.deleter().follow(again)).state).toBe("deleted");
    expect(await c.deleter().start({ ...web01, restorePointName })).toEqual({
      state: "already-gone",
      resourceId: first.resourceId,
    });
  });

  it("says already-gone for a point that is not there (204) and one whose group does not exist (404)", async () => {
    const absent = await c.deleter().start({ ...web01, restorePointName: "rp-never" });
    expect(absent).toMatchObject({ state: "already-gone" });
    const noGroup = await c
      .deleter()
      .start({ ...web01, resourceGroup: "rg-nowhere", restorePointName: "rp-x" });
    expect(noGroup).toMatchObject({
      state: "already-gone",
      resourceId: expect.stringContaining("/rg-nowhere/"),
    });
    expect(await c.deleter().deleteCollection({ ...web01, collectionName: "rpc-never" })).toMatchObject({
      state: "already-gone",
    });
  });

  it("passes on Azure's refusal of a point being created, with its code and message", async () => {
    c.pass(HOUR_MS);
    const creation = c.compute.restorePoints.create("rg-web", "rpc-vm-web-01", "rp-busy", crash, POLL);
    await creation.submitted();
    expect(await c.deleter().start({ ...web01, restorePointName: "rp-busy" })).toEqual({
      state: "refused",
      resourceId: expect.stringMatching(/\/restorePoints\/rp-busy$/),
      status: 409,
      code: "OperationNotAllowed",
      message:
        "Operation 'Delete Restore Point' is not allowed since a 'Create Restore Point' operation is in progress on it.",
    });
    c.pass(CREATE_MS);
    await creation;
  });

  it("deletes a collection with its points, and is refused while one of them is being created", async () => {
    await c.compute.restorePointCollections.createOrUpdate("rg-web", "rpc-leaving", {
      location: "eastus",
      source: { id: vmId(PRODUCTION, "rg-web", "vm-web-02") },
    });
    const leaving = { ...web01, collectionName: "rpc-leaving" };
    const creation = c.compute.restorePoints.create("rg-web", "rpc-leaving", "rp-1", crash, POLL);
    await creation.submitted();
    expect(await c.deleter().startCollection(leaving)).toMatchObject({ state: "refused", status: 409 });
    c.pass(CREATE_MS);
    await creation;
    const polled = nextRequest(c.sim, "operations.get");
    const deleting = c.deleter().deleteCollection(leaving);
    await polled;
    c.pass(DELETE_MS);
    expect(await deleting).toEqual({
      state: "deleted",
      resourceId: `/subscriptions/${PRODUCTION}/resourceGroups/rg-web/providers/Microsoft.Compute/restorePointCollections/rpc-leaving`,
    });
    await expect(c.compute.restorePoints.get("rg-web", "rpc-leaving", "rp-1")).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it("gives unknown, not failed, while ARM is frozen, and deleted once it answers again", async () => {
    const restorePointName = await newPoint(c, "rp-frozen");
    const operation = started(await c.deleter().start({ ...web01, restorePointName }));
    c.sim.faults.freeze("reads");
    const frozen = await c.deleter({ timeoutMs: 300 }).follow(operation);
    expect(frozen).toMatchObject({ state: "unknown", reason: "timeout", resourceId: operation.resourceId });
    expect((frozen as { message: string }).message).toMatch(/did not answer within 300 ms/);
    c.sim.faults.clear();
    c.pass(DELETE_MS);
    expect(await c.deleter().follow(operation)).toEqual({
      state: "deleted",
      resourceId: operation.resourceId,
    });
  });

  it("gives unknown for a DELETE that got no answer in time; sent again, it is settled", async () => {
    const restorePointName = await newPoint(c, "rp-slow");
    c.sim.setLatency(2_000);
    const slow = await c.deleter({ timeoutMs: 300 }).start({ ...web01, restorePointName });
    expect(slow).toMatchObject({ state: "unknown", reason: "timeout" });
    c.sim.setLatency(0);
    c.sim.faults.freeze("writes");
    const held = await c.deleter({ timeoutMs: 300 }).start({ ...web01, restorePointName });
    expect(held).toMatchObject({ state: "unknown", reason: "timeout" });
    // A request given up on may still have reached Azure: only sending it again says where things stand.
    c.sim.faults.clear();
    const operation = started(await c.deleter().start({ ...web01, restorePointName }));
    c.pass(DELETE_MS);
    expect(await c.deleter().follow(operation)).toEqual({
      state: "deleted",
      resourceId: operation.resourceId,
    });
  });

  it("gives unknown for a 500 on the DELETE, and the point is untouched", async () => {
    const restorePointName = await finishedPoint(c.compute);
    c.sim.faults.failWrites(1, 500);
    const answer = await c.deleter({ maxRetries: 0 }).start({ ...web01, restorePointName });
    expect(answer).toMatchObject({ state: "unknown", reason: "server-error" });
    c.sim.faults.clear();
    const point = await c.compute.restorePoints.get("rg-web", "rpc-vm-web-01", restorePointName);
    expect(point.provisioningState).toBe("Succeeded");
  });
});

describe("RestorePointDeleter over ARM's delete budget", () => {
  let c: Clocked;
  beforeAll(async () => {
    // One delete, then one more every 100 s: longer than the bot lets the SDK sleep through.
    c = await clockedSimulator({ deleteBudget: { capacity: 1, refillPerSecond: 0.01 } });
  });
  afterAll(() => c.sim.close());

  it("says throttled, with ARM's Retry-After, and nothing was started", async () => {
    const restorePointName = await finishedPoint(c.compute);
    expect(await c.deleter().start({ ...web01, restorePointName: "rp-never" })).toMatchObject({
      state: "already-gone",
    });
    expect(await c.deleter().start({ ...web01, restorePointName })).toMatchObject({
      state: "throttled",
      retryAfterSeconds: 100,
      message: expect.stringContaining("429 TooManyRequests"),
    });
    const point = await c.compute.restorePoints.get("rg-web", "rpc-vm-web-01", restorePointName);
    expect(point.provisioningState).toBe("Succeeded");
    c.pass(100_000);
    expect(await c.deleter().start({ ...web01, restorePointName })).toMatchObject({ state: "started" });
  });
});

describe("RestorePointDeleter when the operation ends Failed", () => {
  it("returns Azure's code and message as failed", async () => {
    const error = {
      code: "DiskRestorePointUsedByCustomer",
      message: "There is an active shared access signature outstanding for disk restore point.",
    };
    const arm = await startFakeFailingDelete(error);
    try {
      const deleter = new RestorePointDeleter(
        createArmClients(simulatorConnection(arm.endpoint, arm.caPem)),
        10,
      );
      const operation = started(await deleter.start({ ...web01, restorePointName: "rp-shared" }));
      expect(await deleter.follow(operation)).toEqual({
        state: "failed",
        resourceId: operation.resourceId,
        ...error,
      });
      expect(arm.requests.map(({ method }) => method)).toEqual(["DELETE", "GET"]);
    } finally {
      await arm.close();
    }
  });
});
