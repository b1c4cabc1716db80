/**
 * read-budget.ts keeps the names the fleet reader, the benches and older tests use: they must still mean ARM's
 * read bucket, and the same budget as the one arm-budget.ts installs. The estimate itself is tested for every
 * kind in arm-budget.test.ts.
 */
import { createEmptyPipeline, createHttpHeaders, createPipelineRequest } from "@azure/core-rest-pipeline";
import { describe, expect, it } from "vitest";
import { armBudgetsOf } from "../../../src/azure/arm-budget.js";
import {
  ARM_READ_BUDGET,
  REMAINING_READS_HEADER,
  ReadBudget,
  readBudgetOf,
  readBudgetPolicyFor,
} from "../../../src/azure/read-budget.js";

describe("the read budget's names", () => {
  it("are ARM's read bucket: 250, refilled at 25 per second, from the reads header", () => {
    expect(ARM_READ_BUDGET).toEqual({ reserve: 5, refillPerSecond: 25, capacity: 250 });
    expect(REMAINING_READS_HEADER).toBe("x-ms-ratelimit-remaining-subscription-reads");
  });

  it("a ReadBudget without settings paces as the read bucket", async () => {
    let now = 0;
    const waits: number[] = [];
    const budget = new ReadBudget(
      undefined,
      () => now,
      async (ms) => {
        waits.push(ms);
        now += ms;
      },
    );
    budget.settle(await budget.acquire(), 200, "50");
    while (waits.length === 0) await budget.acquire();
    expect(budget.counters).toEqual({ sent: 1 + 45 + 1, throttled: 0, pauses: 1 });
    expect(waits).toEqual([40]); // one read short: 1 / 25 per second
  });

  it("readBudgetOf is the reads budget armBudgetsOf installs, with the settings given first", () => {
    const client = { pipeline: createEmptyPipeline() };
    const budget = readBudgetOf(client, { reserve: 0, refillPerSecond: 1, capacity: 1 });
    expect(armBudgetsOf(client).reads).toBe(budget);
    expect(readBudgetOf(client)).toBe(budget);
    expect(client.pipeline.getOrderedPolicies()).toHaveLength(1);
  });
});

describe("readBudgetPolicyFor", () => {
  it("paces reads only: a write or a delete goes out without asking for a budget", async () => {
    const budget = new ReadBudget();
    const asked: string[] = [];
    const pipeline = createEmptyPipeline();
    pipeline.addPolicy(
      readBudgetPolicyFor((url) => {
        asked.push(url);
        return budget;
      }),
    );
    const httpClient = {
      sendRequest: async (request: ReturnType<typeof createPipelineRequest>) => ({
        request,
        status: 200,
        headers: createHttpHeaders({ [REMAINING_READS_HEADER]: "200" }),
      }),
    };
    for (const method of ["GET", "PUT", "DELETE", "POST"] as const) {
      await pipeline.sendRequest(
        httpClient,
        createPipelineRequest({ url: `https://arm.test/${method}`, method }),
      );
    }
    expect(asked).toEqual(["https://arm.test/GET"]);
    expect(budget.counters.sent).toBe(1);
  });
});
