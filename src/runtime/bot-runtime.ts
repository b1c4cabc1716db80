/**
 * Assembles the bot from configuration: ARM (real or simulated), the store, the restore point job runner and
 * the platform-neutral dialogs. Doors (terminal, Slack, Teams) plug in their notifiers.
 */
import { randomUUID } from "node:crypto";
import type { ArmRequestObserver } from "../azure/arm-metrics-policy.js";
import { RestorePointWriter } from "../azure/restore-point-writer.js";
import type { Config } from "../config.js";
import type { Policy } from "../core/policy.js";
import { Bot } from "../dialogs/bot.js";
import type { CheckObserver } from "../dialogs/bot-dependencies.js";
import type { Logger } from "../logger.js";
import { buildFleetReport } from "../operations/fleet-report.js";
import { JobRunner } from "../operations/job-runner.js";
import type { JobEndingObserver, JobNotifier } from "../operations/job-types.js";
import { recheckPlan } from "../operations/recheck-plan.js";
import { openStore } from "../store/index.js";
import type { Platform, Store } from "../store/store.port.js";
import { type ArmRuntime, startArmRuntime } from "./arm-runtime.js";

export interface BotRuntime {
  bot: Bot;
  jobs: JobRunner;
  store: Store;
  arm: ArmRuntime;
  /** Doors register how they tell people results; then call resume() to pick up unfinished jobs. */
  notifiers: Partial<Record<Platform, JobNotifier>>;
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
  /** PostgreSQL schema (tests isolate themselves in one). */
  databaseSchema?: string;
  /** Told what the bot does, for `rpbot serve`'s metrics: ARM attempts, checks, job endings. */
  observers?: RuntimeObservers;
}

export interface RuntimeObservers {
  arm?: ArmRequestObserver;
  checks?: CheckObserver;
  endings?: JobEndingObserver;
}

export async function startBotRuntime(config: Config, options: BotRuntimeOptions): Promise<BotRuntime> {
  const now = options.now ?? (() => new Date());
  const warn = (message: string) => options.log.warn({ component: "arm" }, message);
  const arm = await startArmRuntime(config.arm, { now, warn, observer: options.observers?.arm });
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    schema: options.databaseSchema,
  }).catch(async (error: unknown) => {
    await arm.close();
    throw error;
  });
  const notifiers: Partial<Record<Platform, JobNotifier>> = {};
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
  const bot = new Bot({
    arm: arm.gateway,
    store,
    jobs,
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
  const sweep = sweepUnfinished(jobs, lease, options.log);
  // A long-running bot: the name index and the collection listing are refreshed before anyone waits for them.
  const stopWarm = arm.gateway.keepWarm();
  return {
    bot,
    jobs,
    store,
    arm,
    notifiers,
    resume: () => jobs.resumeUnfinished(),
    close: async () => {
      stopWarm();
      clearInterval(sweep);
      jobs.stop();
      await store.close();
      await arm.close();
    },
  };
}

function jobRunnerOf(
  config: Config,
  arm: ArmRuntime,
  store: Store,
  wiring: {
    notifiers: Partial<Record<Platform, JobNotifier>>;
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

/** Jobs of a process that died are taken over once their lease runs out, not only at start-up. */
function sweepUnfinished(jobs: JobRunner, lease: number, log: Logger): NodeJS.Timeout {
  const sweep = setInterval(() => {
    jobs
      .resumeUnfinished()
      .catch((error: unknown) => log.warn({ err: String(error) }, "resuming jobs failed"));
  }, lease / 2);
  sweep.unref();
  return sweep;
}
