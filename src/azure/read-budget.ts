/**
 * The read side of arm-budget.ts under the names the bot had before writes and deletes were paced too: the
 * fleet reader, the benches and the tests read these.
 */
import type { Pipeline, PipelinePolicy } from "@azure/core-rest-pipeline";
import {
  ARM_BUDGETS,
  ArmBudget,
  type ArmBudgetCounters,
  type ArmBudgetSettings,
  armBudgetPolicyFor,
  armBudgetsOf,
  REMAINING_HEADERS,
} from "./arm-budget.js";

export type ReadBudgetSettings = ArmBudgetSettings;
export type ReadBudgetCounters = ArmBudgetCounters;

export const ARM_READ_BUDGET: Readonly<ReadBudgetSettings> = ARM_BUDGETS.reads;

export const REMAINING_READS_HEADER = REMAINING_HEADERS.reads;

/** An ArmBudget that defaults to ARM's read bucket. */
export class ReadBudget extends ArmBudget {
  constructor(
    settings: Readonly<ReadBudgetSettings> = ARM_READ_BUDGET,
    clock?: () => number,
    wait?: (ms: number) => Promise<unknown>,
  ) {
    super(settings, clock, wait);
  }
}

/** The read budget of one subscription's client (armBudgetsOf installs all three on first use). */
export function readBudgetOf(client: { pipeline: Pipeline }, settings?: ReadBudgetSettings): ReadBudget {
  return armBudgetsOf(client, { reads: settings }).reads;
}

/**
 * Paces each read (GET, HEAD) through the budget `budgetOf` names for its URL (none: sent unpaced). The plain
 * subscription pipeline uses it: `GET /subscriptions/{id}` spends that subscription's reads like any other.
 */
export function readBudgetPolicyFor(budgetOf: (url: string) => ReadBudget | undefined): PipelinePolicy {
  return armBudgetPolicyFor((url, kind) => (kind === "reads" ? budgetOf(url) : undefined));
}
