/**
 * The tabular operators over a small fleet: what columns they produce (and how unnamed ones are named), the
 * order rows come in, and what summarize and count answer.
 */
import { describe, expect, it } from "vitest";
import { ask, fleetOf, rowsOf, SUB_B, unthrottled, vm } from "./harness.js";

const state = fleetOf([
  vm({ name: "b-vm", location: "westeurope", properties: { hardwareProfile: { vmSize: "D2" }, rank: 2 } }),
  vm({ name: "a-vm", location: "eastus", properties: { hardwareProfile: { vmSize: "D4" }, rank: 1 } }),
  vm({ name: "c-vm", location: "eastus", properties: { hardwareProfile: { vmSize: "D2" } } }),
  vm({ name: "d-vm", subscription: SUB_B, group: "rg-two", location: "EastUS", properties: { rank: 3 } }),
]);

describe("project, project-away and extend", () => {
  it("project keeps the listed columns in order, renames with =, and names a path after it", () => {
    const [row] = rowsOf(
      state,
      "Resources | where name == 'a-vm' | project name, where = location, properties.hardwareProfile.vmSize",
    );
    expect(row).toEqual({ name: "a-vm", where: "eastus", properties_hardwareProfile_vmSize: "D4" });
    expect(Object.keys(row ?? {})).toEqual(["name", "where", "properties_hardwareProfile_vmSize"]);
  });

  it("names an unnamed expression after its column (through a call), else Column1, Column2", () => {
    const [row] = rowsOf(
      state,
      "Resources | where name == 'a-vm' | project tostring(properties.rank), name == 'a-vm', 'x', tolower(name)",
    );
    expect(Object.keys(row ?? {})).toEqual(["properties_rank", "Column1", "Column2", "name"]);
    expect(row).toMatchObject({ properties_rank: "1", Column1: true, Column2: "x", name: "a-vm" });
  });

  it("project-away drops columns and keeps the others in their order", () => {
    const [row] = rowsOf(
      state,
      "Resources | where name == 'a-vm' | project-away properties, tags, sku, plan, identity, zones, extendedLocation, tenantId, kind, managedBy",
    );
    expect(Object.keys(row ?? {})).toEqual([
      "id",
      "name",
      "type",
      "location",
      "resourceGroup",
      "subscriptionId",
    ]);
  });

  it("extend adds columns at the end, may use what it just defined, and replaces a column in place", () => {
    const [row] = rowsOf(
      state,
      "Resources | where name == 'a-vm' | project name, location | extend upper = toupper(name), again = tolower(upper), location = toupper(location)",
    );
    expect(row).toEqual({ name: "a-vm", location: "EASTUS", upper: "A-VM", again: "a-vm" });
    expect(Object.keys(row ?? {})).toEqual(["name", "location", "upper", "again"]);
  });

  it("extend reads the properties a project no longer has only before the project", () => {
    const [row] = rowsOf(
      state,
      "Resources | where name == 'a-vm' | extend vmSize = tostring(properties.hardwareProfile.vmSize) | project name, vmSize",
    );
    expect(row).toEqual({ name: "a-vm", vmSize: "D4" });
  });
});

describe("order by, sort by, take and limit", () => {
  it("sorts descending by default and ascending when told", () => {
    expect(rowsOf(state, "Resources | order by name | project name").map((row) => row.name)).toEqual([
      "d-vm",
      "c-vm",
      "b-vm",
      "a-vm",
    ]);
    expect(rowsOf(state, "Resources | sort by name asc | project name").map((row) => row.name)).toEqual([
      "a-vm",
      "b-vm",
      "c-vm",
      "d-vm",
    ]);
  });

  it("breaks ties with the next key, then by id", () => {
    const names = rowsOf(state, "Resources | order by location asc, name desc | project name").map(
      (row) => row.name,
    );
    expect(names).toEqual(["d-vm", "c-vm", "a-vm", "b-vm"]);
  });

  it("puts nulls last descending and first ascending, unless told otherwise", () => {
    // `properties.rank > 1` is null for c-vm, which has no rank.
    const names = (order: string) =>
      rowsOf(
        state,
        `Resources | extend big = properties.rank > 1 | order by big ${order} | project name`,
      ).map((row) => row.name);
    expect(names("desc")).toEqual(["b-vm", "d-vm", "a-vm", "c-vm"]);
    expect(names("asc")).toEqual(["c-vm", "a-vm", "b-vm", "d-vm"]);
    expect(names("asc nulls last")).toEqual(["a-vm", "b-vm", "d-vm", "c-vm"]);
    expect(names("desc nulls first")).toEqual(["c-vm", "b-vm", "d-vm", "a-vm"]);
  });

  it("take and limit keep the first rows of the order so far", () => {
    expect(rowsOf(state, "Resources | order by name asc | take 2 | project name")).toEqual([
      { name: "a-vm" },
      { name: "b-vm" },
    ]);
    expect(rowsOf(state, "Resources | order by name desc | limit 1 | project name")).toEqual([
      { name: "d-vm" },
    ]);
    expect(rowsOf(state, "Resources | take 0")).toEqual([]);
  });

  it("serves rows in id order when nothing sorts them (ours)", () => {
    const ids = rowsOf(state, "Resources | project id").map((row) => String(row.id).toLowerCase());
    expect(ids).toEqual([...ids].sort());
  });
});

