/**
 * Paces requests against ARM's per-subscription token buckets (reference section 15.1): reads 250, refilled at
 * 25 per second; writes and deletes 200 each, refilled at 10 per second. Every ARM answer says how much of its
 * operation's bucket is left (`x-ms-ratelimit-remaining-subscription-reads|writes|deletes`); when that runs low,
 * requests wait for the refill instead of spending the bucket into 429s, which would also starve every other
 * caller of the subscription (checks, creations, other tools under the same identity).
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Pipeline, PipelinePolicy } from "@azure/core-rest-pipeline";

/** ARM's operation types, each with a bucket of its own. */
export type ArmOperationKind = "reads" | "writes" | "deletes";

export const ARM_OPERATION_KINDS: readonly ArmOperationKind[] = Object.freeze(["reads", "writes", "deletes"]);

/** As ARM counts them (and the simulator's arm-handler.ts): GET and HEAD read, DELETE deletes, the rest writes. */
export function operationKindOf(method: string): ArmOperationKind {
  const upper = method.toUpperCase();
  if (upper === "DELETE") return "deletes";
  return upper === "GET" || upper === "HEAD" ? "reads" : "writes";
}

export interface ArmBudgetSettings {
  /** Requests to leave in the bucket for others; below this, wait for the refill. */
  reserve: number;
  refillPerSecond: number;
  /** A refill estimate never goes above the bucket's size. */
  capacity: number;
}

/**
 * The estimate errs low (requests in flight count as spent), so the bucket holds more than the reserve in
 * practice; a read reserve of 20 cost a burst of 100 checks 0.8 s for no 429 it prevented.
 */
export const ARM_BUDGETS: Readonly<Record<ArmOperationKind, Readonly<ArmBudgetSettings>>> = Object.freeze({
  reads: Object.freeze({ reserve: 5, refillPerSecond: 25, capacity: 250 }),
  writes: Object.freeze({ reserve: 5, refillPerSecond: 10, capacity: 200 }),
  deletes: Object.freeze({ reserve: 5, refillPerSecond: 10, capacity: 200 }),
});

export const REMAINING_HEADERS: Readonly<Record<ArmOperationKind, string>> = Object.freeze({
  reads: "x-ms-ratelimit-remaining-subscription-reads",
  writes: "x-ms-ratelimit-remaining-subscription-writes",
  deletes: "x-ms-ratelimit-remaining-subscription-deletes",
});

export interface ArmBudgetCounters {
  /** Requests sent, retries included. */
  sent: number;
  /** Requests ARM answered with 429. */
  throttled: number;
  /** Times a request waited for the refill. */
  pauses: number;
}

/**
 * A local copy of one of the subscription's buckets: reset from the numbers ARM reports, refilled with time, and
 * spent by each request we send. Requests still in flight when a number arrives may not be in it yet, so they
 * are taken off again (erring on the side of waiting: counting only those sent after the answered one drew 77
 * 429s in a burst of reads, as new connections reorder requests). Answers arrive out of order too: a number from
 * a request sent before the one the estimate stands on is older news, and may only lower the estimate
 * (measured: 100 concurrent checks saw "181 left" followed by "238 left", which otherwise raised the estimate by
 * 60 and ran the bucket into 429s).
 */
export class ArmBudget {
  readonly counters: ArmBudgetCounters = { sent: 0, throttled: 0, pauses: 0 };
  /** Unknown until ARM first reports it. */
  private tokens: number | undefined;
  private updatedAt = 0;
  /** Requests sent and not answered yet, by ticket: how many sent after each were answered before it. */
  private readonly inFlight = new Map<number, number>();
  /** Tickets in the order requests are sent; the estimate stands on the number of the one with `basis`. */
  private nextTicket = 0;
  private basis = -1;
  /** Requests waiting for the first number: until ARM has said how full the bucket is, one at a time. */
  private waitingForFirstAnswer: Array<() => void> = [];

  constructor(
    private readonly settings: Readonly<ArmBudgetSettings>,
    private readonly clock: () => number = () => performance.now(),
    private readonly wait: (ms: number) => Promise<unknown> = (ms) => sleep(ms),
  ) {}

  /**
   * Resolves when one more request leaves at least the reserve in the bucket (as far as we can tell), with the
   * request's ticket for settle().
   */
  async acquire(): Promise<number> {
    while (this.tokens === undefined && this.inFlight.size > 0) {
      await new Promise<void>((resolve) => this.waitingForFirstAnswer.push(resolve));
    }
    for (let shortfall = this.shortfall(); shortfall > 0; shortfall = this.shortfall()) {
      this.counters.pauses++;
      await this.wait(Math.ceil((shortfall / this.settings.refillPerSecond) * 1000));
    }
    if (this.tokens !== undefined) this.tokens -= 1;
    const ticket = this.nextTicket++;
    this.inFlight.set(ticket, 0);
    this.counters.sent++;
    return ticket;
  }

