/**
 * Queries that cannot run, answered as the service answers them (400, BadRequest, InvalidQuery, then the
 * reason): tables, operators and functions by name, and the semantic errors Kusto gives for names that do
 * not resolve and types that do not fit.
 */
import { describe, expect, it } from "vitest";
import { fleetOf, namesOf, refusalOf, vm } from "./harness.js";

const state = fleetOf([vm({ name: "vm-1", tags: { env: "prod" } })]);

describe("tables", () => {
  it("resolves Resources and ComputeResources whatever the case", () => {
    expect(namesOf(state, "RESOURCES | project name")).toEqual(["vm-1"]);
    expect(namesOf(state, "resources | project name")).toEqual(["vm-1"]);
    expect(namesOf(state, "computeresources | project name")).toEqual([]);
  });

  it("refuses a table of the real service by name", () => {
    expect(refusalOf(state, "resourcecontainers | take 1")).toMatchObject({
      code: "UnsupportedBySimulator",
      token: "resourcecontainers",
      line: 1,
      characterPositionInLine: 0,
    });
    expect(String(refusalOf(state, "SecurityResources").message)).toContain("The 'SecurityResources' table");
  });

  it("answers an unknown table as Kusto does", () => {
    expect(refusalOf(state, "Resourcez | take 1")).toEqual({
      code: "SemanticError",
      message: "The name 'Resourcez' does not refer to any known table, tabular variable or function",
    });
  });
});

describe("functions", () => {
  it("an unknown function is the service's UnknownFunction", () => {
    expect(refusalOf(state, "Resources | where cout(name) > 1")).toEqual({
      code: "UnknownFunction",
      message: "Unknown function: 'cout'.",
    });
  });

  it("function names are case-sensitive", () => {
    expect(refusalOf(state, "Resources | where TOLOWER(name) == 'vm-1'")).toMatchObject({
      code: "UnknownFunction",
    });
  });

  it("a real KQL function the simulator lacks is refused by name, where it stands", () => {
    expect(refusalOf(state, "Resources | extend s = strcat(name, 'x')")).toMatchObject({
      code: "UnsupportedBySimulator",
      token: "strcat",
      characterPositionInLine: 23,
      message: expect.stringContaining("The function 'strcat()'"),
    });
  });

  it("aggregations: count() only, and only in summarize", () => {
    expect(refusalOf(state, "Resources | summarize dcount(name)")).toMatchObject({
      code: "UnsupportedBySimulator",
      token: "dcount",
    });
    expect(refusalOf(state, "Resources | summarize tolower(name)")).toMatchObject({ code: "SemanticError" });
    expect(refusalOf(state, "Resources | summarize frob()")).toMatchObject({ code: "UnknownFunction" });
    expect(refusalOf(state, "Resources | where count() > 1")).toMatchObject({
      code: "SemanticError",
      message: "'where' operator: the aggregation 'count()' may only be used in summarize",
    });
  });

  it("a wrong number of arguments", () => {
    expect(refusalOf(state, "Resources | where tolower(name, 'x') == 'a'")).toEqual({
      code: "SemanticError",
      message: "tolower(): function expects 1 argument(s)",
    });
  });
});

describe("names and types", () => {
  it("a column that does not exist, or is spelled in another case", () => {
    expect(refusalOf(state, "Resources | where Name == 'vm-1'")).toEqual({
      code: "SemanticError",
      message: "'where' operator: Failed to resolve scalar expression named 'Name'",
    });
    expect(refusalOf(state, "Resources | project name | where type == 'x'")).toMatchObject({
      message: "'where' operator: Failed to resolve scalar expression named 'type'",
    });
    expect(refusalOf(state, "Resources | project-away nothing")).toMatchObject({ code: "SemanticError" });
  });

  it("a dynamic group key or sort key needs a cast", () => {
    expect(refusalOf(state, "Resources | summarize count() by tags.env")).toEqual({
      code: "SemanticError",
      message: "Summarize group key 'tags_env' is of a 'dynamic' type. Please use an explicit cast",
    });
    expect(namesOf(state, "Resources | summarize count() by name = tostring(tags.env)")).toEqual(["prod"]);
    expect(refusalOf(state, "Resources | order by properties")).toMatchObject({ code: "SemanticError" });
  });

  it("a string is not compared with a number, nor a member looked up in a string", () => {
    expect(refusalOf(state, "Resources | where name == 1")).toEqual({
      code: "SemanticError",
      message: "Cannot compare values of types string and long. Try adding explicit casts",
    });
    expect(refusalOf(state, "Resources | where name in ('a', 2)")).toMatchObject({ code: "SemanticError" });
    expect(refusalOf(state, "Resources | where name.first == 'a'")).toMatchObject({ code: "SemanticError" });
  });

  it("where needs a bool; and/or need bool operands", () => {
    expect(refusalOf(state, "Resources | where name")).toMatchObject({
      message: "'where' operator: the predicate must be of type 'bool', not 'string'",
    });
    expect(refusalOf(state, "Resources | where name and true")).toMatchObject({ code: "SemanticError" });
  });

  it("two columns of one name", () => {
    expect(refusalOf(state, "Resources | project a = name, a = type")).toMatchObject({
      message: "'project' operator: duplicate column name 'a'",
    });
    expect(refusalOf(state, "Resources | summarize n = count(), n = count()")).toMatchObject({
      code: "SemanticError",
    });
  });
});

describe("operators", () => {
  it.each([
    "join kind=inner (Resources) on id",
    "union Resources",
    "mv-apply tags on (take 1)",
    "top 5 by name",
    "parse id with * '/'",
  ])("refuses `| %s` by the operator's name", (rest) => {
    const detail = refusalOf(state, `Resources | ${rest}`);
    expect(detail).toMatchObject({ code: "UnsupportedBySimulator", line: 1, characterPositionInLine: 12 });
    expect(String(detail.message)).toContain(`The '${String(detail.token)}' operator`);
  });
});
