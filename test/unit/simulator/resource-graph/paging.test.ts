/**
 * Pages: `$top` rows each (1000 at most), `$skipToken` to go on, `resultTruncated` only when a result is cut
 * and cannot be paged. Tokens resume after the last row served, so changes between pages never make a row
 * that was there throughout be skipped or repeated. A walk over 50,000 VMs scans the fleet once, not once a
 * page: the counters count rows, no clock is read.
 */
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../../../src/simulator/json.js";
import type { ResourceGraphService } from "../../../../src/simulator/resource-graph/service.js";
import { parseResourceId } from "../../../../src/simulator/resource-id.js";
import type { FleetState } from "../../../../src/simulator/store/state.js";
import { ask, fleetOf, SUB_A, SUB_B, unthrottled, vm } from "./harness.js";

const padded = (index: number) => String(index).padStart(5, "0");

function manyVms(count: number): JsonObject[] {
  return Array.from({ length: count }, (_, index) =>
    vm({
      name: `vm-${padded(index)}`,
      subscription: index % 2 === 0 ? SUB_A : SUB_B,
      group: `rg-${index % 7}`,
      location: index % 3 === 0 ? "eastus" : "westeurope",
    }),
  );
}

interface Walked {
  names: string[];
  pages: JsonObject[];
}

/** Every page of a query, calling `between` after each page but the last. */
function walk(
  service: ResourceGraphService,
  state: FleetState,
  query: string,
  top?: number,
  between: (page: number, names: string[]) => void = () => {},
): Walked {
  const walked: Walked = { names: [], pages: [] };
  let token: string | undefined;
  do {
    const options: JsonObject = {};
    if (top !== undefined) options.$top = top;
    if (token) options.$skipToken = token;
    const answer = ask(service, state, query, { options });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    walked.pages.push(answer.body);
    walked.names.push(...(answer.body.data as JsonObject[]).map((row) => String(row.name)));
    token = answer.body.$skipToken as string | undefined;
    if (token) between(walked.pages.length, walked.names);
  } while (token);
  return walked;
}

function collection(name: string, subscription = SUB_A): JsonObject {
  return {
    id: `/subscriptions/${subscription}/resourceGroups/rg-rp/providers/Microsoft.Compute/restorePointCollections/${name}`,
    name,
    type: "Microsoft.Compute/restorePointCollections",
    location: "eastus",
    properties: {},
  };
}

describe("pages of a pageable query", () => {
  const state = fleetOf(manyVms(250));

  it("serves every row once, $top at a time, with the total on every page", () => {
    const { names, pages } = walk(unthrottled(), state, "Resources | project name, id", 100);
    expect(names).toHaveLength(250);
    expect(new Set(names).size).toBe(250);
    expect(pages.map((page) => [page.count, page.totalRecords, page.resultTruncated])).toEqual([
      [100, 250, "false"],
      [100, 250, "false"],
      [50, 250, "false"],
    ]);
    expect(pages.map((page) => typeof page.$skipToken)).toEqual(["string", "string", "undefined"]);
  });

  it("serves 1000 rows a page by default, and keeps the token's page size when $top is not repeated", () => {
    const big = fleetOf(manyVms(1001));
    const first = ask(unthrottled(), big, "Resources | project name");
    expect(first.body.count).toBe(1000);
    const small = ask(unthrottled(), state, "Resources | project name", { options: { $top: 30 } });
    const next = ask(unthrottled(), state, "Resources | project name", {
      options: { $skipToken: small.body.$skipToken },
    });
    expect(next.body.count).toBe(30);
  });

  it("pages a sorted query in its order, ties broken by id", () => {
    const { names } = walk(
      unthrottled(),
      state,
      "Resources | order by location asc | project name, location",
      7,
    );
    const direct = (
      ask(unthrottled(), state, "Resources | order by location asc | project name") as { body: JsonObject }
    ).body;
    expect(names).toHaveLength(250);
    expect(names.slice(0, 84).every((name) => Number(name.slice(3)) % 3 === 0)).toBe(true);
    expect(names.slice(0, 100)).toEqual((direct.data as JsonObject[]).map((row) => row.name).slice(0, 100));
  });

  it("skips $skip rows first; take ignores $skip", () => {
    const skipped = ask(unthrottled(), state, "Resources | order by name asc | project name", {
      options: { $skip: 3, $top: 2 },
    });
    expect((skipped.body.data as JsonObject[]).map((row) => row.name)).toEqual(["vm-00003", "vm-00004"]);
    const taken = ask(unthrottled(), state, "Resources | order by name asc | take 5 | project name", {
      options: { $skip: 3 },
    });
    expect((taken.body.data as JsonObject[]).map((row) => row.name)).toEqual([
      "vm-00000",
      "vm-00001",
      "vm-00002",
      "vm-00003",
      "vm-00004",
    ]);
  });
});

describe("resultTruncated: rows left out, and no way to page them", () => {
  const state = fleetOf(manyVms(40));
  const answer = (query: string, top: number) =>
    ask(unthrottled(), state, query, { options: { $top: top } }).body;

  it("take: truncated when cut by $top, not when it all fits, never a token", () => {
    expect(answer("Resources | take 30 | project name", 10)).toMatchObject({
      count: 10,
      totalRecords: 30,
      resultTruncated: "true",
    });
    expect(answer("Resources | take 30 | project name", 10).$skipToken).toBeUndefined();
    expect(answer("Resources | take 5 | project name", 10)).toMatchObject({
      count: 5,
      totalRecords: 5,
      resultTruncated: "false",
    });
  });

  it("summarize is a single page: truncated when its groups exceed $top", () => {
    expect(answer("Resources | summarize count() by name", 10)).toMatchObject({
      count: 10,
      totalRecords: 40,
      resultTruncated: "true",
    });
    expect(answer("Resources | summarize count() by resourceGroup", 10)).toMatchObject({
      count: 7,
      resultTruncated: "false",
    });
  });

  it("only dynamic columns: truncated, no token; one string column makes it pageable", () => {
    const dynamic = answer("Resources | project properties, tags", 10);
    expect(dynamic).toMatchObject({ count: 10, totalRecords: 40, resultTruncated: "true" });
    expect(dynamic.$skipToken).toBeUndefined();
    const paged = answer("Resources | project properties, name", 10);
    expect(paged).toMatchObject({ resultTruncated: "false", $skipToken: expect.any(String) });
  });
});

