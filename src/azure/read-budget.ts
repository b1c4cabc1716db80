/**
 * Paces reads against ARM's per-subscription read bucket (reference section 15.1: 250 reads, refilled at 25 per
 * second). Every ARM answer says how many reads are left (`x-ms-ratelimit-remaining-subscription-reads`); when
 * that runs low, reads wait for the refill instead of spending the bucket into 429s, which would also starve
 * every other caller of the subscription (checks, creations, other tools under the same identity).
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Pipeline, PipelinePolicy } from "@azure/core-rest-pipeline";

export interface ReadBudgetSettings {
  /** Reads to leave in the bucket for others; below this, wait for the refill. */
  reserve: number;
  refillPerSecond: number;
  /** A refill estimate never goes above the bucket's size. */
  capacity: number;
}

/**
 * The estimate errs low (reads in flight count as spent), so the bucket holds more than the reserve in
 * practice; a reserve of 20 cost a burst of 100 checks 0.8 s for no 429 it prevented.
 */
export const ARM_READ_BUDGET: Readonly<ReadBudgetSettings> = Object.freeze({
  reserve: 5,
  refillPerSecond: 25,
  capacity: 250,
});

export const REMAINING_READS_HEADER = "x-ms-ratelimit-remaining-subscription-reads";

export interface ReadBudgetCounters {
  /** Reads sent, retries included. */
  sent: number;
  /** Reads ARM answered with 429. */
  throttled: number;
  /** Times a read waited for the refill. */
  pauses: number;
}

/**
 * A local copy of the subscription's bucket: reset from the numbers ARM reports, refilled with time, and
 * spent by each read we send. Reads still in flight when a number arrives may not be in it yet, so they are
 * taken off again (erring on the side of waiting: counting only those sent after the answered one drew 77 429s
 * in a burst, as new connections reorder reads). Answers arrive out of order too: a number from a read sent
 * before the one the estimate stands on is older news, and may only lower the estimate (measured: 100
 * concurrent checks saw "181 left" followed by "238 left", which otherwise raised the estimate by 60 and ran
 * the bucket into 429s).
 */
export class ReadBudget {
  readonly counters: ReadBudgetCounters = { sent: 0, throttled: 0, pauses: 0 };
  /** Unknown until ARM first reports it. */
  private tokens: number | undefined;
  private updatedAt = 0;
  /** Reads sent and not answered yet, by ticket: how many reads sent after each were answered before it. */
  private readonly inFlight = new Map<number, number>();
  /** Tickets in the order reads are sent; the estimate stands on the number of the read with `basis`. */
  private nextTicket = 0;
  private basis = -1;
  /** Reads waiting for the first number: until ARM has said how full the bucket is, one read at a time. */
  private waitingForFirstAnswer: Array<() => void> = [];

  constructor(
    private readonly settings: ReadBudgetSettings = ARM_READ_BUDGET,
    private readonly clock: () => number = () => performance.now(),
    private readonly wait: (ms: number) => Promise<unknown> = (ms) => sleep(ms),
  ) {}

  /**
   * Resolves when one more read leaves at least the reserve in the bucket (as far as we can tell), with the
   * read's ticket for settle().
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
      // Reads in flight, and reads sent later but answered first, may have been spent after this number.
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

  /** Takes the read off the in-flight ones; returns how many reads sent after it were answered before it. */
  private answered(ticket: number): number {
    const overtaken = this.inFlight.get(ticket) ?? 0;
    this.inFlight.delete(ticket);
    for (const [older, count] of this.inFlight) if (older < ticket) this.inFlight.set(older, count + 1);
    return overtaken;
  }

  /** How many reads the bucket probably lacks for one more read above the reserve; 0 or less: go ahead. */
  private shortfall(): number {
    if (this.tokens === undefined) return 0;
    const now = this.clock();
    const refilled = ((now - this.updatedAt) / 1000) * this.settings.refillPerSecond;
    this.tokens = Math.min(this.settings.capacity, this.tokens + refilled);
    this.updatedAt = now;
    return this.settings.reserve + 1 - this.tokens;
  }
}

const POLICY_NAME = "rpbotReadBudget";
const budgets = new WeakMap<Pipeline, ReadBudget>();

/**
 * The budget of one subscription's client, installed into its pipeline on first use. The bucket belongs to the
 * subscription, not to one caller, so every later read through that client is paced too; the settings of the
 * first install stay.
 */
export function readBudgetOf(client: { pipeline: Pipeline }, settings?: ReadBudgetSettings): ReadBudget {
  let budget = budgets.get(client.pipeline);
  if (!budget) {
    budget = new ReadBudget(settings);
    // After the retry policy, so that every attempt (a retried 429 included) is paced and counted.
    client.pipeline.addPolicy(readBudgetPolicy(budget), { afterPhase: "Retry" });
    budgets.set(client.pipeline, budget);
  }
  return budget;
}

function readBudgetPolicy(budget: ReadBudget): PipelinePolicy {
  return readBudgetPolicyFor(() => budget);
}

/**
 * Paces each GET through the budget `budgetOf` names for its URL (none: sent unpaced). The plain subscription
 * pipeline uses it: `GET /subscriptions/{id}` spends that subscription's reads like any other.
 */
export function readBudgetPolicyFor(budgetOf: (url: string) => ReadBudget | undefined): PipelinePolicy {
  return {
    name: POLICY_NAME,
    sendRequest: async (request, next) => {
      const budget = request.method === "GET" ? budgetOf(request.url) : undefined;
      if (!budget) return next(request);
      const ticket = await budget.acquire();
      try {
        const response = await next(request);
        budget.settle(ticket, response.status, response.headers.get(REMAINING_READS_HEADER));
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
