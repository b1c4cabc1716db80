/** A job runner on a real store and the real SDK against the simulator, with what it told recorded. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createArmClients, simulatorConnection } from "../../../src/azure/clients.js";
import { RestorePointWriter } from "../../../src/azure/restore-point-writer.js";
import type { RestorePointPlan } from "../../../src/core/plan.js";
import type { VmRef } from "../../../src/core/vm-ref.js";
import { silentLogger } from "../../../src/logger.js";
import type { JobNotifier } from "../../../src/operations/delivery.js";
import { JobRunner } from "../../../src/operations/job-runner.js";
import type { JobRunnerOptions, Recheck } from "../../../src/operations/job-types.js";
import type { RunningSimulator } from "../../../src/simulator/index.js";
import { openStore, type Store } from "../../../src/store/index.js";
import { type Confirmation, type Job, PLAN_SCHEMA_VERSION } from "../../../src/store/store.port.js";
import { PRODUCTION, vmId } from "../../support/sim-fixture.js";

export const LEASE_MS = 60_000;

export async function openTestStore(): Promise<Store> {
  return openStore({ sqlitePath: join(mkdtempSync(join(tmpdir(), "rpbot-jobs-")), "rpbot.db") });
}

export function vmRef(name: string): VmRef {
  return {
    id: vmId(PRODUCTION, "rg-web", name),
    name,
    subscriptionId: PRODUCTION,
    resourceGroup: "rg-web",
    location: "eastus",
    type: "virtualMachine",
  };
}

export function planOf(vm: VmRef, restorePointName: string): RestorePointPlan {
  return {
    ok: true,
    vm: { id: vm.id, name: vm.name, location: vm.location },
    mode: "CrashConsistent",
    collection: { id: null, name: `rpc-${restorePointName}`, location: "eastus", create: true },
    restorePointName,
    captureDisks: [],
    excludeDisks: [],
    armExcludeDisks: [],
  };
}

export async function pendingConfirmation(
  store: Store,
  vm: VmRef,
  restorePointName: string,
): Promise<Confirmation> {
  const now = new Date();
  const confirmation: Confirmation = {
    id: `conf-${restorePointName}-${Math.random().toString(16).slice(2)}`,
    platform: "console",
    requestedBy: "console:alice",
    conversationKey: "console:alice",
    vmId: vm.id,
    vmName: vm.name,
    modes: ["CrashConsistent"],
    plan: { schemaVersion: PLAN_SCHEMA_VERSION, vm, plans: [planOf(vm, restorePointName)] },
    createdAt: now,
    expiresAt: new Date(now.getTime() + 3_600_000),
    state: "pending",
  };
  await store.confirmations.create(confirmation);
  return confirmation;
}

/** What a notifier was asked to do, in order. */
export interface Told {
  posts: Job[];
  cards: Job[];
}

export function recordingNotifier(
  told: Told,
  failures: Partial<Record<"card" | "post", () => Error | undefined>> = {},
): JobNotifier {
  return {
    updateCard: async (job) => {
      const failure = failures.card?.();
      if (failure) throw failure;
      told.cards.push(job);
    },
    postResult: async (job) => {
      const failure = failures.post?.();
      if (failure) throw failure;
      told.posts.push(job);
      return `post-${told.posts.length}`;
    },
  };
}

export interface RunnerSetup {
  sim: RunningSimulator;
  store: Store;
  name: string;
  now?: () => Date;
  notifier?: JobNotifier;
  recheck?: JobRunnerOptions["recheck"];
  followLimitMs?: number;
}

/** The re-check passes and returns the confirmation's plan, as shown. */
export function passingRecheck(restorePointName: string): (vm: VmRef) => Promise<Recheck> {
  return async (vm) => ({ ok: true, plan: planOf(vm, restorePointName) });
}

export function runnerOf(setup: RunnerSetup): JobRunner {
  return new JobRunner({
    store: setup.store,
    writer: new RestorePointWriter(
      createArmClients(simulatorConnection(setup.sim.endpoint, setup.sim.caPem)),
      20,
    ),
    recheck: setup.recheck ?? (async () => ({ ok: false, message: "no re-check in this test" })),
    invalidate: () => undefined,
    notifiers: setup.notifier ? { console: setup.notifier } : {},
    now: setup.now ?? (() => new Date()),
    log: silentLogger,
    processId: setup.name,
    lockLeaseMs: LEASE_MS,
    retryDelayMs: 20,
    followLimitMs: setup.followLimitMs ?? 60_000,
    newId: () => `job-${setup.name}-${Math.random().toString(16).slice(2)}`,
  });
}

/** A clock past every lease taken so far: a process that died has let go of everything. */
export const afterLeases = (): Date => new Date(Date.now() + LEASE_MS + 1_000);