  /** A 429 means the bucket is empty, whatever we thought; an answer without the header tells nothing new. */
  settle(ticket: number, status: number | undefined, remainingHeader: string | undefined): void {
    const overtaken = this.answered(ticket);
    if (status === 429) this.counters.throttled++;
    const remaining = status === 429 ? 0 : Number.parseInt(remainingHeader ?? "", 10);
    if (!Number.isNaN(remaining)) {
      // Requests in flight, and requests sent later but answered first, may have been spent after this number.
      const reported = remaining - this.inFlight.size - overtaken;
      if (this.tokens === undefined || ticket > this.basis) {
        this.tokens = reported;
        this.basis = ticket;
        this.updatedAt = this.clock();
      } else {
        this.shortfall(); // brings the estimate up to now before comparing
        this.tokens = Math.min(this.tokens, reported);
      }
    }
    for (const wake of this.waitingForFirstAnswer.splice(0)) wake();
  }

  /** Takes the request off the in-flight ones; returns how many sent after it were answered before it. */
  private answered(ticket: number): number {
    const overtaken = this.inFlight.get(ticket) ?? 0;
    this.inFlight.delete(ticket);
    for (const [older, count] of this.inFlight) if (older < ticket) this.inFlight.set(older, count + 1);
    return overtaken;
  }

  /** How many tokens the bucket probably lacks for one more request above the reserve; 0 or less: go ahead. */
  private shortfall(): number {
    if (this.tokens === undefined) return 0;
    const now = this.clock();
    const refilled = ((now - this.updatedAt) / 1000) * this.settings.refillPerSecond;
    this.tokens = Math.min(this.settings.capacity, this.tokens + refilled);
    this.updatedAt = now;
    return this.settings.reserve + 1 - this.tokens;
  }
}

export type ArmBudgets = Readonly<Record<ArmOperationKind, ArmBudget>>;

/** Settings per kind; a kind left out gets ARM's documented bucket. */
export type ArmBudgetSettingsByKind = {
  [kind in ArmOperationKind]?: Readonly<ArmBudgetSettings> | undefined;
};

const POLICY_NAME = "rpbotArmBudget";
const budgetsByPipeline = new WeakMap<Pipeline, ArmBudgets>();

/**
 * The budgets of one subscription's client, installed into its pipeline on first use. The buckets belong to the
 * subscription, not to one caller, so every later request through that client is paced too; the settings of
 * the first install stay.
 */
export function armBudgetsOf(
  client: { pipeline: Pipeline },
  settings: ArmBudgetSettingsByKind = {},
): ArmBudgets {
  let budgets = budgetsByPipeline.get(client.pipeline);
  if (!budgets) {
    const made: ArmBudgets = {
      reads: new ArmBudget(settings.reads ?? ARM_BUDGETS.reads),
      writes: new ArmBudget(settings.writes ?? ARM_BUDGETS.writes),
      deletes: new ArmBudget(settings.deletes ?? ARM_BUDGETS.deletes),
    };
    // After the retry policy, so that every attempt (a retried 429 included) is paced and counted.
    client.pipeline.addPolicy(
      armBudgetPolicyFor((_url, kind) => made[kind]),
      { afterPhase: "Retry" },
    );
    budgetsByPipeline.set(client.pipeline, made);
    budgets = made;
  }
  return budgets;
}

/**
 * Paces each request through the budget `budgetOf` names for its URL and operation kind (none: sent unpaced),
 * and settles it from the answer's header for that kind.
 */
export function armBudgetPolicyFor(
  budgetOf: (url: string, kind: ArmOperationKind) => ArmBudget | undefined,
): PipelinePolicy {
  return {
    name: POLICY_NAME,
    sendRequest: async (request, next) => {
      const kind = operationKindOf(request.method);
      const budget = budgetOf(request.url, kind);
      if (!budget) return next(request);
      const ticket = await budget.acquire();
      try {
        const response = await next(request);
        budget.settle(ticket, response.status, response.headers.get(REMAINING_HEADERS[kind]));
        return response;
      } catch (error) {
        budget.settle(ticket, statusOf(error), undefined);
        throw error;
      }
    },
  };
}

function statusOf(error: unknown): number | undefined {
  const status = typeof error === "object" && error !== null ? Reflect.get(error, "statusCode") : undefined;
  return typeof status === "number" ? status : undefined;
}
