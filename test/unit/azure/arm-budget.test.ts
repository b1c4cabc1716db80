/**
 * The local copies of ARM's read, write and delete buckets, driven by hand: a clock that only moves when a
 * request waits, and answers settled in the order a loaded ARM may give them. The estimate is the same for every
 * kind, so each case runs over all three with that kind's settings. What is observed is how many requests go out
 * before one has to wait, which is what the estimate decides.
 */
import { createEmptyPipeline, createHttpHeaders, createPipelineRequest } from "@azure/core-rest-pipeline";
import { describe, expect, it } from "vitest";
import {
  ARM_BUDGETS,
  ARM_OPERATION_KINDS,
  ArmBudget,
  type ArmBudgetSettings,
  type ArmOperationKind,
  armBudgetPolicyFor,
  armBudgetsOf,
  operationKindOf,
  REMAINING_HEADERS,
} from "../../../src/azure/arm-budget.js";

function budgetAt(settings: Readonly<ArmBudgetSettings>, startTokens: number) {
  let now = 0;
  const waits: number[] = [];
  const budget = new ArmBudget(
    settings,
    () => now,
    async (ms) => {
      waits.push(ms);
      now += ms;
    },
  );
  return {
    budget,
    waits,
    /** The first request, answered: the estimate starts from what ARM said. */
    async start() {
      budget.settle(await budget.acquire(), 200, String(startTokens));
    },
    /** Requests sent until one waits; the one that waited is not counted. */
    async sentBeforeWaiting(): Promise<number> {
      let sent = 0;
      while (waits.length === 0) {
        await budget.acquire();
        sent += 1;
      }
      return sent - 1;
    },
  };
}

/** ARM's documented buckets (reference 15.1), as the simulator's throttle.ts plays them. */
const DOCUMENTED = [
  { kind: "reads", capacity: 250, refillPerSecond: 25 },
  { kind: "writes", capacity: 200, refillPerSecond: 10 },
  { kind: "deletes", capacity: 200, refillPerSecond: 10 },
] as const;

describe("ARM's buckets as the bot knows them", () => {
  it.each(DOCUMENTED)("$kind: $capacity, refilled at $refillPerSecond per second", (row) => {
    expect(ARM_BUDGETS[row.kind]).toMatchObject({
      capacity: row.capacity,
      refillPerSecond: row.refillPerSecond,
    });
    expect(REMAINING_HEADERS[row.kind]).toBe(`x-ms-ratelimit-remaining-subscription-${row.kind}`);
  });

  it.each([
    ["GET", "reads"],
    ["HEAD", "reads"],
    ["get", "reads"],
    ["PUT", "writes"],
    ["PATCH", "writes"],
    ["POST", "writes"],
    ["DELETE", "deletes"],
    ["delete", "deletes"],
  ] as const)("counts a %s as one of the %s", (method, kind) => {
    expect(operationKindOf(method)).toBe(kind);
  });
});

