import { describe, expect, it } from "vitest";
import type { Press } from "../../../src/dialogs/command.js";
import { decodePress, encodePress, PRESS_ACTIONS } from "../../../src/dialogs/press-codec.js";

const VM =
  "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/vm-web-01";
const ID = "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b";

describe("the press codec", () => {
  const presses: Press[] = [
    { kind: "plan", vmId: VM, mode: "ApplicationConsistent" },
    { kind: "plan", vmId: VM, mode: "CrashConsistent" },
    { kind: "plan", vmId: VM },
    { kind: "check", vmId: VM },
    { kind: "status", vmId: VM },
    { kind: "list", vmId: VM },
    { kind: "confirm", confirmationId: ID, mode: "CrashConsistent" },
    { kind: "confirm", confirmationId: ID, mode: "ApplicationConsistent" },
    { kind: "cancel", confirmationId: ID },
  ];

  it.each(presses)("writes a versioned value and reads back the command: %j", (press) => {
    const encoded = encodePress(press);
    expect(encoded.value.startsWith("v2|")).toBe(true);
    expect(PRESS_ACTIONS).toContain(encoded.action);
    const command = decodePress(encoded.action, encoded.value);
    switch (press.kind) {
      case "plan":
        expect(command).toEqual({ kind: "plan", vm: { by: "id", id: VM }, mode: press.mode });
        break;
      case "confirm":
        expect(command).toEqual({ kind: "confirm", confirmationId: ID, mode: press.mode });
        break;
      case "cancel":
        expect(command).toEqual({ kind: "cancel", confirmationId: ID });
        break;
      default:
        expect(command).toEqual({ kind: press.kind, vm: { by: "id", id: VM } });
    }
  });

  it("reads a run's presses and a check's prune button, and nothing else in their place", () => {
    expect(encodePress({ kind: "run-confirm", runId: ID })).toEqual({ action: "run", value: `v2|${ID}` });
    expect(decodePress("run", `v2|${ID}`)).toEqual({ kind: "run-confirm", runId: ID });
    expect(encodePress({ kind: "run-cancel", runId: ID })).toEqual({
      action: "run-cancel",
      value: `v2|${ID}`,
    });
    expect(decodePress("run-cancel", `v2|${ID}`)).toEqual({ kind: "run-cancel", runId: ID });
    expect(encodePress({ kind: "prune", vmId: VM })).toEqual({ action: "prune", value: `v2|${VM}` });
    expect(decodePress("prune", `v2|${VM}`)).toEqual({
      kind: "delete",
      vm: { by: "id", id: VM },
      request: { kind: "suggested" },
    });
    const group = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-web";
    expect(encodePress({ kind: "clean-up", scopeId: group })).toEqual({
      action: "clean-up",
      value: `v2|${group}`,
    });
    expect(decodePress("clean-up", `v2|${group}`)).toEqual({ kind: "clean-up", scope: group });
    const malformed = { kind: "unreadable-press", reason: "malformed" };
    for (const [action, value] of [
      ["run", `v2|${ID}|extra`],
      ["run", "v2|not an id"],
      ["run-cancel", `v2|${VM}`],
      ["prune", `v2|${ID}`],
      ["prune", `v2|${VM}|x`],
      ["clean-up", `v2|${VM}`],
      ["clean-up", "v2|rg-web"],
      // Release 1 had none of these buttons.
      ["run", ID],
      ["prune", VM],
    ] as const) {
      expect(decodePress(action, value)).toEqual(malformed);
    }
  });

  it("writes a plan of every mode (a create without one) with the VM id alone", () => {
    expect(encodePress({ kind: "plan", vmId: VM })).toEqual({ action: "plan", value: `v2|${VM}` });
    expect(decodePress("plan", `v2|${VM}`)).toEqual({ kind: "plan", vm: { by: "id", id: VM } });
    expect(encodePress({ kind: "check", vmId: VM })).toEqual({ action: "check", value: `v2|${VM}` });
  });

  it("reads a Details press as the same check with its details, and only with a VM id", () => {
    const vmId = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-1";
    const { action, value } = encodePress({ kind: "details", vmId });
    expect({ action, value }).toEqual({ action: "details", value: `v2|${vmId}` });
    expect(decodePress(action, value)).toEqual({ kind: "check", vm: { by: "id", id: vmId }, details: true });
    for (const bad of ["v2|not-an-id", `v2|${vmId}|extra`, vmId]) {
      expect(decodePress("details", bad)).toEqual({ kind: "unreadable-press", reason: "malformed" });
    }
  });

  it("keeps to the transport actions Slack and Teams register", () => {
    expect(PRESS_ACTIONS).toEqual([
      "plan",
      "create",
      "cancel",
      "check",
      "status",
      "list",
      "details",
      "run",
      "run-cancel",
      "prune",
      "clean-up",
    ]);
    expect(encodePress({ kind: "confirm", confirmationId: ID, mode: "CrashConsistent" }).action).toBe(
      "create",
    );
  });

  it("reads the buttons of the previous release, whose values had no version", () => {
    expect(decodePress("plan", `CrashConsistent|${VM}`)).toEqual({
      kind: "plan",
      vm: { by: "id", id: VM },
      mode: "CrashConsistent",
    });
    expect(decodePress("create", `${ID}|ApplicationConsistent`)).toEqual({
      kind: "confirm",
      confirmationId: ID,
      mode: "ApplicationConsistent",
    });
    expect(decodePress("cancel", ID)).toEqual({ kind: "cancel", confirmationId: ID });
  });

  it("says a button of another version cannot be read, instead of guessing", () => {
    expect(decodePress("create", `v3|${ID}|crash`)).toEqual({
      kind: "unreadable-press",
      reason: "other-version",
    });
    expect(decodePress("plan", "v10|app|x")).toEqual({ kind: "unreadable-press", reason: "other-version" });
  });

  it.each([
    ["an action that is not ours", "delete", `v2|${ID}`],
    ["a plan without a VM id", "plan", "v2|app|vm-web-01"],
    ["a plan with an unknown mode", "plan", `v2|fast|${VM}`],
    ["a confirm without a mode", "create", `v2|${ID}`],
    ["a confirm with a long mode name in version 2", "create", `v2|${ID}|CrashConsistent`],
    ["a cancel with extra fields", "cancel", `v2|${ID}|crash`],
    ["an empty value", "cancel", ""],
    ["a version 1 confirm with a short mode", "create", `${ID}|crash`],
    ["a version 1 plan with extra fields", "plan", `CrashConsistent|${VM}|x`],
    ["an id with a separator inside", "cancel", "a b"],
    ["a plan with extra fields", "plan", `v2|app|${VM}|more`],
    ["a confirm with extra fields", "create", `v2|${ID}|crash|more`],
    ["a version 1 confirm with extra fields", "create", `${ID}|CrashConsistent|more`],
    ["a plan whose VM id does not start the field", "plan", `v2|app|x${VM}`],
    ["a plan with an absurdly long VM id", "plan", `v2|app|${VM}${"x".repeat(1000)}`],
    ["a plan of every mode without a VM id", "plan", "v2|vm-web-01"],
    ["a check without a VM id", "check", "v2|vm-web-01"],
    ["a check with a mode", "check", `v2|app|${VM}`],
    ["a status with extra fields", "status", `v2|${VM}|more`],
    ["a list without a value", "list", "v2|"],
    ["a version 1 check (there were none)", "check", VM],
  ])("refuses %s", (_what, action, value) => {
    expect(decodePress(action, value)).toEqual({ kind: "unreadable-press", reason: "malformed" });
  });
});
