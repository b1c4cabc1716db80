/**
 * Assembles the bot from configuration: ARM (real or simulated), the store, the restore point job runner and
 * the platform-neutral dialogs. Doors (terminal, Slack, Teams) plug in their notifiers.
 */
import { randomUUID } from "node:crypto";
import type { ArmRequestObserver } from "../azure/arm-metrics-policy.js";
import type { GatherResult } from "../azure/facts-gatherer.js";
import { RestorePointDeleter } from "../azure/restore-point-deleter.js";
import { RestorePointWriter } from "../azure/restore-point-writer.js";
import { SetMembers } from "../azure/set-members.js";
import type { Config } from "../config.js";
import type { VmHistory } from "../core/facts.js";
import type { Policy } from "../core/policy.js";
import type { VmRef } from "../core/vm-ref.js";
import { Bot } from "../dialogs/bot.js";
import type { CheckObserver } from "../dialogs/bot-dependencies.js";
import type { Logger } from "../logger.js";
import { createCollectionListing } from "../operations/collection-listing.js";
import { DeleteExecutor } from "../operations/delete-executor.js";
import type { RunNotifier } from "../operations/delivery.js";
import { buildFleetReport } from "../operations/fleet-report.js";
import { JobRunner } from "../operations/job-runner.js";
import type { JobEndingObserver, JobNotifier } from "../operations/job-types.js";
import { ProtectExecutor } from "../operations/protect-executor.js";
import { recheckPlan } from "../operations/recheck-plan.js";
import { RunCoordinator } from "../operations/run-coordinator.js";
import { openStore } from "../store/index.js";
import type { Platform, Store } from "../store/store.port.js";
import { type ArmRuntime, type ArmRuntimeOptions, startArmRuntime } from "./arm-runtime.js";

/** How a door tells people results: of single jobs, and of runs. */
export type ChatNotifier = JobNotifier & RunNotifier;

export interface BotRuntime {
  bot: Bot;
  jobs: JobRunner;
  runs: RunCoordinator;
  store: Store;
  arm: ArmRuntime;
  /** Doors register how they tell people results; then call resume() to pick up unfinished jobs and runs. */
  notifiers: Partial<Record<Platform, ChatNotifier>>;
  resume(): Promise<number>;
  close(): Promise<void>;
}

export interface BotRuntimeOptions {
  log: Logger;
  policy?: Policy;
  now?: () => Date;
  /** How long a job's VM lock lasts without renewal. */
  lockLeaseMs?: number;
  /** A job whose outcome is unknown this long after it started ends as lost (default: the configuration's). */
  followLimitMs?: number;
  /** At most one update of a run's card per this long (default 2 s). */
  progressIntervalMs?: number;
  /** PostgreSQL schema (tests isolate themselves in one). */
  databaseSchema?: string;
  /** Told what the bot does, for `rpbot serve`'s metrics: ARM attempts, checks, job endings. */
  observers?: RuntimeObservers;
  /** Knobs for the built-in simulator (benchmarks: a generated fleet, latency, small buckets). */
  simulator?: ArmRuntimeOptions["simulator"];
}

export interface RuntimeObservers {
  arm?: ArmRequestObserver;
  checks?: CheckObserver;
  endings?: JobEndingObserver;
}

export async function startBotRuntime(config: Config, options: BotRuntimeOptions): Promise<BotRuntime> {
  const now = options.now ?? (() => new Date());
  const warn = (message: string) => options.log.warn({ component: "arm" }, message);
  const arm = await startArmRuntime(config.arm, {
    now,
    warn,
    observer: options.observers?.arm,
    simulator: options.simulator,
  });
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    schema: options.databaseSchema,
  }).catch(async (error: unknown) => {
    await arm.close();
    throw error;
  });
  const notifiers: Partial<Record<Platform, ChatNotifier>> = {};
  const lease = options.lockLeaseMs ?? config.jobs.leaseMs;
  const followLimitMs = options.followLimitMs ?? config.jobs.followLimitMs;
  const endings = options.observers?.endings;
  const jobs = jobRunnerOf(config, arm, store, {
    notifiers,
    now,
    lease,
    followLimitMs,
    log: options.log,
    endings,
  });
  const runs = runCoordinatorOf(config, arm, store, jobs, {
    notifiers,
    now,
    lease,
    log: options.log,
    progressIntervalMs: options.progressIntervalMs ?? PROGRESS_INTERVAL_MS,
  });
  const gateway = arm.gateway;
  const bot = new Bot({
    arm: gateway,
    store,
    jobs,
    runs,
    sets: new SetMembers({
      clients: gateway.clients,
      subscriptions: gateway.subscriptions,
      graph: gateway.graph,
      onGraphRefusal: warn,
    }),
    setLimits: config.sets,
    collections: createCollectionListing(gateway.clients, gateway.subscriptions),
    policy: options.policy,
    limits: config.limits,
    now,
    log: options.log,
    newId: randomUUID,
    confirmationTtlMs: config.confirmationTtlMs,
    portalUrl: config.arm.portalUrl,
    report: (scope) => buildFleetReport({ arm: arm.gateway, limits: config.limits, now }, scope),
    checks: options.observers?.checks,
  });
  const resume = async () => (await jobs.resumeUnfinished()) + (await runs.resumeUnfinished());
  const sweep = sweepUnfinished(resume, lease, options.log);
  // A long-running bot: the name index and the collection listing are refreshed before anyone waits for them.
  const stopWarm = arm.gateway.keepWarm();
  return {
    bot,
    jobs,
    runs,
    store,
    arm,
    notifiers,
    resume,
    close: async () => {
      stopWarm();
      clearInterval(sweep);
      runs.stop();
      jobs.stop();
      await store.close();
      await arm.close();
    },
  };
}