describe.each(ARM_OPERATION_KINDS)("the %s budget's estimate", (kind) => {
  const settings = ARM_BUDGETS[kind];
  const msFor = (tokens: number) => Math.ceil((tokens / settings.refillPerSecond) * 1000);

  it("spends down to the reserve, then waits for the refill of what it lacks", async () => {
    const bucket = budgetAt(settings, 50);
    await bucket.start();
    expect(await bucket.sentBeforeWaiting()).toBe(50 - settings.reserve);
    expect(bucket.waits).toEqual([msFor(1)]); // one request short
    expect(bucket.budget.counters).toEqual({ sent: 1 + 50 - settings.reserve + 1, throttled: 0, pauses: 1 });
  });

  it("takes the requests still in flight off what an answer reports", async () => {
    const bucket = budgetAt(settings, 100);
    await bucket.start();
    const [a, b, c] = [
      await bucket.budget.acquire(),
      await bucket.budget.acquire(),
      await bucket.budget.acquire(),
    ];
    bucket.budget.settle(c, 200, "97"); // a and b may not be in that number yet
    bucket.budget.settle(a, 200, undefined);
    bucket.budget.settle(b, 200, undefined);
    expect(await bucket.sentBeforeWaiting()).toBe(97 - 2 - settings.reserve);
  });

  it("never raises the estimate from an answer older than the one it stands on", async () => {
    const bucket = budgetAt(settings, 100);
    await bucket.start();
    const older = await bucket.budget.acquire();
    const newer = await bucket.budget.acquire();
    bucket.budget.settle(newer, 200, "60");
    bucket.budget.settle(older, 200, "99"); // stale: other requests were spent since
    expect(await bucket.sentBeforeWaiting()).toBe(60 - 1 - settings.reserve);
  });

  it("lowers the estimate from an older answer, less the requests sent after it and answered first", async () => {
    const bucket = budgetAt(settings, 100);
    await bucket.start();
    const older = await bucket.budget.acquire();
    const newer = await bucket.budget.acquire();
    bucket.budget.settle(newer, 200, "90");
    bucket.budget.settle(older, 200, "30"); // someone else spent the bucket; `newer` may have come after
    expect(await bucket.sentBeforeWaiting()).toBe(30 - 1 - settings.reserve);
  });

  it("never counts on more than the bucket's size, whatever an answer says", async () => {
    const bucket = budgetAt(settings, settings.capacity + 1000);
    await bucket.start();
    expect(await bucket.sentBeforeWaiting()).toBe(settings.capacity - settings.reserve);
  });

  it("counts a 429 as an empty bucket, whatever it thought", async () => {
    const bucket = budgetAt(settings, 200);
    await bucket.start();
    bucket.budget.settle(await bucket.budget.acquire(), 429, "150");
    expect(bucket.budget.counters.throttled).toBe(1);
    expect(await bucket.sentBeforeWaiting()).toBe(0);
    expect(bucket.waits).toEqual([msFor(settings.reserve + 1)]);
  });

  it("sends one request at a time until ARM first says how full the bucket is", async () => {
    const bucket = budgetAt(settings, 100);
    const first = await bucket.budget.acquire();
    let second = false;
    const waiting = bucket.budget.acquire().then(() => {
      second = true;
    });
    await Promise.resolve();
    expect(second).toBe(false);
    bucket.budget.settle(first, 200, "100");
    await waiting;
    expect(second).toBe(true);
  });
});

/** Budgets on a hand-moved clock, and a pipeline whose every answer reports `remaining` in all three headers. */
function pacedPipeline(remaining: Record<ArmOperationKind, number>) {
  const buckets = {
    reads: budgetAt(ARM_BUDGETS.reads, 0),
    writes: budgetAt(ARM_BUDGETS.writes, 0),
    deletes: budgetAt(ARM_BUDGETS.deletes, 0),
  };
  const pipeline = createEmptyPipeline();
  pipeline.addPolicy(armBudgetPolicyFor((_url, kind) => buckets[kind].budget));
  const headers = Object.fromEntries(
    ARM_OPERATION_KINDS.map((kind) => [REMAINING_HEADERS[kind], String(remaining[kind])]),
  );
  const httpClient = {
    sendRequest: async (request: ReturnType<typeof createPipelineRequest>) => ({
      request,
      status: 200,
      headers: createHttpHeaders(headers),
    }),
  };
  const send = (method: string) =>
    pipeline.sendRequest(
      httpClient,
      createPipelineRequest({ url: "https://arm.test/subscriptions/s1/x", method: method as "GET" }),
    );
  return { buckets, send };
}

const METHODS_OF: Record<ArmOperationKind, string[]> = {
  reads: ["GET", "HEAD"],
  writes: ["PUT", "PATCH", "POST"],
  deletes: ["DELETE"],
};

describe.each(ARM_OPERATION_KINDS)("the budget policy for %s", (kind) => {
  it.each(METHODS_OF[kind])(
    `paces a %s through the ${kind} budget, from the ${kind} header`,
    async (method) => {
      // Only this kind's bucket is down to the reserve; the others are full.
      const remaining = { reads: 200, writes: 200, deletes: 200, [kind]: ARM_BUDGETS[kind].reserve };
      const { buckets, send } = pacedPipeline(remaining);
      await send(method);
      for (const other of ARM_OPERATION_KINDS) await send(METHODS_OF[other][0] ?? "");
      for (const other of ARM_OPERATION_KINDS) {
        const sent = other === kind ? 2 : 1;
        expect(buckets[other].budget.counters, other).toEqual({
          sent,
          throttled: 0,
          pauses: other === kind ? 1 : 0,
        });
      }
    },
  );
});

describe("installing the budgets into a client's pipeline", () => {
  it("installs one policy for all three kinds, once: later calls get the same budgets", () => {
    const client = { pipeline: createEmptyPipeline() };
    const small = { reserve: 1, refillPerSecond: 1, capacity: 2 };
    const budgets = armBudgetsOf(client, { writes: small });
    expect(armBudgetsOf(client, { writes: ARM_BUDGETS.writes })).toBe(budgets);
    expect(client.pipeline.getOrderedPolicies()).toHaveLength(1);
    expect(new Set(ARM_OPERATION_KINDS.map((kind) => budgets[kind])).size).toBe(3);
  });
});
