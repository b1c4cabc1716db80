/** The set-target parser (src/dialogs/parse-set-target.ts): commands and natural phrasings to a SetTargetQuery. */
import { describe, expect, it } from "vitest";
import { parseSetTarget } from "../../../src/dialogs/parse-set-target.js";

const SUB = "11111111-1111-1111-1111-111111111111";

describe("the phrasings of issue 15", () => {
  it.each([
    ["protect avset-web", { kind: "named", name: "avset-web" }, undefined, true],
    ["protect avset-web crash", { kind: "named", name: "avset-web" }, "CrashConsistent", true],
    ["protect availability set avset-web", { kind: "availability-set", name: "avset-web" }, undefined, true],
    [
      "protect scale set vmss-flex-01 app",
      { kind: "scale-set", name: "vmss-flex-01" },
      "ApplicationConsistent",
      true,
    ],
    ["protect rg-prod", { kind: "named", name: "rg-prod" }, undefined, true],
    ["protect resource group rg-prod", { kind: "resource-group", name: "rg-prod" }, undefined, true],
    ["protect tag env=prod", { kind: "tag", key: "env", value: "prod" }, undefined, true],
    ["protect tag env = prod", { kind: "tag", key: "env", value: "prod" }, undefined, true],
    ["snapshot every VM in avset-web before patching", { kind: "named", name: "avset-web" }, undefined, true],
    ["create restore points for rg-prod", { kind: "named", name: "rg-prod" }, undefined, false],
    [
      "restore points for everything tagged env=prod",
      { kind: "tag", key: "env", value: "prod" },
      undefined,
      true,
    ],
  ])("%s", (text, target, mode, saysSet) => {
    expect(parseSetTarget(text)).toEqual({ ok: true, target, ...(mode ? { mode } : {}), saysSet });
  });
});

describe("kinds and names", () => {
  it.each([
    ["protect the availability-set named avset-web", { kind: "availability-set", name: "avset-web" }],
    ["protect avset avset-web", { kind: "availability-set", name: "avset-web" }],
    ["protect Availability Set AVSET-APP", { kind: "availability-set", name: "AVSET-APP" }],
    ["protect vm scale set vmss-api", { kind: "scale-set", name: "vmss-api" }],
    ["protect vmss vmss-api", { kind: "scale-set", name: "vmss-api" }],
    ["protect scaleset vmss-api", { kind: "scale-set", name: "vmss-api" }],
    ["protect rg rg-prod", { kind: "resource-group", name: "rg-prod" }],
    ["protect resourcegroup rg-prod", { kind: "resource-group", name: "rg-prod" }],
    ["protect avset-web availability set", { kind: "availability-set", name: "avset-web" }],
    [
      "protect availability set rg-scale/avset-app",
      { kind: "availability-set", name: "avset-app", resourceGroup: "rg-scale" },
    ],
    ["protect rg-scale/avset-app", { kind: "named", name: "avset-app", resourceGroup: "rg-scale" }],
    [
      `protect /subscriptions/${SUB}/resourceGroups/rg-prod`,
      { kind: "resource-group", name: "rg-prod", subscriptionId: SUB },
    ],
    [
      `protect resource group /subscriptions/${SUB}/resourceGroups/rg-prod/`,
      { kind: "resource-group", name: "rg-prod", subscriptionId: SUB },
    ],
    [
      `protect /subscriptions/${SUB}/resourceGroups/rg-scale/providers/Microsoft.Compute/availabilitySets/avset-app`,
      { kind: "availability-set", name: "avset-app", resourceGroup: "rg-scale" },
    ],
    [
      `protect /subscriptions/${SUB}/resourceGroups/rg-scale/providers/microsoft.compute/virtualMachineScaleSets/vmss-api`,
      { kind: "scale-set", name: "vmss-api", resourceGroup: "rg-scale" },
    ],
    // A group name may hold what a set name may not (up to 90 characters): only a group can have it.
    [`protect ${"g".repeat(85)}`, { kind: "resource-group", name: "g".repeat(85) }],
    ["protect web", { kind: "named", name: "web" }],
    ["protect web01, please", { kind: "named", name: "web01" }],
    ["restore points for all VMs in avset-web", { kind: "named", name: "avset-web" }],
    ["can you snapshot the members of avset-web?", { kind: "named", name: "avset-web" }],
    ["<@U0BOT> protect avset-web", { kind: "named", name: "avset-web" }],
    ["<at>rpbot</at> protect avset-web", { kind: "named", name: "avset-web" }],
    ["protect vm-app-01", { kind: "named", name: "vm-app-01" }],
    ["protect rg-tagged", { kind: "named", name: "rg-tagged" }],
  ])("%s", (text, target) => {
    const parsed = parseSetTarget(text);
    expect(parsed).toMatchObject({ ok: true, target });
    if (parsed.ok) expect(parsed.target).toEqual(target);
  });

  it("takes the most name-like word when no anchor word points at the name", () => {
    expect(parseSetTarget("snapshot avset-web quickly")).toMatchObject({ target: { name: "avset-web" } });
    expect(parseSetTarget("web01 snapshot")).toMatchObject({ target: { name: "web01" }, saysSet: false });
  });

  it("says a set is meant for every/all/each wording, a kind word or a tag; not for a bare phrasing", () => {
    expect(parseSetTarget("snapshot each VM of avset-web")).toMatchObject({ saysSet: true });
    expect(parseSetTarget("create restore points for resource group rg-prod")).toMatchObject({
      saysSet: true,
    });
    expect(parseSetTarget("snapshot rg-prod")).toMatchObject({ saysSet: false });
  });
});

