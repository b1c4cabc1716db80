/**
 * The job as a state machine, driven through the real SDK against the simulator on a real SQLite store: a
 * crash can leave a job pending, starting or running, and whichever process takes it over once the lease
 * ran out finishes it; the person is told through the outbox; a job that cannot learn its outcome is lost,
 * never "failed".
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createArmClients, simulatorConnection } from "../../../src/azure/clients.js";
import { RestorePointWriter } from "../../../src/azure/restore-point-writer.js";
import { silentLogger } from "../../../src/logger.js";
import type { RunningSimulator } from "../../../src/simulator/index.js";
import type { Store } from "../../../src/store/index.js";
import { type Job, PLAN_SCHEMA_VERSION } from "../../../src/store/store.port.js";
import { startSampleSimulator } from "../../support/sim-fixture.js";
import {
  afterLeases,
  openTestStore,
  passingRecheck,
  pendingConfirmation,
  planOf,
  recordingNotifier,
  runnerOf,
  type Told,
  vmRef,
} from "./job-support.js";

let sim: RunningSimulator;
let store: Store;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => {
  await store.close();
});
// A fresh Azure for each test: the simulator, like Azure, allows one crash-consistent restore point an hour.
beforeEach(async () => {
  sim = await startSampleSimulator({ restorePointDurationMs: 300 });
});
afterEach(async () => {
  await sim.close();
});

const fresh = (): Told => ({ posts: [], cards: [] });
const press = (confirmation: Awaited<ReturnType<typeof pendingConfirmation>>) => ({
  confirmation,
  mode: "CrashConsistent" as const,
  pressedBy: confirmation.requestedBy,
  log: silentLogger,
});

async function restorePointExists(vmName: string, name: string): Promise<string | undefined> {
  const writer = new RestorePointWriter(createArmClients(simulatorConnection(sim.endpoint, sim.caPem)), 20);
  const vm = vmRef(vmName);
  const reading = await writer.read({
    subscriptionId: vm.subscriptionId,
    resourceGroup: vm.resourceGroup,
    collectionName: `rpc-${name}`,
    restorePointName: name,
  });
  return reading?.provisioningState;
}

describe("a process that dies while following", () => {
  it("leaves a running job that another process follows once the lease ran out, and tells once", async () => {
    const vm = vmRef("vm-web-02");
    const first = runnerOf({ sim, store, name: "first", recheck: passingRecheck("rp-resume") });
    const started = await first.start(press(await pendingConfirmation(store, vm, "rp-resume")));
    expect(started.ok).toBe(true);
    first.stop(); // the process dies: its follower stops, the job stays running in the store
    await first.idle();
    expect((await store.jobs.listUnfinished()).map((job) => job.state)).toEqual(["running"]);

    const early = runnerOf({ sim, store, name: "early" });
    expect(await early.resumeUnfinished()).toBe(0); // the dead process's lease still holds the VM
    early.stop();

    const told = fresh();
    const second = runnerOf({
      sim,
      store,
      name: "second",
      now: afterLeases,
      notifier: recordingNotifier(told),
    });
    expect(await second.resumeUnfinished()).toBe(1);
    await second.idle();
    expect(told.posts.map((job) => [job.state, job.restorePointName])).toEqual([["succeeded", "rp-resume"]]);
    const third = runnerOf({
      sim,
      store,
      name: "third",
      now: afterLeases,
      notifier: recordingNotifier(told),
    });
    expect(await third.resumeUnfinished()).toBe(0);
    await third.idle();
    expect(told.posts).toHaveLength(1);
    expect(await store.locks.holder(`vm:${vm.id.toLowerCase()}`, afterLeases())).toBeUndefined();
    second.stop();
    third.stop();
  });
});

describe("a job this process is still starting", () => {
  it("is never taken over by the same process's sweep, however long Azure takes to accept it", async () => {
    const told = fresh();
    const vm = vmRef("vm-web-01");
    const solo = runnerOf({
      sim,
      store,
      name: "solo",
      notifier: recordingNotifier(told),
      recheck: passingRecheck("rp-slow"),
    });
    sim.setLatency(400); // every ARM call of the start takes a while: the job row sits in "starting"
    const starting = solo.start(press(await pendingConfirmation(store, vm, "rp-slow")));
    await vi.waitFor(async () => {
      const unfinished = await store.jobs.listUnfinished();
      expect(unfinished.find((job) => job.vmId === vm.id)?.state).toBe("starting");
    });
    expect(await solo.resumeUnfinished()).toBe(0);
    const started = await starting;
    sim.setLatency(0);
    expect(started.ok ? "started" : started.code).toBe("started");
    await solo.idle();
    expect(told.posts.map((job) => job.state)).toEqual(["succeeded"]);
    solo.stop();
  });
});

describe("a process that dies right after the press was recorded", () => {
  it("leaves a pending job that the next process re-checks, creates and tells", async () => {
    const vm = vmRef("vm-web-01");
    const confirmation = await pendingConfirmation(store, vm, "rp-pending");
    const plan = planOf(vm, "rp-pending");
    const job: Job = {
      id: "job-left-pending",
      confirmationId: confirmation.id,
      vmId: vm.id,
      vmName: vm.name,
      subscriptionId: vm.subscriptionId,
      resourceGroup: vm.resourceGroup,
      mode: "CrashConsistent" as const,
      requestedBy: confirmation.requestedBy,
      platform: "console" as const,
      conversationKey: confirmation.conversationKey,
      state: "pending" as const,
      restorePointName: "rp-pending",
      collectionName: plan.collection.name,
      plan: { schemaVersion: PLAN_SCHEMA_VERSION, plan, vm },
      createdAt: new Date(),
      updatedAt: new Date(),
      delivery: "none" as const,
    };
    const decision = {
      confirmationId: confirmation.id,
      by: confirmation.requestedBy,
      at: new Date(),
      mode: "CrashConsistent" as const,
    };
    expect((await store.jobs.createConfirmed(job, decision)).decided).toBe(true);
    expect(await restorePointExists("vm-web-01", "rp-pending")).toBeUndefined();

    const told = fresh();
    const taker = runnerOf({
      sim,
      store,
      name: "taker",
      now: afterLeases,
      notifier: recordingNotifier(told),
      recheck: passingRecheck("rp-pending"),
    });
    expect(await taker.resumeUnfinished()).toBe(1);
    await taker.idle();
    expect(told.posts.map((each) => [each.id, each.state, each.errorMessage])).toEqual([
      ["job-left-pending", "succeeded", undefined],
    ]);
    expect(await restorePointExists("vm-web-01", "rp-pending")).toBe("Succeeded");
    taker.stop();
  });
});

describe("a re-check that Azure cannot answer", () => {
  it("ends the job failed with nothing created, says so in the reply, and frees the VM", async () => {
    const vm = vmRef("vm-web-02");
    const told = fresh();
    const { ArmError } = await import("../../../src/azure/arm-error.js");
    const runner = runnerOf({
      sim,
      store,
      name: "recheck",
      notifier: recordingNotifier(told),
      recheck: async () => {
        throw new ArmError("Azure is throttling requests (429).", "throttled", 429, "TooManyRequests");
      },
    });
    const started = await runner.start(press(await pendingConfirmation(store, vm, "rp-recheck")));
    expect(started).toMatchObject({
      ok: false,
      code: "arm-refused",
      job: { state: "failed", delivery: "reply" },
    });
    expect(await store.locks.holder(`vm:${vm.id.toLowerCase()}`, new Date())).toBeUndefined();
    await runner.idle();
    expect(told.posts).toEqual([]); // the reply told it; the outbox has nothing more to say
    runner.stop();
  });
});

describe("a job whose outcome cannot be learned", () => {
  it("ends lost (not failed) at its bound, tells the person what to check, and frees the VM", async () => {
    const vm = vmRef("vm-web-02");
    const told = fresh();
    let clock = Date.now();
    const runner = runnerOf({
      sim,
      store,
      name: "bound",
      now: () => new Date(clock),
      notifier: recordingNotifier(told),
      recheck: passingRecheck("rp-bound"),
      followLimitMs: 5_000,
    });
    const started = await runner.start(press(await pendingConfirmation(store, vm, "rp-bound")));
    expect(started.ok).toBe(true);
    sim.faults.failReads(1, 500); // every poll fails from now on
    clock += 10_000; // past the bound: the next failed poll ends the job
    await runner.idle();
    sim.faults.clear();
    expect(told.posts.map((job) => [job.state, job.errorCode])).toEqual([["lost", "LostTrack"]]);
    expect(told.posts[0]?.errorMessage).toMatch(/may exist: look in collection rpc-rp-bound/);
    expect(await store.locks.holder(`vm:${vm.id.toLowerCase()}`, new Date(clock))).toBeUndefined();
    runner.stop();
  });
});

describe("delivery through the outbox", () => {
  it("retries a failing post until the platform accepts it, without updating the card twice", async () => {
    const vm = vmRef("vm-web-02");
    const told = fresh();
    let postFailures = 2;
    const notifier = recordingNotifier(told, {
      post: () => (postFailures-- > 0 ? new Error("HTTP 500 from the connector") : undefined),
    });
    const runner = runnerOf({ sim, store, name: "retry", notifier, recheck: passingRecheck("rp-retry") });
    const confirmation = await pendingConfirmation(store, vm, "rp-retry");
    const started = await runner.start({ ...press(confirmation), messageRef: "msg-1" });
    if (!started.ok) throw new Error(started.code);
    // Retries are woken by their own timer; the periodic drain (a quarter lease, 15 s) is the net beneath it.
    await vi.waitFor(async () => expect((await store.outbox.get(started.job.id))?.state).toBe("sent"), {
      timeout: 30_000,
    });
    expect(told.posts).toHaveLength(1);
    expect(told.cards).toHaveLength(1);
    expect(await store.outbox.get(started.job.id)).toMatchObject({
      attempts: 3,
      cardDone: true,
      postRef: "post-1",
    });
    expect((await store.jobs.get(started.job.id))?.delivery).toBe("notified");
    runner.stop();
  }, 45_000);

  it("settles a result the platform refuses for good as undeliverable, and audits it", async () => {
    const { UndeliverableError } = await import("../../../src/operations/delivery.js");
    const vm = vmRef("vm-web-01");
    const told = fresh();
    const notifier = recordingNotifier(told, { post: () => new UndeliverableError("channel_not_found") });
    const runner = runnerOf({ sim, store, name: "gone", notifier, recheck: passingRecheck("rp-gone") });
    const started = await runner.start(press(await pendingConfirmation(store, vm, "rp-gone")));
    if (!started.ok) throw new Error(started.code);
    await runner.idle();
    expect(await store.outbox.get(started.job.id)).toMatchObject({
      state: "undeliverable",
      lastError: "channel_not_found",
    });
    const audit = await store.audit.list({ limit: 1_000 });
    const ofJob = audit.filter((entry) => entry.details?.jobId === started.job.id);
    expect(ofJob.map((entry) => `${entry.action}:${entry.outcome}`)).toEqual([
      "confirm:CrashConsistent",
      "create:started",
      "result:succeeded",
      "result:undeliverable",
    ]);
    runner.stop();
  });
});

describe("what a restore point PUT's answer means", () => {
  async function withCollection(vmName: string, restorePointName: string) {
    const vm = vmRef(vmName);
    const writer = new RestorePointWriter(createArmClients(simulatorConnection(sim.endpoint, sim.caPem)), 20);
    const name = `rpc-${restorePointName}`;
    const id = await writer.ensureCollection({
      subscriptionId: vm.subscriptionId,
      resourceGroup: vm.resourceGroup,
      name,
      location: vm.location,
      vmId: vm.id,
    });
    const plan = {
      ...planOf(vm, restorePointName),
      collection: { id, name, location: vm.location, create: false },
    };
    return { vm, recheck: async () => ({ ok: true as const, plan }) };
  }

  it("a 500 is not a refusal: the bot asks Azure, and says nothing was created only when Azure has none", async () => {
    const { vm, recheck } = await withCollection("vm-web-02", "rp-500");
    const told = fresh();
    const runner = runnerOf({ sim, store, name: "put-500", notifier: recordingNotifier(told), recheck });
    sim.faults.failWrites(1, 500);
    const started = await runner.start(press(await pendingConfirmation(store, vm, "rp-500")));
    sim.faults.clear();
    if (!started.ok) throw new Error(`${started.code} for a 500`);
    await runner.idle();
    expect(told.posts.map((job) => [job.state, job.errorCode])).toEqual([["failed", "NotCreated"]]);
    expect(await restorePointExists("vm-web-02", "rp-500")).toBeUndefined();
    const audit = await store.audit.list({ limit: 1_000 });
    const outcomes = audit
      .filter((entry) => entry.details?.jobId === started.job.id)
      .map((entry) => entry.outcome);
    expect(outcomes).toEqual(["CrashConsistent", "sent, no answer yet", "failed", "told"]);
    runner.stop();
  });

  it("a 429 is a refusal: nothing was created, and the answer carries Azure's Retry-After", async () => {
    const { vm, recheck } = await withCollection("vm-web-01", "rp-429");
    const runner = runnerOf({ sim, store, name: "put-429", notifier: recordingNotifier(fresh()), recheck });
    sim.faults.failWrites(1, 429, 3_600);
    const started = await runner.start(press(await pendingConfirmation(store, vm, "rp-429")));
    sim.faults.clear();
    expect(started).toMatchObject({
      ok: false,
      code: "arm-refused",
      retryAfterSeconds: 3_600,
      job: { state: "failed" },
    });
    expect(await restorePointExists("vm-web-01", "rp-429")).toBeUndefined();
    runner.stop();
  });
});
