/** What the dialogs need from the rest of the bot, as narrow as they use it. */
import type { Limits } from "../core/limits.js";
import type { Policy } from "../core/policy.js";
import type { Logger } from "../logger.js";
import type { FleetReportOutcome } from "../operations/fleet-report.js";
import type { JobRunner } from "../operations/job-runner.js";
import type { VmLookup } from "../operations/vm-lookup.js";
import type { Store } from "../store/store.port.js";

export interface BotDependencies {
  arm: VmLookup;
  store: Pick<Store, "confirmations" | "jobs" | "audit">;
  jobs: Pick<JobRunner, "start">;
  /** undefined = the default policy: checks for everyone, creation only in the terminal chat. */
  policy?: Policy;
  limits: Limits;
  now: () => Date;
  /** The bot's logger; each request gets a child of it (or of the door's) with its request id. */
  log: Logger;
  newId(): string;
  confirmationTtlMs: number;
  /** Links into the Azure portal; none without one (the simulator). */
  portalUrl?: string;
  /** The fleet report over a resource group or subscription, when this bot offers it. */
  report?(scope: string): Promise<FleetReportOutcome>;
  /** Told how each check ended (`rpbot serve`'s metrics). */
  checks?: CheckObserver;
}

/**
 * How a check ended: both modes allowed now, one of them, neither; no single VM the person may check was
 * found by what they named; or the check failed (ARM, the store).
 */
export type CheckResult = "possible" | "partial" | "blocked" | "not-found" | "error";

export interface CheckObserver {
  checkAnswered(result: CheckResult): void;
}
