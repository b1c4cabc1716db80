import { describe, expect, it } from "vitest";
import {
  MAX_SUGGESTIONS,
  nameTokens,
  significantWords,
  suggestNames,
} from "../../../src/azure/name-suggestions.js";
import type { VmRef } from "../../../src/azure/vm-ref.js";

function vm(name: string, resourceGroup = "rg"): VmRef {
  return {
    id: `/subscriptions/s/resourceGroups/${resourceGroup}/providers/Microsoft.Compute/virtualMachines/${name}`,
    name,
    resourceGroup,
    subscriptionId: "s",
    location: "eastus",
    type: "virtualMachine",
  };
}

const FLEET = [
  "vm-web-01",
  "vm-web-02",
  "vm-stage-web-01",
  "vmss-web_0",
  "vm-sql-01",
  "vm-analytics-01",
  "vm-win2012-core-01",
  "vm-mysql-01",
  "DB.Primary.01",
  "vm-box-01",
  "app-server-01",
].map((name) => vm(name));

const suggested = (typed: string) => suggestNames(FLEET, typed).map((each) => each.name);

describe("nameTokens", () => {
  it("splits on -, _, . and where digits meet letters, in lower case", () => {
    expect(nameTokens("vm-win2012-core-01")).toEqual(["vm", "win", "2012", "core", "01"]);
    expect(nameTokens("vmss-web_0")).toEqual(["vmss", "web", "0"]);
    expect(nameTokens("DB.Primary.01")).toEqual(["db", "primary", "01"]);
    expect(nameTokens("sql01box")).toEqual(["sql", "01", "box"]);
  });
});

describe("significantWords", () => {
  it("leaves out short words and words that describe any VM", () => {
    expect(significantWords("the sql box")).toEqual(["sql"]);
    expect(significantWords("The SQL Server machine")).toEqual(["sql"]);
    expect(significantWords("vm-db-01")).toEqual([]);
  });
});

describe("suggestNames", () => {
  it("suggests a VM whose name has a typed word as a whole token", () => {
    expect(suggested("sql")).toEqual(["vm-sql-01"]);
    expect(suggested("SQL")).toEqual(["vm-sql-01"]);
    // "box" describes any VM, even though vm-box-01 has it as a token.
    expect(suggested("the sql box")).toEqual(["vm-sql-01"]);
  });

  it("matches whole tokens only, not parts of them", () => {
    // "sql" is inside "mysql", which is another word.
    expect(suggested("sql")).not.toContain("vm-mysql-01");
    expect(suggested("analytic")).toEqual([]);
    expect(suggested("primary")).toEqual(["DB.Primary.01"]);
  });

  it("still suggests names a typo away", () => {
    expect(suggested("vm-sqll-01")).toEqual(["vm-sql-01"]);
    expect(suggested("vm-analitics-01")).toEqual(["vm-analytics-01"]);
  });

  it("ranks more shared words first, then the closest names, and keeps the list short", () => {
    expect(suggested("win 2012")).toEqual(["vm-win2012-core-01"]);
    const web = suggested("web");
    expect(web).toHaveLength(MAX_SUGGESTIONS);
    expect(web).toEqual(["vm-web-01", "vm-web-02", "vmss-web_0"]);
    expect(suggested("stage web")[0]).toBe("vm-stage-web-01");
  });

  it("puts token matches before typo matches, however far the whole name is", () => {
    const fleet = [vm("db-cachy"), vm("vm-cache-primary-01")];
    // "db-cachy" is one edit from "db-cache" but shares no word with it; the other holds "cache".
    expect(suggestNames(fleet, "db-cache").map((each) => each.name)).toEqual([
      "vm-cache-primary-01",
      "db-cachy",
    ]);
  });

  it("suggests nothing for generic words, short words or nothing at all", () => {
    expect(suggested("the box")).toEqual([]);
    expect(suggested("server")).toEqual([]);
    expect(suggested("the server machine")).toEqual([]);
    expect(suggested("01")).toEqual([]);
    expect(suggested("   ")).toEqual([]);
  });
});