describe("summarize and count", () => {
  it("summarize count() by a column: the by column first, then count_", () => {
    const rows = rowsOf(state, "Resources | summarize count() by location | order by location asc");
    expect(rows).toEqual([
      { location: "eastus", count_: 3 },
      { location: "westeurope", count_: 1 },
    ]);
  });

  it("summarize count() alone is one row, 0 when nothing matches", () => {
    expect(rowsOf(state, "Resources | summarize count()")).toEqual([{ count_: 4 }]);
    expect(rowsOf(state, "Resources | where name == 'none' | summarize count()")).toEqual([{ count_: 0 }]);
    expect(rowsOf(state, "Resources | where name == 'none' | summarize count() by location")).toEqual([]);
  });

  it("names counts and groups as told, and a group by tostring(path) after the path", () => {
    expect(
      rowsOf(
        state,
        "Resources | summarize n = count() by size = tostring(properties.hardwareProfile.vmSize) | order by size asc",
      ),
    ).toEqual([
      { size: "", n: 1 },
      { size: "D2", n: 2 },
      { size: "D4", n: 1 },
    ]);
    expect(
      Object.keys(
        rowsOf(state, "Resources | summarize count() by tostring(properties.hardwareProfile.vmSize)")[0] ??
          {},
      ),
    ).toEqual(["properties_hardwareProfile_vmSize", "count_"]);
  });

  it("summarize by several columns, and summarize by alone (distinct groups)", () => {
    expect(
      rowsOf(
        state,
        "Resources | summarize count() by subscriptionId, location | order by subscriptionId asc, location asc",
      ).length,
    ).toBe(3);
    expect(rowsOf(state, "Resources | summarize by resourceGroup | order by resourceGroup asc")).toEqual([
      { resourceGroup: "rg-one" },
      { resourceGroup: "rg-two" },
    ]);
  });

  it("count answers one row with Count", () => {
    expect(rowsOf(state, "Resources | where location == 'eastus' | count")).toEqual([{ Count: 3 }]);
  });

  it("a second count() is count_1; operators can follow summarize", () => {
    expect(
      rowsOf(
        state,
        "Resources | summarize count(), count() by location | where count_ > 1 | project location, count_1",
      ),
    ).toEqual([{ location: "eastus", count_1: 3 }]);
  });
});

describe("the table format", () => {
  it("answers columns with their types and rows as arrays", () => {
    const answer = ask(
      unthrottled(),
      state,
      "Resources | summarize count() by location | extend big = count_ > 1, p = 1.5 | order by location asc",
      {
        options: { resultFormat: "table" },
      },
    );
    expect(answer.body.data).toEqual({
      columns: [
        { name: "location", type: "string" },
        { name: "count_", type: "integer" },
        { name: "big", type: "boolean" },
        { name: "p", type: "number" },
      ],
      rows: [
        ["eastus", 3, true, 1.5],
        ["westeurope", 1, false, 1.5],
      ],
    });
  });

  it("is the default of api-versions before 2021-03-01, objectArray from it on", () => {
    const format = (apiVersion: string) =>
      Array.isArray(ask(unthrottled(), state, "Resources | take 1", { apiVersion }).body.data)
        ? "objectArray"
        : "table";
    expect(
      ["2019-04-01", "2020-04-01-preview", "2021-03-01", "2021-06-01-preview", "2024-04-01"].map(format),
    ).toEqual(["table", "table", "objectArray", "objectArray", "objectArray"]);
  });

  it("types dynamic columns object", () => {
    const answer = ask(unthrottled(), state, "Resources | take 1", { options: { resultFormat: "table" } });
    const columns = (answer.body.data as { columns: { name: string; type: string }[] }).columns;
    expect(columns.filter((column) => column.type === "object").map((column) => column.name)).toEqual([
      "sku",
      "plan",
      "properties",
      "tags",
      "identity",
      "zones",
      "extendedLocation",
    ]);
  });
});
