/**
 * DeleteExecutor over a real SQLite store and the real SDK against the simulator (on a clock the test moves):
 * items deleted, Azure's refusal of a point being created, a point already gone, a cancel mid-run, a takeover
 * that follows the stored operation, unknown outcomes asked again (and left unknown, never failed), a collection
 * that is no longer empty left alone, and a prune larger than ARM's delete bucket paced without a single 429.
 */
import type { ComputeManagementClient } from "@azure/arm-compute";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createArmClients, simulatorConnection } from "../../../src/azure/clients.js";
import { type ArmConnection, RestorePointDeleter } from "../../../src/azure/index.js";
import { silentLogger } from "../../../src/logger.js";
import { createCollectionListing } from "../../../src/operations/collection-listing.js";
import { DeleteExecutor, type DeleteExecutorOptions } from "../../../src/operations/delete-executor.js";
import type { RunContext } from "../../../src/operations/run-types.js";
import type { RunningSimulator } from "../../../src/simulator/index.js";
import {
  type DeleteTarget,
  RUN_SCHEMA_VERSION,
  type Run,
  type RunItemState,
} from "../../../src/store/run-store.port.js";
import type { Store } from "../../../src/store/store.port.js";
import {
  type ClockedSimulator,
  CREATE_MS,
  DELETE_MS,
  startClockedSimulator,
} from "../../support/clocked-simulator.js";
import { eventually } from "../../support/eventually.js";
import { POLL, PRODUCTION, startSampleSimulator, vmId } from "../../support/sim-fixture.js";
import { openTestStore } from "./job-support.js";

const HOUR_MS = 3_600_000;
const NEARFULL = { group: "rg-history", collection: "rpc-vm-nearfull-01" };

function target(group: string, collection: string, name: string): DeleteTarget {
  const collectionId = `/subscriptions/${PRODUCTION}/resourceGroups/${group}/providers/Microsoft.Compute/restorePointCollections/${collection}`;
  return {
    kind: "restore-point",
    id: `${collectionId}/restorePoints/${name}`,
    name,
    subscriptionId: PRODUCTION,
    resourceGroup: group,
    collectionName: collection,
  };
}

function collectionTarget(group: string, collection: string): DeleteTarget {
  const id = `/subscriptions/${PRODUCTION}/resourceGroups/${group}/providers/Microsoft.Compute/restorePointCollections/${collection}`;
  return {
    kind: "collection",
    id,
    name: collection,
    subscriptionId: PRODUCTION,
    resourceGroup: group,
    collectionName: collection,
  };
}

/** The names of a collection's points in this state, oldest first. */
async function pointsOf(
  compute: ComputeManagementClient,
  group: string,
  collection: string,
  state = "Succeeded",
) {
  const found = await compute.restorePointCollections.get(group, collection, { expand: "restorePoints" });
  return (found.restorePoints ?? [])
    .filter((point) => point.provisioningState === state)
    .sort((a, b) => String(a.timeCreated?.toISOString()).localeCompare(String(b.timeCreated?.toISOString())))
    .map((point) => point.name ?? "");
}

/** A confirmed (running) delete run with one waiting item per target. */
async function confirmedRun(store: Store, targets: DeleteTarget[]): Promise<Run> {
  const now = new Date();
  const run: Run = {
    id: `run-${Math.random().toString(16).slice(2)}`,
    kind: "delete",
    platform: "console",
    requestedBy: "console:alice",
    conversationKey: "console:alice",
    label: "vm-nearfull-01",
    body: { schemaVersion: RUN_SCHEMA_VERSION, kind: "delete", asked: "prune", targets, notes: [] },
    state: "pending",
    createdAt: now,
    expiresAt: new Date(now.getTime() + HOUR_MS),
  };
  await store.runs.create(run);
  const decided = await store.runs.decide(run.id, { state: "running", by: "console:alice", at: now });
  if (!decided.run) throw new Error("the run was not decided");
  return decided.run;
}

function contextOf(store: Store, runId: string, signal = new AbortController().signal) {
  const context: RunContext & { moves: number } = {
    moves: 0,
    changed: () => {
      context.moves++;
    },
    signal,
    log: silentLogger,
    current: () => store.runs.get(runId),
  };
  return context;
}

