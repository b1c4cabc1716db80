/**
 * mv-expand in the simulator's Resource Graph: rows per array element or bag property, Kusto's null and empty
 * rules, kind=array for tag names of any case, limits, paging between the rows of one resource, and the refusals.
 */
import { describe, expect, it } from "vitest";
import { ask, fleetOf, refusalOf, rowsOf, SUB_B, unthrottled, vm } from "./harness.js";

const state = fleetOf([
  vm({ name: "a-vm", tags: { env: "prod", Owner: "web" }, properties: { disks: ["d1", "d2", "d3"] } }),
  vm({ name: "b-vm", tags: { Env: "prod" }, properties: { disks: [] } }),
  vm({ name: "c-vm", properties: { disks: ["only"] } }),
  vm({ name: "d-vm", subscription: SUB_B, tags: { ENV: "Prod" } }),
]);

describe("mv-expand", () => {
  it("gives a row per array element, copying the other columns; an empty array gives none, a null one row", () => {
    const rows = rowsOf(
      state,
      "Resources | project name, disk = properties.disks | mv-expand disk | project name, disk = tostring(disk)",
    );
    expect(rows).toEqual([
      { name: "a-vm", disk: "d1" },
      { name: "a-vm", disk: "d2" },
      { name: "a-vm", disk: "d3" },
      { name: "c-vm", disk: "only" },
      { name: "d-vm", disk: "" },
    ]);
  });

  it("Name = Expr expands into a new column at the end, or replaces a column of that name in place", () => {
    const added = rowsOf(
      state,
      "Resources | where name == 'c-vm' | project name, properties | mv-expand disk = properties.disks",
    );
    expect(added).toEqual([
      { name: "c-vm", properties: expect.objectContaining({ disks: ["only"] }), disk: "only" },
    ]);
    expect(Object.keys(added[0] ?? {})).toEqual(["name", "properties", "disk"]);
    const replaced = rowsOf(
      state,
      "Resources | where name == 'c-vm' | project properties, name | mv-expand properties = properties.disks",
    );
    expect(replaced).toEqual([{ properties: "only", name: "c-vm" }]);
    expect(Object.keys(replaced[0] ?? {})).toEqual(["properties", "name"]);
  });

  it("expands a bag into one-property bags by default", () => {
    expect(rowsOf(state, "Resources | where name == 'a-vm' | mv-expand tags | project tags")).toEqual([
      { tags: { env: "prod" } },
      { tags: { Owner: "web" } },
    ]);
  });

  it("kind=array and bagexpansion=array make each property [key, value]; an empty bag gives no row", () => {
    for (const option of ["kind=array", "bagexpansion=array"]) {
      expect(
        rowsOf(
          state,
          `Resources | where name in ('a-vm', 'c-vm') | mv-expand ${option} tags | project name, tags`,
        ),
      ).toEqual([
        { name: "a-vm", tags: ["env", "prod"] },
        { name: "a-vm", tags: ["Owner", "web"] },
      ]);
    }
  });

  it("finds a tag name whatever its case, and its value exactly, as Resource Graph's samples do", () => {
    const query = (value: string) =>
      `Resources | mv-expand bagexpansion=array tags | where tostring(tags[0]) =~ 'env' and tostring(tags[1]) == '${value}' | project name`;
    expect(rowsOf(state, query("prod")).map((row) => row.name)).toEqual(["a-vm", "b-vm"]);
    expect(rowsOf(state, query("Prod")).map((row) => row.name)).toEqual(["d-vm"]);
  });

  it("counts expanded rows and keeps the column's place", () => {
    expect(rowsOf(state, "Resources | mv-expand tags | count")).toEqual([{ Count: 4 }]);
    const [row] = rowsOf(state, "Resources | where name == 'b-vm' | mv-expand tags");
    const keys = Object.keys(row ?? {});
    expect(keys.indexOf("tags")).toBe(12);
    expect(keys).toHaveLength(16);
  });

  it("stops at 128 rows per input row unless limit says otherwise, as Resource Graph does, mvexpand too", () => {
    const many = fleetOf([
      vm({ name: "big", properties: { items: Array.from({ length: 500 }, (_, i) => i) } }),
    ]);
    const count = (query: string) => rowsOf(many, query)[0]?.Count;
    expect(count("Resources | mv-expand i = properties.items | count")).toBe(128);
    expect(count("Resources | mvexpand i = properties.items | count")).toBe(128);
    expect(count("Resources | mv-expand i = properties.items limit 5 | count")).toBe(5);
    expect(count("Resources | mvexpand i = properties.items limit 400 | count")).toBe(400);
    expect(refusalOf(many, "Resources | mv-expand i = properties.items limit 401")).toEqual({
      code: "SemanticError",
      message: "'mv-expand' operator: the row limit is at most 400",
    });
  });

  it("allows two mv-expand in a query, not three (Resource Graph's limit)", () => {
    const two = "Resources | where name == 'a-vm' | mv-expand tags | mv-expand d = properties.disks | count";
    expect(rowsOf(state, two)).toEqual([{ Count: 6 }]);
    expect(refusalOf(state, `${two.replace(" | count", "")} | mv-expand z = zones`)).toEqual({
      code: "SemanticError",
      message: "A query may hold at most 2 mv-expand operators, not 3",
    });
  });

  it("expands a dynamic scalar into one row of itself", () => {
    const scalar = fleetOf([vm({ name: "s", properties: { zone: "1" } })]);
    expect(rowsOf(scalar, "Resources | mv-expand z = properties.zone | project z")).toEqual([{ z: "1" }]);
  });

  it("pages between the rows of one resource without skipping or repeating one", () => {
    const many = fleetOf([
      vm({ name: "a", properties: { items: [1, 2, 3, 4, 5] } }),
      vm({ name: "a-b", properties: { items: [6, 7, 8] } }),
    ]);
    const service = unthrottled();
    const seen: unknown[] = [];
    let skipToken: string | undefined;
    do {
      const query = "Resources | mv-expand i = properties.items | project name, i";
      const options = { $top: 3, ...(skipToken ? { $skipToken: skipToken } : {}) };
      const answer = ask(service, many, query, { options });
      expect(answer.status).toBe(200);
      seen.push(...(answer.body.data as { i: unknown }[]).map((row) => row.i));
      skipToken = answer.body.$skipToken as string | undefined;
    } while (skipToken);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe("what mv-expand refuses", () => {
  it("a value that is not dynamic", () => {
    expect(refusalOf(state, "Resources | mv-expand name")).toMatchObject({
      code: "SemanticError",
      message: "'mv-expand' operator: the expanded expression must be of type 'dynamic', not 'string'",
    });
  });

  it("a column that does not exist", () => {
    expect(refusalOf(state, "Resources | mv-expand nothing")).toMatchObject({ code: "SemanticError" });
  });

  it.each([
    ["Resources | mv-expand with_itemindex=i tags", "with_itemindex", "mv-expand's with_itemindex"],
    ["Resources | mv-expand tags to typeof(string)", "to", "mv-expand's 'to typeof()'"],
    ["Resources | mv-expand tags, zones", ",", "mv-expand of several columns"],
    ["Resources | mv-expand properties.disks", "properties", "mv-expand of an unnamed expression"],
  ])("%s", (query, token, construct) => {
    const detail = refusalOf(state, query);
    expect(detail).toMatchObject({ code: "UnsupportedBySimulator", token });
    expect(String(detail.message)).toContain(`${construct} is not supported by the simulator`);
  });

  it("a kind that is neither bag nor array, and a limit that is no count", () => {
    expect(refusalOf(state, "Resources | mv-expand kind=list tags")).toMatchObject({
      code: "ParserFailure",
      token: "list",
    });
    expect(refusalOf(state, "Resources | mv-expand tags limit x")).toMatchObject({
      code: "ParserFailure",
      token: "x",
    });
  });
});