describe("skip tokens", () => {
  const state = fleetOf(manyVms(20));

  it("are refused for another query or scope, or when not the simulator's", () => {
    const token = ask(unthrottled(), state, "Resources | project name", { options: { $top: 5 } }).body
      .$skipToken;
    const refusal = (query: string, extra: { subscriptions?: string[] } = {}, skipToken: unknown = token) =>
      ask(unthrottled(), state, query, { options: { $skipToken: skipToken }, ...extra });
    expect(refusal("Resources | project name, id").status).toBe(400);
    expect(refusal("Resources | project name", { subscriptions: [SUB_A] }).status).toBe(400);
    expect(refusal("Resources | project name", {}, "bm90IG91cnM=").body).toMatchObject({
      error: { code: "BadRequest", details: [{ code: "InvalidSkipToken" }] },
    });
    expect(refusal("Resources | project name").status).toBe(200);
  });
});

describe("changes between pages", () => {
  it("neither skip nor repeat a row present throughout; rows added ahead appear, rows removed ahead do not", () => {
    const state = fleetOf([
      ...Array.from({ length: 30 }, (_, index) => collection(`rpc-${padded(index * 10)}`)),
      ...manyVms(30),
    ]);
    const query = "Resources | where type =~ 'Microsoft.Compute/restorePointCollections' | project name";
    const removed: string[] = [];
    const added: string[] = [];
    const { names } = walk(unthrottled(), state, query, 8, (page, seen) => {
      if (page !== 2) return;
      const cursor = seen.at(-1) ?? "";
      // Two removed behind the cursor (offsets would shift), one ahead; one added behind, one ahead.
      for (const name of ["rpc-00000", "rpc-00010", "rpc-00250"]) {
        state.collections.remove(
          `/subscriptions/${SUB_A}/resourcegroups/rg-rp/providers/microsoft.compute/restorepointcollections/${name}`,
        );
        removed.push(name);
      }
      for (const name of ["rpc-00001", "rpc-00251"]) {
        const resource = collection(name);
        state.collections.save(resource, SUB_A, "rg-rp");
        added.push(name);
      }
      expect(cursor < "rpc-00250" && cursor > "rpc-00010").toBe(true);
    });
    const throughout = Array.from({ length: 30 }, (_, index) => `rpc-${padded(index * 10)}`).filter(
      (name) => !removed.includes(name),
    );
    for (const name of throughout) expect(names.filter((seen) => seen === name)).toHaveLength(1);
    expect(names).toContain("rpc-00251");
    expect(names).not.toContain("rpc-00250");
    expect(names).not.toContain("rpc-00001");
    expect(new Set(names).size).toBe(names.length);
  });

  it("also for VMs added to the store, in a sorted query", () => {
    const state = fleetOf(manyVms(50));
    const { names } = walk(
      unthrottled(),
      state,
      "Resources | order by name desc | project name",
      10,
      (page) => {
        if (page !== 1) return;
        for (const name of ["vm-99999", "vm-00000a", "vm-00025a"]) {
          const resource = vm({ name });
          const id = String(resource.id);
          state.resources.add(
            id,
            "Microsoft.Compute/virtualMachines",
            parseResourceId(id) ?? { subscriptionId: SUB_A, types: [], names: [] },
            resource,
          );
        }
      },
    );
    const original = manyVms(50).map((resource) => String(resource.name));
    for (const name of original) expect(names.filter((seen) => seen === name)).toHaveLength(1);
    expect(names).toContain("vm-00025a");
    expect(names).toContain("vm-00000a");
    expect(names).not.toContain("vm-99999");
  });
});

describe("the cost of paging 50,000 VMs in pages of 1000", () => {
  const COUNT = 50_000;
  const state = fleetOf(manyVms(COUNT));

  it("is one scan of the fleet for the whole walk, not one a page", () => {
    const service = unthrottled();
    const { names, pages } = walk(
      service,
      state,
      "Resources | where type == 'microsoft.compute/virtualmachines' | project name, location",
      1000,
    );
    expect(pages).toHaveLength(50);
    expect(new Set(names).size).toBe(COUNT);
    // A walk that scanned per page would read 50 × 50,000 rows.
    expect(service.counters.rowsScanned).toBe(COUNT);
    expect(service.counters.resultsComputed).toBe(1);
    expect(service.counters.pagesFromCache).toBe(49);
    expect(service.counters.rowsServed).toBe(COUNT);
  });

  it("scans again once after the store changes, and only then", () => {
    const service = unthrottled();
    let changed = false;
    walk(service, state, "Resources | order by name asc | project name", 1000, (page) => {
      if (page !== 25 || changed) return;
      changed = true;
      state.collections.save(collection("rpc-new"), SUB_A, "rg-rp");
    });
    expect(service.counters.resultsComputed).toBe(2);
    expect(service.counters.rowsScanned).toBe(COUNT + COUNT + 1);
  });
});