interface Setup {
  sim: RunningSimulator;
  store: Store;
  connection?: Partial<ArmConnection>;
  options?: Partial<DeleteExecutorOptions>;
}

/** An executor with clients of its own, as another process would have. */
function executorOf({ sim, store, connection, options }: Setup): DeleteExecutor {
  const clients = createArmClients({ ...simulatorConnection(sim.endpoint, sim.caPem), ...connection });
  return new DeleteExecutor({
    runs: store.runs,
    audit: store.audit,
    deleter: new RestorePointDeleter(clients, 10),
    collections: createCollectionListing(clients, { list: async () => [PRODUCTION] }),
    now: () => new Date(),
    invalidate: () => undefined,
    concurrency: 4,
    retryDelayMs: 10,
    ...options,
  });
}

async function states(store: Store, runId: string): Promise<RunItemState[]> {
  return (await store.runs.items(runId)).map((item) => item.state);
}

describe("DeleteExecutor on the simulator", () => {
  let c: ClockedSimulator;
  let store: Store;
  beforeAll(async () => {
    c = await startClockedSimulator();
    store = await openTestStore();
  });
  afterAll(async () => {
    await store.close();
    await c.sim.close();
  });
  afterEach(() => c.sim.faults.clear());

  it("follows each delete to its end: deleted, refused while being created, already gone", async () => {
    const [first, second] = await pointsOf(c.compute, NEARFULL.group, NEARFULL.collection);
    const [busy] = await pointsOf(c.compute, "rg-history", "rpc-vm-busy-01", "Creating");
    if (!first || !second || !busy) throw new Error("the sample fleet changed");
    const run = await confirmedRun(store, [
      target(NEARFULL.group, NEARFULL.collection, first),
      target(NEARFULL.group, NEARFULL.collection, second),
      target("rg-history", "rpc-vm-busy-01", busy),
      target(NEARFULL.group, NEARFULL.collection, "rp-never-there"),
    ]);
    const invalidated: string[] = [];
    const context = contextOf(store, run.id);
    const driving = executorOf({
      sim: c.sim,
      store,
      options: { invalidate: (id) => invalidated.push(id) },
    }).drive(run, context);
    await eventually(async () =>
      expect((await states(store, run.id)).slice(0, 2)).toEqual(["started", "started"]),
    );
    expect(await c.compute.restorePoints.get(NEARFULL.group, NEARFULL.collection, first)).toMatchObject({
      provisioningState: "Deleting",
    });
    c.pass(DELETE_MS);
    await driving;
    const items = await store.runs.items(run.id);
    expect(items.map((item) => item.state)).toEqual(["deleted", "deleted", "refused", "already-gone"]);
    expect(items[2]).toMatchObject({
      code: "OperationNotAllowed",
      message:
        "Operation 'Delete Restore Point' is not allowed since a 'Create Restore Point' operation is in progress on it.",
    });
    await expect(
      c.compute.restorePoints.get(NEARFULL.group, NEARFULL.collection, first),
    ).rejects.toMatchObject({
      statusCode: 404,
    });
    expect(await pointsOf(c.compute, "rg-history", "rpc-vm-busy-01", "Creating")).toEqual([busy]);
    // started, deleted (twice), refused, already gone: the card is told of every move.
    expect(context.moves).toBe(6);
    expect(invalidated).toEqual([PRODUCTION]);
    const report = await executorOf({ sim: c.sim, store }).report(run, true);
    expect(report).toMatchObject({ run, jobs: [], final: true });
    expect(report.items).toHaveLength(4);
    // Every step is audited once, about the resource, as the requester's.
    const audited = (await store.audit.list())
      .filter((entry) => entry.action === "delete" && entry.details?.runId === run.id)
      .map((entry) => [entry.target.split("/").at(-1), entry.outcome, entry.actor]);
    const who = run.requestedBy;
    expect(audited).toEqual(
      expect.arrayContaining([
        [first, "started", who],
        [first, "deleted", who],
        [second, "started", who],
        [second, "deleted", who],
        [busy, "refused", who],
        ["rp-never-there", "already-gone", who],
      ]),
    );
    expect(audited).toHaveLength(6);
  });

  it("a cancel mid-run skips what had not started; what had started still ends", async () => {
    const [a, b, d] = await pointsOf(c.compute, NEARFULL.group, NEARFULL.collection);
    if (!a || !b || !d) throw new Error("the sample fleet changed");
    const run = await confirmedRun(
      store,
      [a, b, d].map((name) => target(NEARFULL.group, NEARFULL.collection, name)),
    );
    const driving = executorOf({ sim: c.sim, store, options: { concurrency: 1 } }).drive(
      run,
      contextOf(store, run.id),
    );
    await eventually(async () =>
      expect(await states(store, run.id)).toEqual(["started", "waiting", "waiting"]),
    );
    expect((await store.runs.cancel(run.id, "console:alice", new Date())).cancelled).toBe(true);
    c.pass(DELETE_MS);
    await driving;
    expect(await states(store, run.id)).toEqual(["deleted", "skipped", "skipped"]);
    const left = await pointsOf(c.compute, NEARFULL.group, NEARFULL.collection);
    expect(left).toEqual(expect.arrayContaining([b, d]));
    expect(left).not.toContain(a);
  });

  it("after a takeover, a new executor follows the stored operation without sending the DELETE again", async () => {
    const [name] = await pointsOf(c.compute, NEARFULL.group, NEARFULL.collection);
    if (!name) throw new Error("the sample fleet changed");
    const run = await confirmedRun(store, [target(NEARFULL.group, NEARFULL.collection, name)]);
    const stopping = new AbortController();
    const first = executorOf({ sim: c.sim, store }).drive(run, contextOf(store, run.id, stopping.signal));
    await eventually(async () => expect(await states(store, run.id)).toEqual(["started"]));
    stopping.abort();
    await first;
    const [stored] = await store.runs.items(run.id);
    expect(stored?.state).toBe("started");
    expect(JSON.parse(stored?.operation ?? "{}")).toMatchObject({
      kind: "restore-point",
      subscriptionId: PRODUCTION,
    });
    const deletes: string[] = [];
    const stop = c.sim.onRequest((route) => {
      if (route === "restorePoints.delete") deletes.push(route);
    });
    c.pass(DELETE_MS);
    await executorOf({ sim: c.sim, store }).drive(run, contextOf(store, run.id));
    stop();
    expect(await states(store, run.id)).toEqual(["deleted"]);
    expect(deletes).toEqual([]);
  });

  it.each([
    ["a 500", (sim: RunningSimulator) => sim.faults.failWrites(1, 500), "server-error"],
    ["no answer in time", (sim: RunningSimulator) => sim.faults.freeze("writes"), "timeout"],
  ])("after %s the DELETE is sent again, and the item ends deleted", async (_, fault, reason) => {
    const [name] = await pointsOf(c.compute, NEARFULL.group, NEARFULL.collection);
    if (!name) throw new Error("the sample fleet changed");
    const run = await confirmedRun(store, [target(NEARFULL.group, NEARFULL.collection, name)]);
    const moves: string[] = [];
    const runs: DeleteExecutorOptions["runs"] = {
      items: (id) => store.runs.items(id),
      updateItem: async (id, position, patch, now) => {
        moves.push(patch.state === "unknown" ? `unknown:${patch.code}` : patch.state);
        return store.runs.updateItem(id, position, patch, now);
      },
    };
    fault(c.sim);
    const driving = executorOf({
      sim: c.sim,
      store,
      connection: { maxRetries: 0, timeoutMs: 300 },
      options: { runs, retryDelayMs: 200, unknownRetries: 20 },
    }).drive(run, contextOf(store, run.id));
    await eventually(() => expect(moves).toContain(`unknown:${reason}`));
    c.sim.faults.clear();
    await eventually(async () => expect(await states(store, run.id)).toEqual(["started"]));
    c.pass(DELETE_MS);
    await driving;
    expect(await states(store, run.id)).toEqual(["deleted"]);
    expect(moves.filter((move) => !move.startsWith("unknown"))).toEqual(["started", "deleted"]);
  });

  it("leaves an outcome it cannot learn unknown, never failed, and the point is untouched", async () => {
    const [name] = await pointsOf(c.compute, NEARFULL.group, NEARFULL.collection);
    if (!name) throw new Error("the sample fleet changed");
    const run = await confirmedRun(store, [target(NEARFULL.group, NEARFULL.collection, name)]);
    c.sim.faults.failWrites(1, 500);
    await executorOf({
      sim: c.sim,
      store,
      connection: { maxRetries: 0 },
      options: { unknownRetries: 2 },
    }).drive(run, contextOf(store, run.id));
    const [item] = await store.runs.items(run.id);
    expect(item).toMatchObject({ state: "unknown", code: "server-error" });
    c.sim.faults.clear();
    expect(await pointsOf(c.compute, NEARFULL.group, NEARFULL.collection)).toContain(name);
  });

  it("deletes an empty collection, and leaves one that holds a restore point again", async () => {
    const source = { id: vmId(PRODUCTION, "rg-web", "vm-web-02") };
    for (const name of ["rpc-empty-a", "rpc-refilled"])
      await c.compute.restorePointCollections.createOrUpdate("rg-web", name, { location: "eastus", source });
    const run = await confirmedRun(store, [
      collectionTarget("rg-web", "rpc-empty-a"),
      collectionTarget("rg-web", "rpc-refilled"),
      collectionTarget("rg-web", "rpc-never-there"),
    ]);
    // Between the plan and the press, someone puts a restore point in one of them.
    c.pass(HOUR_MS);
    const creation = c.compute.restorePoints.create(
      "rg-web",
      "rpc-refilled",
      "rp-late",
      { consistencyMode: "CrashConsistent" },
      POLL,
    );
    await creation.submitted();
    c.pass(CREATE_MS);
    await creation;
    const driving = executorOf({ sim: c.sim, store }).drive(run, contextOf(store, run.id));
    await eventually(async () => expect((await states(store, run.id))[0]).toBe("started"));
    c.pass(DELETE_MS);
    await driving;
    const items = await store.runs.items(run.id);
    expect(items.map((item) => item.state)).toEqual(["deleted", "refused", "already-gone"]);
    expect(items[1]).toMatchObject({
      code: "NotEmpty",
      message: expect.stringMatching(/holds a restore point again/),
    });
    expect((await c.compute.restorePoints.get("rg-web", "rpc-refilled", "rp-late")).provisioningState).toBe(
      "Succeeded",
    );
  });
});

