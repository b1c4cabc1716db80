import { describe, expect, it } from "vitest";
import type { Command } from "../../../src/dialogs/command.js";
import { parseRetention, parseRetentionCommand } from "../../../src/dialogs/parse-retention.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const vm = (...words: string[]) => ({ by: "words" as const, words });
const one = (name: string, collection?: string) =>
  collection ? { kind: "one" as const, name, collection } : { kind: "one" as const, name };

describe("parseRetentionCommand: what it understands", () => {
  it.each<[string, Command]>([
    ["delete rp-1 of vm-web-01", { kind: "delete", vm: vm("vm-web-01"), request: one("rp-1") }],
    ["delete restore point rp-1 of vm-web-01", { kind: "delete", vm: vm("vm-web-01"), request: one("rp-1") }],
    [
      "Delete the restore point rp-1 of vm-web-01.",
      { kind: "delete", vm: vm("vm-web-01"), request: one("rp-1") },
    ],
    ["delete rp rp-1 from vm-web-01", { kind: "delete", vm: vm("vm-web-01"), request: one("rp-1") }],
    ["delete rp-1 on rg-web/vm-web-01", { kind: "delete", vm: vm("rg-web/vm-web-01"), request: one("rp-1") }],
    ["delete rp-1 for the vm vm-web-01", { kind: "delete", vm: vm("vm-web-01"), request: one("rp-1") }],
    [
      "delete rp-1 in collection rpc-x of vm-web-01",
      { kind: "delete", vm: vm("vm-web-01"), request: one("rp-1", "rpc-x") },
    ],
    [
      "delete rp-1 from collection rpc-x of vm-web-01",
      { kind: "delete", vm: vm("vm-web-01"), request: one("rp-1", "rpc-x") },
    ],
    [
      "delete rp-1 in rpc-x of vm-web-01",
      { kind: "delete", vm: vm("vm-web-01"), request: one("rp-1", "rpc-x") },
    ],
    [
      "delete rp-1 of vm-web-01 in rpc-x",
      { kind: "delete", vm: vm("vm-web-01"), request: one("rp-1", "rpc-x") },
    ],
    ["<@U0BOT> delete rp-1 of vm-web-01", { kind: "delete", vm: vm("vm-web-01"), request: one("rp-1") }],
    ["prune vm-web-01 keep 5", { kind: "delete", vm: vm("vm-web-01"), request: { kind: "keep", newest: 5 } }],
    [
      "prune vm-web-01 keep the newest 5",
      { kind: "delete", vm: vm("vm-web-01"), request: { kind: "keep", newest: 5 } },
    ],
    [
      "prune vm-web-01 keeping only the last 12 restore points",
      { kind: "delete", vm: vm("vm-web-01"), request: { kind: "keep", newest: 12 } },
    ],
    ["prune vm-web-01 keep 0", { kind: "delete", vm: vm("vm-web-01"), request: { kind: "keep", newest: 0 } }],
    [
      "prune restore points of vm-web-01 keep 3",
      { kind: "delete", vm: vm("vm-web-01"), request: { kind: "keep", newest: 3 } },
    ],
    [
      "prune vm-web-01 older than 30d",
      { kind: "delete", vm: vm("vm-web-01"), request: { kind: "older-than", ms: 30 * DAY } },
    ],
    [
      "prune vm-web-01 older than 2 weeks",
      { kind: "delete", vm: vm("vm-web-01"), request: { kind: "older-than", ms: 14 * DAY } },
    ],
    [
      "prune vm-web-01 older than 36h",
      { kind: "delete", vm: vm("vm-web-01"), request: { kind: "older-than", ms: 36 * HOUR } },
    ],
    [
      "prune vm-web-01 older than 90 minutes",
      { kind: "delete", vm: vm("vm-web-01"), request: { kind: "older-than", ms: 90 * 60_000 } },
    ],
    [
      "prune vm-web-01 older than a week",
      { kind: "delete", vm: vm("vm-web-01"), request: { kind: "older-than", ms: 7 * DAY } },
    ],
    [
      "prune older than 30 days on vm-web-01",
      { kind: "delete", vm: vm("vm-web-01"), request: { kind: "older-than", ms: 30 * DAY } },
    ],
    [
      "delete restore points of vm-web-01 older than 30d",
      { kind: "delete", vm: vm("vm-web-01"), request: { kind: "older-than", ms: 30 * DAY } },
    ],
    [
      "delete old restore points of vm-web-01 keep 10",
      { kind: "delete", vm: vm("vm-web-01"), request: { kind: "keep", newest: 10 } },
    ],
    ["prune vm-nearfull-01", { kind: "delete", vm: vm("vm-nearfull-01"), request: { kind: "suggested" } }],
    ["clean up rg-prod", { kind: "clean-up", scope: "rg-prod" }],
    ["cleanup rg-prod", { kind: "clean-up", scope: "rg-prod" }],
    ["clean-up rg-prod", { kind: "clean-up", scope: "rg-prod" }],
    ["clean rg-prod", { kind: "clean-up", scope: "rg-prod" }],
    ["clean up resource group rg-prod", { kind: "clean-up", scope: "rg-prod" }],
    ["clean up the empty collections in rg-prod", { kind: "clean-up", scope: "rg-prod" }],
    ["delete the empty collections in rg-prod", { kind: "clean-up", scope: "rg-prod" }],
    ["delete unused restore point collections of rg-prod", { kind: "clean-up", scope: "rg-prod" }],
    [
      "clean up /subscriptions/1111/resourceGroups/rg-prod",
      { kind: "clean-up", scope: "/subscriptions/1111/resourceGroups/rg-prod" },
    ],
  ])("%s", (text, command) => {
    expect(parseRetentionCommand(text)).toEqual(command);
  });

  it("asks for the VM when none is named", () => {
    expect(parseRetentionCommand("delete")).toEqual({ kind: "missing-vm", wanted: "delete" });
    expect(parseRetentionCommand("delete rp-1")).toEqual({ kind: "missing-vm", wanted: "delete" });
    expect(parseRetentionCommand("prune")).toEqual({ kind: "missing-vm", wanted: "prune" });
    expect(parseRetentionCommand("prune keep 5")).toEqual({ kind: "missing-vm", wanted: "prune" });
    expect(parseRetentionCommand("prune older than 30d")).toEqual({ kind: "missing-vm", wanted: "prune" });
  });

  it("leaves every other text to the other parsers", () => {
    for (const text of ["check vm-web-01", "can I delete rp-1 of vm-web-01?", "deleted rp-1", "pruned", ""])
      expect(parseRetentionCommand(text)).toBeUndefined();
  });
});

