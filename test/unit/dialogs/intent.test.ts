import { describe, expect, it } from "vitest";
import { parseIntent, vmCandidates } from "../../../src/dialogs/intent.js";

describe("parseIntent: natural phrasings", () => {
  it.each([
    "can I snapshot web-01?",
    "is web-01 eligible for a restore point",
    "can we take a restore point of web-01",
    "Can I take a snapshot of web-01 please?",
    "is a restore point of web-01 possible?",
    "web-01 eligible?",
    "snapshot web-01?",
  ])("%s -> check web-01", (text) => {
    expect(parseIntent(text)).toMatchObject({ kind: "check", vm: "web-01" });
  });

  it.each([
    ["create a restore point for vm-web-01", undefined],
    ["take a crash-consistent restore point of vm-web-01", "CrashConsistent"],
    ["please make an app consistent snapshot of vm-web-01 now", "ApplicationConsistent"],
    ["start a restore point on rg-prod/vm-web-01", undefined],
  ])("%s -> create", (text, mode) => {
    const intent = parseIntent(text);
    expect(intent.kind).toBe("create");
    if (intent.kind === "create") {
      expect(intent.vm).toMatch(/vm-web-01$/);
      expect(intent.mode).toBe(mode);
    }
  });

  it("finds a report scope and help", () => {
    expect(parseIntent("give me a report on rg-prod")).toEqual({ kind: "report", scope: "rg-prod" });
    expect(parseIntent("what can you do")).toEqual({ kind: "help" });
    expect(parseIntent("")).toEqual({ kind: "help" });
  });

  it("asks for the VM when none is named", () => {
    expect(parseIntent("can I take a restore point?")).toEqual({ kind: "missing-vm", wanted: "check" });
    expect(parseIntent("create")).toEqual({ kind: "missing-vm", wanted: "create" });
  });

  it("says it did not understand anything else", () => {
    expect(parseIntent("what's the weather in Paris")).toMatchObject({ kind: "unknown" });
  });

  it("ignores the bot's own mention on Slack and Teams", () => {
    expect(parseIntent("<@U0BOT> check vm-web-01")).toMatchObject({ kind: "check", vm: "vm-web-01" });
    expect(parseIntent("<at>rpbot</at> check vm-web-01")).toMatchObject({ kind: "check", vm: "vm-web-01" });
  });
});

describe("parseIntent: commands", () => {
  it("reads every command of the grammar", () => {
    expect(parseIntent("check vm-web-01")).toMatchObject({ kind: "check", vm: "vm-web-01" });
    expect(parseIntent("create vm-web-01 crash")).toMatchObject({
      kind: "create",
      vm: "vm-web-01",
      mode: "CrashConsistent",
    });
    expect(parseIntent("create vm-web-01 app")).toMatchObject({ mode: "ApplicationConsistent" });
    expect(parseIntent("status")).toEqual({ kind: "status" });
    expect(parseIntent("status vm-web-01")).toEqual({ kind: "status", vm: "vm-web-01" });
    expect(parseIntent("list")).toEqual({ kind: "list" });
    expect(parseIntent("report rg-prod")).toEqual({ kind: "report", scope: "rg-prod" });
    expect(parseIntent("HELP")).toEqual({ kind: "help" });
    expect(parseIntent("report")).toMatchObject({ kind: "unknown" });
  });

  it("keeps quoted names, ids and rg/name forms", () => {
    const id = "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-1";
    expect(parseIntent(`check ${id}`)).toMatchObject({ kind: "check", vm: id });
    expect(parseIntent('check "vm-web-01"')).toMatchObject({ vm: "vm-web-01" });
  });
});

describe("vmCandidates", () => {
  it("puts the most VM-like token first and drops filler", () => {
    expect(vmCandidates("can I snapshot database on rg-prod/db-01 please")).toEqual([
      "rg-prod/db-01",
      "database",
    ]);
  });

  it("survives very long input", () => {
    expect(parseIntent(`check ${"x".repeat(10_000)}`).kind).toBe("check");
  });
});
