import type { QueryRequest, QueryResponse } from "@azure/arm-resourcegraph";
import { describe, expect, it } from "vitest";
import { ArmError } from "../../../src/azure/arm-error.js";
import { toCollectionSummary, toRegionCount, toVmRef, vmsQuery } from "../../../src/azure/graph-queries.js";
import { durationMs, GraphQuota } from "../../../src/azure/graph-quota.js";
import { kqlString, ResourceGraph, rowsOf } from "../../../src/azure/resource-graph.js";

const SUB = "11111111-1111-1111-1111-111111111111";
const VM_ID = `/subscriptions/${SUB}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/vm-web-01`;

function page(data: unknown[], skipToken?: string): QueryResponse {
  return {
    totalRecords: data.length,
    count: data.length,
    resultTruncated: "false",
    data: data as unknown as Record<string, unknown>,
    ...(skipToken ? { skipToken } : {}),
  };
}

describe("Resource Graph queries", () => {
  it("pages through skip tokens and batches the subscriptions (at most 250 per query)", async () => {
    const requests: QueryRequest[] = [];
    const graph = new ResourceGraph({
      resources: async (request) => {
        requests.push(request);
        return request.options?.skipToken ? page([{ id: "b" }]) : page([{ id: "a" }], "next");
      },
    });
    const subscriptions = Array.from({ length: 300 }, (_, i) => `sub-${i}`);
    const answer = await graph.query("Resources | take 2", subscriptions);
    expect(answer).toMatchObject({
      ok: true,
      queries: 4,
      rows: [{ id: "a" }, { id: "b" }, { id: "a" }, { id: "b" }],
    });
    expect(requests.map((request) => request.subscriptions?.length)).toEqual([250, 250, 50, 50]);
    expect(requests.map((request) => request.options?.skipToken)).toEqual([
      undefined,
      "next",
      undefined,
      "next",
    ]);
    expect(requests.every((request) => request.options?.resultFormat === "objectArray")).toBe(true);
    expect(requests.every((request) => request.options?.top === 1000)).toBe(true);
  });

  it("converts each page's rows as the page arrives, leaving out the rows it cannot read", async () => {
    const events: string[] = [];
    const graph = new ResourceGraph({
      resources: async (request) => {
        const second = request.options?.skipToken !== undefined;
        events.push(second ? "second page" : "first page");
        return second ? page([{ id: VM_ID }]) : page([{ id: VM_ID }, { id: "not an id" }], "next");
      },
    });
    const answer = await graph.query("Resources", [SUB], (row) => {
      events.push("convert");
      return toVmRef(row);
    });
    expect(events).toEqual(["first page", "convert", "convert", "second page", "convert"]);
    expect(answer.ok && answer.rows.map((vm) => vm.name)).toEqual(["vm-web-01", "vm-web-01"]);
  });

  it("turns a refusal into a value naming what was refused, not an exception", async () => {
    const graph = new ResourceGraph({
      resources: async () => {
        throw Object.assign(new Error("denied"), { statusCode: 403, code: "AuthorizationFailed" });
      },
    });
    const answer = await graph.query("Resources", [SUB]);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.refusal).toBeInstanceOf(ArmError);
    expect(answer.refusal.kind).toBe("forbidden");
    expect(answer.refusal.message).toMatch(/Resource Graph/);
  });

  it("writes a typed name as a KQL literal that cannot end the string", () => {
    expect(kqlString("vm-web-01")).toBe("'vm-web-01'");
    expect(kqlString("a'b\\c")).toBe("'a\\'b\\\\c'");
    expect(vmsQuery("x' or 1==1 or name=='y")).toContain("name =~ 'x\\' or 1==1 or name==\\'y'");
  });
});

