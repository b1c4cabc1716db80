/**
 * A restart mid-job: one runner starts a restore point and dies before it ends; another runner, on the same
 * store, takes the job over once the dead one's lease has run out, and tells the requester exactly once.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createArmClients, simulatorConnection } from "../../../src/azure/clients.js";
import { RestorePointWriter } from "../../../src/azure/restore-point-writer.js";
import type { RestorePointPlan } from "../../../src/core/plan.js";
import { silentLogger } from "../../../src/logger.js";
import { JobRunner } from "../../../src/operations/job-runner.js";
import type { JobRunnerOptions } from "../../../src/operations/job-types.js";
import type { RunningSimulator } from "../../../src/simulator/index.js";
import { openStore, type Store } from "../../../src/store/index.js";
import type { Job } from "../../../src/store/store.port.js";
import { PRODUCTION, startSampleSimulator, vmId } from "../../support/sim-fixture.js";

const LEASE_MS = 60_000;
let sim: RunningSimulator;
let store: Store;
beforeAll(async () => {
  sim = await startSampleSimulator({ restorePointDurationMs: 300 });
  store = await openStore({ sqlitePath: join(mkdtempSync(join(tmpdir(), "rpbot-resume-")), "rpbot.db") });
});
afterAll(async () => {
  await store.close();
  await sim.close();
});

function runner(name: string, now: () => Date, told: Job[]): JobRunner {
  const options: JobRunnerOptions = {
    store,
    writer: new RestorePointWriter(createArmClients(simulatorConnection(sim.endpoint, sim.caPem)), 20),
    invalidate: () => undefined,
    notifiers: { console: { jobFinished: async (job) => void told.push(job) } },
    now,
    log: silentLogger,
    processId: name,
    lockLeaseMs: LEASE_MS,
    retryDelayMs: 20,
    newId: () => `job-${name}-${Math.random().toString(16).slice(2)}`,
  };
  return new JobRunner(options);
}

const vm = vmId(PRODUCTION, "rg-web", "vm-web-02");
const plan: RestorePointPlan = {
  ok: true,
  vm: { id: vm, name: "vm-web-02", location: "eastus" },
  mode: "CrashConsistent",
  collection: { id: null, name: "rpc-vm-web-02", location: "eastus", create: true },
  restorePointName: "rp-crash-resume",
  captureDisks: [],
  excludeDisks: [],
  armExcludeDisks: [],
};

describe("restart mid-job", () => {
  it("resumes the job in another process and notifies exactly once", async () => {
    const toldByFirst: Job[] = [];
    const toldBySecond: Job[] = [];
    const first = runner("first", () => new Date(), toldByFirst);
    const started = await first.start({
      vm: {
        id: vm,
        name: "vm-web-02",
        subscriptionId: PRODUCTION,
        resourceGroup: "rg-web",
        location: "eastus",
        type: "virtualMachine",
      },
      log: silentLogger,
      requestedBy: "console:alice",
      platform: "console",
      conversationKey: "console:alice",
      recheck: async () => ({ ok: true, plan }),
    });
    expect(started.ok).toBe(true);
    first.stop(); // the process dies: its follower stops, the job stays "running" in the store
    await first.idle();
    expect((await store.jobs.listUnfinished()).map((job) => job.state)).toEqual(["running"]);

    const early = runner("early", () => new Date(), []);
    expect(await early.resumeUnfinished()).toBe(0); // the dead process's lease still holds the VM

    const later = () => new Date(Date.now() + LEASE_MS + 1000);
    const second = runner("second", later, toldBySecond);
    expect(await second.resumeUnfinished()).toBe(1);
    await second.idle();
    expect(toldByFirst).toHaveLength(0);
    expect(toldBySecond).toHaveLength(1);
    expect(toldBySecond[0]).toMatchObject({ state: "succeeded", restorePointName: "rp-crash-resume" });

    const third = runner("third", later, toldBySecond);
    expect(await third.resumeUnfinished()).toBe(0);
    expect(toldBySecond).toHaveLength(1);
    expect(await store.locks.holder(`vm:${vm.toLowerCase()}`, later())).toBeUndefined();
  });
});

describe("a job this process is still starting", () => {
  it("is never taken over by the same process's sweep, however long Azure takes to accept it", async () => {
    const told: Job[] = [];
    const web01 = vmId(PRODUCTION, "rg-web", "vm-web-01");
    const solo = runner("solo", () => new Date(), told);
    sim.setLatency(400); // every ARM call of the start takes a while: the job row sits in "starting"
    const starting = solo.start({
      vm: {
        id: web01,
        name: "vm-web-01",
        subscriptionId: PRODUCTION,
        resourceGroup: "rg-web",
        location: "eastus",
        type: "virtualMachine",
      },
      log: silentLogger,
      requestedBy: "console:alice",
      platform: "console",
      conversationKey: "console:alice",
      recheck: async () => ({
        ok: true,
        plan: {
          ...plan,
          vm: { id: web01, name: "vm-web-01", location: "eastus" },
          restorePointName: "rp-slow",
          collection: { id: null, name: "rpc-slow-web-01", location: "eastus", create: true },
        },
      }),
    });
    await vi.waitFor(async () => {
      const unfinished = await store.jobs.listUnfinished();
      expect(unfinished.find((job) => job.vmId === web01)?.state).toBe("starting");
    });
    expect(await solo.resumeUnfinished()).toBe(0);
    const started = await starting;
    sim.setLatency(0);
    expect(started.ok ? "started" : `${started.code}: ${started.message}`).toBe("started");
    await solo.idle();
    expect(told.map((job) => job.state)).toEqual(["succeeded"]);
  });
});
