/**
 * Each comparison operator at its boundaries, over a small fleet: `==` is case-sensitive and `=~` is not, the
 * `in` family likewise, `contains`/`has`/`startswith` ignore case unless `_cs`, `has` matches whole terms,
 * and a missing dynamic value (null) passes no comparison.
 */
import { describe, expect, it } from "vitest";
import { fleetOf, namesOf, vm } from "./harness.js";

const state = fleetOf([
  vm({ name: "vm-web-01", tags: { env: "Prod", tier: "web" }, properties: { priority: 3, osType: "Linux" } }),
  vm({ name: "VM-WEB-02", tags: { env: "prod" }, properties: { priority: 10, osType: "Windows" } }),
  vm({ name: "vmweb03", properties: { priority: 2.5 } }),
  vm({ name: "db-01", tags: { env: "test" }, properties: { enabled: true } }),
]);

const where = (predicate: string) =>
  namesOf(state, `Resources | where ${predicate} | order by name asc`).sort();

describe("equality", () => {
  it("== is case-sensitive, =~ is not", () => {
    expect(where("name == 'vm-web-01'")).toEqual(["vm-web-01"]);
    expect(where("name == 'VM-web-01'")).toEqual([]);
    expect(where("name =~ 'VM-web-01'")).toEqual(["vm-web-01"]);
    expect(where("name =~ 'vm-web-02'")).toEqual(["VM-WEB-02"]);
  });

  it("!= is case-sensitive, !~ is not", () => {
    expect(where("name != 'vm-web-01'")).toEqual(["VM-WEB-02", "db-01", "vmweb03"]);
    expect(where("name != 'VM-WEB-01'")).toEqual(["VM-WEB-02", "db-01", "vm-web-01", "vmweb03"]);
    expect(where("name !~ 'VM-WEB-01'")).toEqual(["VM-WEB-02", "db-01", "vmweb03"]);
  });

  it("compares a dynamic string with a string literal, keys being case-sensitive", () => {
    expect(where("tags.env == 'prod'")).toEqual(["VM-WEB-02"]);
    expect(where("tags['env'] =~ 'PROD'")).toEqual(["VM-WEB-02", "vm-web-01"]);
    expect(where("tags.Env =~ 'prod'")).toEqual([]);
  });

  it("matches Resource Graph's lower-case type only with ==, any spelling with =~", () => {
    expect(where("type == 'microsoft.compute/virtualmachines'")).toHaveLength(4);
    expect(where("type == 'Microsoft.Compute/virtualMachines'")).toEqual([]);
    expect(where("type =~ 'Microsoft.Compute/virtualMachines'")).toHaveLength(4);
  });

  it("compares dynamic numbers and booleans by value", () => {
    expect(where("properties.priority == 3")).toEqual(["vm-web-01"]);
    expect(where("properties.priority == 2.5")).toEqual(["vmweb03"]);
    expect(where("properties.enabled == true")).toEqual(["db-01"]);
  });
});

describe("ordering comparisons", () => {
  it("< <= > >= on numbers, at the boundary", () => {
    expect(where("properties.priority < 3")).toEqual(["vmweb03"]);
    expect(where("properties.priority <= 3")).toEqual(["vm-web-01", "vmweb03"]);
    expect(where("properties.priority > 3")).toEqual(["VM-WEB-02"]);
    expect(where("properties.priority >= 3")).toEqual(["VM-WEB-02", "vm-web-01"]);
  });

  it("orders strings ordinally (upper case before lower case)", () => {
    expect(where("name < 'a'")).toEqual(["VM-WEB-02"]);
    expect(where("name >= 'vm'")).toEqual(["vm-web-01", "vmweb03"]);
  });
});

describe("in, in~, !in, !in~", () => {
  it("in is case-sensitive, in~ is not", () => {
    expect(where("name in ('vm-web-01', 'vm-web-02')")).toEqual(["vm-web-01"]);
    expect(where("name in~ ('vm-web-01', 'vm-web-02')")).toEqual(["VM-WEB-02", "vm-web-01"]);
  });

  it("!in is case-sensitive, !in~ is not", () => {
    expect(where("name !in ('vm-web-01', 'vm-web-02')")).toEqual(["VM-WEB-02", "db-01", "vmweb03"]);
    expect(where("name !in~ ('vm-web-01', 'vm-web-02')")).toEqual(["db-01", "vmweb03"]);
  });

  it("an empty list holds nothing", () => {
    expect(where("name in ()")).toEqual([]);
    expect(where("name !in ()")).toHaveLength(4);
  });
});

