import { describe, expect, it } from "vitest";
import { parseCommand, vmCandidates } from "../../../src/dialogs/parse-command.js";

const words = (...list: string[]) => ({ by: "words", words: list });

describe("parseCommand: natural phrasings", () => {
  it.each([
    "can I snapshot web-01?",
    "is web-01 eligible for a restore point",
    "can we take a restore point of web-01",
    "Can I take a snapshot of web-01 please?",
    "is a restore point of web-01 possible?",
    "web-01 eligible?",
    "snapshot web-01?",
  ])("%s -> check web-01", (text) => {
    expect(parseCommand(text)).toMatchObject({ kind: "check", vm: { by: "words", words: ["web-01"] } });
  });

  it.each([
    ["create a restore point for vm-web-01", undefined],
    ["take a crash-consistent restore point of vm-web-01", "CrashConsistent"],
    ["please make an app consistent snapshot of vm-web-01 now", "ApplicationConsistent"],
    ["start a restore point on rg-prod/vm-web-01", undefined],
  ])("%s -> create", (text, mode) => {
    const command = parseCommand(text);
    expect(command.kind).toBe("plan");
    if (command.kind === "plan" && command.vm.by === "words") {
      expect(command.vm.words[0]).toMatch(/vm-web-01$/);
      expect(command.mode).toBe(mode);
    }
  });

  it("finds a report scope and help", () => {
    expect(parseCommand("give me a report on rg-prod")).toEqual({ kind: "report", scope: "rg-prod" });
    expect(parseCommand("what can you do")).toEqual({ kind: "help" });
    expect(parseCommand("")).toEqual({ kind: "help" });
  });

  it("asks for the VM when none is named", () => {
    expect(parseCommand("can I take a restore point?")).toEqual({ kind: "missing-vm", wanted: "check" });
    expect(parseCommand("create")).toEqual({ kind: "missing-vm", wanted: "create" });
  });

  it("says it did not understand anything else", () => {
    expect(parseCommand("what's the weather in Paris")).toMatchObject({ kind: "not-understood" });
    for (const hello of ["hi", "Hello!", "hey there", "good morning"]) {
      expect(parseCommand(hello)).toEqual({ kind: "small-talk", said: "greeting" });
    }
    for (const thanks of ["thanks", "Thank you!", "thx", "cheers", "thanks a lot."]) {
      expect(parseCommand(thanks)).toEqual({ kind: "small-talk", said: "thanks" });
    }
    // A greeting before a question is the question.
    expect(parseCommand("hi, can I snapshot vm-web-01?")).toMatchObject({ kind: "check" });
  });

  it("ignores the bot's own mention on Slack and Teams", () => {
    expect(parseCommand("<@U0BOT> check vm-web-01")).toEqual({ kind: "check", vm: words("vm-web-01") });
    expect(parseCommand("<at>rpbot</at> check vm-web-01")).toEqual({ kind: "check", vm: words("vm-web-01") });
  });
});

describe("parseCommand: the mode, from whole words only", () => {
  it.each([
    ["create vm-app-01", undefined],
    ["create rg-crash-lab/vm-01", undefined],
    ["create vm-app-01 crash", "CrashConsistent"],
    ["create vm-crash-01 app", "ApplicationConsistent"],
    ["create vm-web-01 crash consistent", "CrashConsistent"],
    ["create vm-web-01 application-consistent", "ApplicationConsistent"],
    ["create vm-web-01 (crash)", "CrashConsistent"],
  ])("%s -> %s", (text, mode) => {
    const command = parseCommand(text);
    expect(command.kind).toBe("plan");
    expect(command.kind === "plan" ? command.mode : "not a plan").toBe(mode);
  });
});

describe("parseCommand: commands", () => {
  it("reads every command of the grammar", () => {
    expect(parseCommand("check vm-web-01")).toEqual({ kind: "check", vm: words("vm-web-01") });
    expect(parseCommand("create vm-web-01 crash")).toEqual({
      kind: "plan",
      vm: words("vm-web-01"),
      mode: "CrashConsistent",
    });
    expect(parseCommand("create vm-web-01 app")).toMatchObject({ mode: "ApplicationConsistent" });
    expect(parseCommand("status")).toEqual({ kind: "status" });
    expect(parseCommand("status vm-web-01")).toEqual({ kind: "status", vm: words("vm-web-01") });
    expect(parseCommand("list vm-web-01")).toEqual({ kind: "list", vm: words("vm-web-01") });
    expect(parseCommand("cancel")).toEqual({ kind: "cancel" });
    expect(parseCommand("list")).toEqual({ kind: "list" });
    expect(parseCommand("report rg-prod")).toEqual({ kind: "report", scope: "rg-prod" });
    expect(parseCommand("HELP")).toEqual({ kind: "help" });
    expect(parseCommand("report")).toMatchObject({ kind: "not-understood" });
  });

  it("keeps quoted names, ids and rg/name forms", () => {
    const id = "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-1";
    expect(parseCommand(`check ${id}`)).toEqual({ kind: "check", vm: words(id) });
    expect(parseCommand('check "vm-web-01"')).toEqual({ kind: "check", vm: words("vm-web-01") });
  });
});

describe("vmCandidates", () => {
  it("puts the most VM-like token first and drops filler", () => {
    expect(vmCandidates("can I snapshot database on rg-prod/db-01 please")).toEqual([
      "rg-prod/db-01",
      "database",
    ]);
  });

  it("prefers a name with digits to a plain word, and reports on the scope, not a filler word", () => {
    expect(vmCandidates("snapshot database db-01")).toEqual(["db-01", "database"]);
    expect(parseCommand("report on rg-prod")).toEqual({ kind: "report", scope: "rg-prod" });
  });

  it("survives very long input", () => {
    expect(parseCommand(`check ${"x".repeat(10_000)}`).kind).toBe("check");
  });
});
