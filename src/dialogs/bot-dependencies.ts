/** What the dialogs need from the rest of the bot, as narrow as they use it. */
import type { Limits } from "../core/limits.js";
import type { Policy } from "../core/policy.js";
import type { Logger } from "../logger.js";
import type { CollectionListing } from "../operations/collection-listing.js";
import type { FleetReportOutcome } from "../operations/fleet-report.js";
import type { JobRunner } from "../operations/job-runner.js";
import type { RunStart } from "../operations/run-types.js";
import type { SetFinder } from "../operations/set-finder.js";
import type { VmLookup } from "../operations/vm-lookup.js";
import type { Store } from "../store/store.port.js";

export interface BotDependencies {
  arm: VmLookup;
  store: Pick<Store, "confirmations" | "jobs" | "audit" | "runs">;
  jobs: Pick<JobRunner, "start">;
  /** Confirmed runs (protect, delete) are handed here, to start and follow in the background. */
  runs: { begin(start: RunStart): void };
  /** Finds a set's members (protect). */
  sets: SetFinder;
  /** A set's size cap and protection window (RPBOT_MAX_SET_SIZE, RPBOT_SET_WINDOW). */
  setLimits: { maxSize: number; windowMs: number };
  /** A resource group's restore point collections (clean up). */
  collections: CollectionListing;
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