describe("parseRetention: malformed requests get a reason, never a guess", () => {
  it.each<[string, RegExp]>([
    ["prune vm-web-01 keep", /how many to keep as a number/],
    ["prune vm-web-01 keep five", /how many to keep as a number/],
    ["prune vm-web-01 keep -1", /how many to keep as a number/],
    ["prune vm-web-01 older than", /say how old/],
    ["prune vm-web-01 older than soon", /say how old/],
    ["prune vm-web-01 older than 30", /with a unit/],
    ["prune vm-web-01 older than 30 parsecs", /with a unit/],
    ["prune vm-web-01 older than 3 months", /months and years differ/],
    ["prune vm-web-01 older than 1y", /months and years differ/],
    ["prune vm-web-01 keep 5 older than 30d", /not both/],
    ["delete of vm-web-01", /name the restore point/],
    ["delete rp-1 rp-2 of vm-web-01", /name one restore point/],
    ["delete all restore points of vm-web-01", /to delete several, say "prune/],
    ["delete rp-1 in collection", /name the collection/],
    ["delete collection rpc-x", /clean up <resource group>/],
    ["clean up", /name the resource group/],
    ["clean up the empty collections", /name the resource group/],
  ])("%s", (text, reason) => {
    const parsed = parseRetention(text);
    expect(parsed).toMatchObject({ ok: false, text });
    expect(parsed && !parsed.ok ? parsed.reason : "").toMatch(reason);
    // The reason reaches the person: "I did not understand that" says what to change.
    expect(parseRetentionCommand(text)).toEqual({
      kind: "not-understood",
      text,
      hint: parsed && !parsed.ok ? parsed.reason : "",
    });
  });
});

describe("parseRetentionCommand: other verbs of deleting and polite lead-ins", () => {
  it.each<[string, Command]>([
    ["remove rp-1 from vm-web-01", { kind: "delete", vm: vm("vm-web-01"), request: one("rp-1") }],
    ["can you delete rp-1 of vm-web-01?", { kind: "delete", vm: vm("vm-web-01"), request: one("rp-1") }],
    ["please purge rp-1 of vm-web-01", { kind: "delete", vm: vm("vm-web-01"), request: one("rp-1") }],
    [
      "please prune vm-full-01 keep 10",
      { kind: "delete", vm: vm("vm-full-01"), request: { kind: "keep", newest: 10 } },
    ],
    ["get rid of the empty collections in rg-web", { kind: "clean-up", scope: "rg-web" }],
    ["could you clean up rg-web", { kind: "clean-up", scope: "rg-web" }],
  ])("%s", (text, command) => {
    expect(parseRetentionCommand(text)).toEqual(command);
  });

  it.each(["can I delete rp-1 of vm-web-01?", "removed rp-1 of vm-web-01", "please", "get rid"])(
    "leaves %j to the other phrasings",
    (text) => {
      expect(parseRetention(text)).toBeUndefined();
    },
  );
});