/** The "at most one update per couple of seconds". */
const PROGRESS_INTERVAL_MS = 2_000;
/** Deletes in flight at once for one run; ARM's delete budget paces them further. */
const DELETES_AT_ONCE = 10;

function runCoordinatorOf(
  config: Config,
  arm: ArmRuntime,
  store: Store,
  jobs: JobRunner,
  wiring: {
    notifiers: Partial<Record<Platform, ChatNotifier>>;
    now: () => Date;
    lease: number;
    log: Logger;
    progressIntervalMs: number;
  },
): RunCoordinator {
  const { gateway } = arm;
  const pollMs = config.arm.pollIntervalMs;
  const histories = async (vms: readonly VmRef[]) => {
    const gathered = await Promise.all(vms.map((vm) => gateway.gather(vm, { fresh: true })));
    return new Map(vms.map((vm, index) => [vm.id, historyOf(gathered[index])]));
  };
  return new RunCoordinator({
    store,
    executors: {
      protect: new ProtectExecutor({
        store,
        jobs,
        concurrency: config.sets.concurrency,
        pollMs,
        now: wiring.now,
        histories,
      }),
      delete: new DeleteExecutor({
        runs: store.runs,
        audit: store.audit,
        deleter: new RestorePointDeleter(gateway.clients, pollMs),
        collections: createCollectionListing(gateway.clients, gateway.subscriptions),
        now: wiring.now,
        invalidate: (subscriptionId) => gateway.invalidate(subscriptionId),
        concurrency: DELETES_AT_ONCE,
        retryDelayMs: pollMs,
      }),
    },
    notifiers: wiring.notifiers,
    now: wiring.now,
    log: wiring.log.child({ component: "runs" }),
    processId: randomUUID(),
    leaseMs: wiring.lease,
    progressIntervalMs: wiring.progressIntervalMs,
    retryDelayMs: pollMs,
  });
}

/** A member that cannot be read counts as having no restore point: the set is then not protected. */
function historyOf(gathered: GatherResult | undefined): VmHistory {
  return gathered?.ok ? gathered.history : { collections: [] };
}

function jobRunnerOf(
  config: Config,
  arm: ArmRuntime,
  store: Store,
  wiring: {
    notifiers: Partial<Record<Platform, ChatNotifier>>;
    now: () => Date;
    lease: number;
    followLimitMs: number;
    log: Logger;
    endings?: JobEndingObserver;
  },
): JobRunner {
  const checks = { arm: arm.gateway, limits: config.limits, now: wiring.now };
  return new JobRunner(
    {
      store,
      recheck: (vm, mode) => recheckPlan(checks, vm, mode),
      followLimitMs: wiring.followLimitMs,
      writer: new RestorePointWriter(arm.gateway.clients, config.arm.pollIntervalMs),
      invalidate: (subscriptionId) => arm.gateway.invalidate(subscriptionId),
      notifiers: wiring.notifiers,
      now: wiring.now,
      log: wiring.log.child({ component: "jobs" }),
      processId: randomUUID(),
      lockLeaseMs: wiring.lease,
      retryDelayMs: config.arm.pollIntervalMs,
      newId: randomUUID,
      endings: wiring.endings,
    },
    { giveUpAfterMs: config.jobs.deliveryGiveUpMs },
  );
}

/** Jobs and runs of a process that died are taken over once their lease runs out, not only at start-up. */
function sweepUnfinished(resume: () => Promise<number>, lease: number, log: Logger): NodeJS.Timeout {
  const sweep = setInterval(() => {
    resume().catch((error: unknown) => log.warn({ err: String(error) }, "resuming jobs failed"));
  }, lease / 2);
  sweep.unref();
  return sweep;
}