describe("string operators", () => {
  it("contains ignores case, contains_cs does not, !contains negates", () => {
    expect(where("name contains 'WEB'")).toEqual(["VM-WEB-02", "vm-web-01", "vmweb03"]);
    expect(where("name contains_cs 'WEB'")).toEqual(["VM-WEB-02"]);
    expect(where("name !contains 'web'")).toEqual(["db-01"]);
    expect(where("name !contains_cs 'web'")).toEqual(["VM-WEB-02", "db-01"]);
  });

  it("startswith and endswith, with and without case", () => {
    expect(where("name startswith 'VM-'")).toEqual(["VM-WEB-02", "vm-web-01"]);
    expect(where("name startswith_cs 'VM-'")).toEqual(["VM-WEB-02"]);
    expect(where("name !startswith 'vm'")).toEqual(["db-01"]);
    expect(where("name endswith '01'")).toEqual(["db-01", "vm-web-01"]);
    expect(where("name endswith_cs 'B-02'")).toEqual(["VM-WEB-02"]);
  });

  it("has matches whole terms only: 'web' is a term of vm-web-01 but not of vmweb03", () => {
    expect(where("name has 'web'")).toEqual(["VM-WEB-02", "vm-web-01"]);
    expect(where("name has 'we'")).toEqual([]);
    expect(where("name has_cs 'WEB'")).toEqual(["VM-WEB-02"]);
    expect(where("name !has 'web'")).toEqual(["db-01", "vmweb03"]);
    expect(where("name has 'vm-web'")).toEqual(["VM-WEB-02", "vm-web-01"]);
  });
});

describe("null: a missing dynamic value", () => {
  it("passes neither == nor != nor in nor !in", () => {
    expect(where("tags.env == 'x'")).toEqual([]);
    expect(where("tags.env != 'x'")).toEqual(["VM-WEB-02", "db-01", "vm-web-01"]);
    expect(where("tags.env !in ('x')")).toEqual(["VM-WEB-02", "db-01", "vm-web-01"]);
    expect(where("properties.priority > 0")).not.toContain("db-01");
  });

  it("reads as '' for the string operators, as tostring() makes it", () => {
    expect(where("tags.env !contains 'prod'")).toEqual(["db-01", "vmweb03"]);
    expect(where("tostring(tags.env) == ''")).toEqual(["vmweb03"]);
  });

  it("is what isnull/isnotnull/isempty/isnotempty test", () => {
    expect(where("isnull(tags.env)")).toEqual(["vmweb03"]);
    expect(where("isnotnull(tags.tier)")).toEqual(["vm-web-01"]);
    expect(where("isempty(kind)")).toHaveLength(4);
    expect(where("isnotempty(tostring(tags.env))")).toEqual(["VM-WEB-02", "db-01", "vm-web-01"]);
  });
});

describe("and, or, not()", () => {
  it("combine conditions, with parentheses deciding the grouping", () => {
    expect(where("name startswith_cs 'vm' and tags.env =~ 'prod'")).toEqual(["vm-web-01"]);
    expect(where("name startswith 'vm' and tags.env =~ 'prod'")).toEqual(["VM-WEB-02", "vm-web-01"]);
    expect(where("name == 'db-01' or name == 'vmweb03'")).toEqual(["db-01", "vmweb03"]);
    expect(where("name == 'db-01' or name == 'vmweb03' and tags.env == 'test'")).toEqual(["db-01"]);
    expect(where("(name == 'db-01' or name == 'vmweb03') and isnull(tags.env)")).toEqual(["vmweb03"]);
  });

  it("not() negates, and leaves null null", () => {
    expect(where("not(name has 'web')")).toEqual(["db-01", "vmweb03"]);
    expect(where("not(tags.env == 'prod')")).toEqual(["db-01", "vm-web-01"]);
  });

  it("are three-valued: false and null is false, true or null is true", () => {
    expect(where("tags.env == 'prod' or name == 'vmweb03'")).toEqual(["VM-WEB-02", "vmweb03"]);
    expect(where("not(tags.env == 'x' and name == 'nothing')")).toEqual([
      "VM-WEB-02",
      "db-01",
      "vm-web-01",
      "vmweb03",
    ]);
  });
});

describe("functions", () => {
  it("tolower, toupper and tostring", () => {
    expect(where("tolower(name) == 'vm-web-02'")).toEqual(["VM-WEB-02"]);
    expect(where("toupper(name) == 'VMWEB03'")).toEqual(["vmweb03"]);
    expect(where("tostring(properties.priority) == '10'")).toEqual(["VM-WEB-02"]);
  });
});