describe("the mode", () => {
  it.each([
    ["protect avset-web app", "ApplicationConsistent"],
    ["protect avset-web application-consistent", "ApplicationConsistent"],
    ["protect avset-web app consistent", "ApplicationConsistent"],
    ["protect avset-web Crash", "CrashConsistent"],
    ["protect avset-web crash-consistent", "CrashConsistent"],
    ["crash-consistent restore points for every VM in avset-web", "CrashConsistent"],
    ["protect tag env=prod crash", "CrashConsistent"],
    ["protect tag role=web app", "ApplicationConsistent"],
  ])("%s -> %s", (text, mode) => {
    expect(parseSetTarget(text)).toMatchObject({ ok: true, mode });
  });

  it("reads no mode from a name or a tag that contains app or crash", () => {
    for (const text of [
      "protect vm-app-01",
      "protect rg-crash-lab",
      "protect tag app=storefront",
      "protect tag crash=yes",
    ]) {
      const parsed = parseSetTarget(text);
      expect(parsed.ok && parsed.mode, text).toBeUndefined();
    }
    expect(parseSetTarget("protect tag app=storefront")).toMatchObject({
      target: { kind: "tag", key: "app", value: "storefront" },
    });
  });
});

describe("tags", () => {
  it.each([
    ["protect tag Env=Prod", "Env", "Prod"],
    ["protect env=prod", "env", "prod"],
    ['protect tag "Migrate Project"="contoso dc1"', "Migrate Project", "contoso dc1"],
    ["protect tag 'cost center'='4711'", "cost center", "4711"],
    ["protect tag env=prod.", "env", "prod"],
    ["protect everything tagged env=prod?", "env", "prod"],
    ["protect tag owner=web-team@contoso.com", "owner", "web-team@contoso.com"],
    ["protect tag expr=a=b", "expr", "a=b"],
    ['protect tag env=""', "env", ""],
  ])("%s -> %s = %s", (text, key, value) => {
    const parsed = parseSetTarget(text);
    if (value === "") {
      expect(parsed).toEqual({ ok: false, reason: "Say the value of tag env, e.g. tag env=prod." });
      return;
    }
    expect(parsed).toEqual({ ok: true, target: { kind: "tag", key, value }, saysSet: true });
  });

  it("keeps the case of both the name and the value (the value is case-sensitive in ARM)", () => {
    expect(parseSetTarget("protect tag ENV=Prod")).toMatchObject({ target: { key: "ENV", value: "Prod" } });
  });

  it("asks for key=value when a tag is named without one", () => {
    expect(parseSetTarget("protect tag env")).toEqual({
      ok: false,
      reason: "Say the tag as key=value, e.g. tag env=prod.",
    });
    expect(parseSetTarget("protect everything tagged prod")).toMatchObject({ ok: false });
  });
});

describe("what cannot name a set", () => {
  it.each([
    ["protect", "Say which set"],
    ["protect every VM", "Say which set"],
    ["protect availability set", "Say which set"],
    ["", "Say which set"],
    ["protect availability set a/b/c", "is not the name of an availability set"],
    ["protect scale set bad*name", "is not the name of a scale set"],
    ["protect resource group rg-prod.", ""],
    ["protect resource group bad*group", "is not the name of a resource group"],
    ["protect bad*name", "is not the name of a set or a resource group"],
    [`protect availability set ${"a".repeat(81)}`, "is not the name of an availability set"],
  ])("%j", (text, reason) => {
    const parsed = parseSetTarget(text);
    if (reason === "") {
      // A trailing period is punctuation, not part of the name.
      expect(parsed).toMatchObject({ ok: true, target: { kind: "resource-group", name: "rg-prod" } });
      return;
    }
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });
});