describe("rows into the bot's types", () => {
  it("reads rows as the SDK hands them: an array keyed by position, a plain array, or a table", () => {
    const keyed = { "0": { id: "a" }, "1": { id: "b" } };
    expect(rowsOf(page(keyed as unknown as unknown[]))).toEqual([{ id: "a" }, { id: "b" }]);
    expect(rowsOf(page([{ id: "a" }, 7, null]))).toEqual([{ id: "a" }]);
    const table = { columns: [{ name: "id" }, { name: "count_" }], rows: [["a", 1], "junk"] };
    expect(rowsOf(page(table as unknown as unknown[]))).toEqual([{ id: "a", count_: 1 }]);
  });

  it("reads a VM, a Uniform instance, a collection and a region count", () => {
    expect(toVmRef({ id: VM_ID, name: "vm-web-01", location: "eastus" })).toEqual({
      id: VM_ID,
      name: "vm-web-01",
      resourceGroup: "rg-web",
      subscriptionId: SUB,
      location: "eastus",
      type: "virtualMachine",
    });
    const instanceId = `/subscriptions/${SUB}/resourceGroups/rg-scale/providers/Microsoft.Compute/virtualMachineScaleSets/vmss-web/virtualMachines/3`;
    expect(toVmRef({ id: instanceId, location: "eastus" })).toMatchObject({
      name: "vmss-web_3",
      type: "scaleSetInstance",
      scaleSetName: "vmss-web",
      instanceId: "3",
    });
    const collectionId = `/subscriptions/${SUB}/resourceGroups/rg-web/providers/Microsoft.Compute/restorePointCollections/rpc-1`;
    expect(
      toCollectionSummary({ id: collectionId, name: "rpc-1", location: "eastus", sourceId: VM_ID }),
    ).toEqual({
      id: collectionId,
      subscriptionId: SUB,
      name: "rpc-1",
      resourceGroup: "rg-web",
      location: "eastus",
      sourceId: VM_ID,
    });
    expect(toRegionCount({ subscriptionId: SUB, location: "westus3", count_: 10_000 })).toEqual({
      subscriptionId: SUB,
      location: "westus3",
      count: 10_000,
    });
    expect(toVmRef({ id: "not an id" })).toBeUndefined();
    expect(toRegionCount({ subscriptionId: SUB, location: "x", count_: "7" })).toBeUndefined();
  });
});

describe("the Resource Graph quota", () => {
  it("reads hh:mm:ss", () => {
    expect(durationMs("00:00:05")).toBe(5_000);
    expect(durationMs("01:02:03.5")).toBe(3_723_500);
    expect(durationMs("5s")).toBeUndefined();
    expect(durationMs(undefined)).toBeUndefined();
  });

  it("lets queries go while some are left, then waits for the window to reset", async () => {
    let clock = 0;
    const waits: number[] = [];
    const quota = new GraphQuota(
      () => clock,
      async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    );
    await quota.acquire(); // nothing known yet
    quota.settle("1", "00:00:04");
    await quota.acquire();
    quota.settle("0", "00:00:04");
    expect(waits).toEqual([]);
    clock += 1_000;
    await quota.acquire(); // none left for 3 more seconds
    expect(waits).toEqual([3_000]);
    expect(quota.pauses).toBe(1);
    quota.settle("14", "00:00:05");
    await quota.acquire();
    expect(waits).toEqual([3_000]);
  });

  it("counts queries in flight and keeps the lowest count of a window, whatever order answers arrive in", async () => {
    let clock = 0;
    const quota = new GraphQuota(
      () => clock,
      async (ms) => {
        clock += ms;
      },
    );
    await quota.acquire();
    await quota.acquire();
    await quota.acquire();
    quota.settle("1", "00:00:05"); // the third query's answer first: at most 1 left in the window
    quota.settle("3", "00:00:05"); // older answers, out of order, do not raise it again
    quota.settle("2", "00:00:05");
    await quota.acquire();
    await quota.acquire(); // the window is spent by now, whichever answer was the newest
    expect(quota.pauses).toBeGreaterThan(0);
    expect(clock).toBe(5_000);
  });

  it("ignores an answer without the headers", async () => {
    let clock = 0;
    const quota = new GraphQuota(
      () => clock,
      async (ms) => {
        clock += ms;
      },
    );
    quota.settle("0", "00:00:05");
    quota.settle(undefined, undefined);
    await quota.acquire();
    expect(quota.pauses).toBe(1);
    expect(clock).toBe(5_000);
  });
});