describe("DeleteExecutor: a prune larger than ARM's delete bucket", () => {
  // ARM's buckets scaled down 4 times in size and up 20 times in refill, on both sides, so the test is quick.
  const deletes = { capacity: 40, refillPerSecond: 80 };
  const reads = { capacity: 250, refillPerSecond: 500 };
  let sim: RunningSimulator;
  let store: Store;
  beforeAll(async () => {
    sim = await startSampleSimulator({ deleteDurationMs: 20, deleteBudget: deletes, readBudget: reads });
    store = await openTestStore();
  });
  afterAll(async () => {
    await store.close();
    await sim.close();
  });

  it("deletes 400 restore points without a single 429", async () => {
    const compute = createArmClients(simulatorConnection(sim.endpoint, sim.caPem)).compute(PRODUCTION);
    const names = (await pointsOf(compute, NEARFULL.group, NEARFULL.collection)).slice(0, 400);
    expect(names).toHaveLength(400);
    const run = await confirmedRun(
      store,
      names.map((name) => target(NEARFULL.group, NEARFULL.collection, name)),
    );
    const answers: number[] = [];
    const connection: Partial<ArmConnection> = {
      deleteBudget: { reserve: 5, ...deletes },
      readBudget: { reserve: 5, ...reads },
      observer: { attempted: ({ status }) => void answers.push(status ?? 0), retried: () => undefined },
    };
    await executorOf({ sim, store, connection, options: { concurrency: 10 } }).drive(
      run,
      contextOf(store, run.id),
    );
    expect(new Set(await states(store, run.id))).toEqual(new Set(["deleted"]));
    expect(answers.filter((status) => status === 429)).toEqual([]);
    // More DELETEs than the bucket holds went out: the pacing, not luck, kept ARM from throttling.
    expect(answers.filter((status) => status === 202).length).toBe(400);
    expect(await pointsOf(compute, NEARFULL.group, NEARFULL.collection)).toHaveLength(60);
  });
});
