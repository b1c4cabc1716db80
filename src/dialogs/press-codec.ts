/**
 * The only code that writes and reads button values. A button carries a transport action (Slack's
 * action_id, a Teams card's verb) and a value; values carry a version, so a button drawn by an older
 * release still decodes, and one this release cannot read gets a clear answer instead of a wrong action.
 *
 * Version 2 (this release): "v2|<mode>|<vm id>" (plan), "v2|<confirmation id>|<mode>" (confirm, action
 * "create"), "v2|<confirmation id>" (cancel). Version 1 (unversioned): "<Mode>|<vm id>",
 * "<confirmation id>|<Mode>", "<confirmation id>".
 *
 * Added within version 2 for runs: "v2|<run id>" with the action "run" (confirm) or "run-cancel", for a
 * check's retention advisory "v2|<vm id>" with the action "prune", and for its collection-limit advisory
 * "v2|<resource group id>" with the action "clean-up".
 *
 * Added within version 2 for "did you mean" buttons: "v2|<vm id>" with the action "check", "status" or
 * "list", and with "plan" for a plan of every possible mode. They only add forms: a release without them
 * reads them as malformed ("This button no longer works"), never as another action.
 */
import type { ConsistencyMode } from "../core/facts.js";
import type { Command, Press, VmPressKind } from "./command.js";

/** The transport actions, in the order a platform registers them. "create" is the confirm press. */
export const PRESS_ACTIONS = [
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
] as const;
export type PressAction = (typeof PRESS_ACTIONS)[number];

export interface EncodedPress {
  action: PressAction;
  value: string;
}

const VERSION = "v2";
const SEPARATOR = "|";
const SHORT: Record<ConsistencyMode, string> = { ApplicationConsistent: "app", CrashConsistent: "crash" };
const MODE_OF_SHORT: Record<string, ConsistencyMode> = {
  app: "ApplicationConsistent",
  crash: "CrashConsistent",
};
/** Version 1 spelled modes out. */
const MODE_OF_LONG: Record<string, ConsistencyMode> = {
  ApplicationConsistent: "ApplicationConsistent",
  CrashConsistent: "CrashConsistent",
};
/** Any "v<number>|" prefix marks a versioned value; version 1 had none. */
const VERSIONED = /^v(\d+)\|/;

export function isPressAction(action: string): action is PressAction {
  return (PRESS_ACTIONS as readonly string[]).includes(action);
}

export function encodePress(press: Press): EncodedPress {
  switch (press.kind) {
    case "plan":
      return {
        action: "plan",
        value: press.mode ? join(VERSION, SHORT[press.mode], press.vmId) : join(VERSION, press.vmId),
      };
    case "check":
    case "status":
    case "list":
    case "details":
      return { action: press.kind, value: join(VERSION, press.vmId) };
    case "confirm":
      return { action: "create", value: join(VERSION, press.confirmationId, SHORT[press.mode]) };
    case "cancel":
      return { action: "cancel", value: join(VERSION, press.confirmationId) };
    case "run-confirm":
      return { action: "run", value: join(VERSION, press.runId) };
    case "run-cancel":
      return { action: "run-cancel", value: join(VERSION, press.runId) };
    case "prune":
      return { action: "prune", value: join(VERSION, press.vmId) };
    case "clean-up":
      return { action: "clean-up", value: join(VERSION, press.scopeId) };
  }
}

/** A press as the door received it: the action and value of the pressed button. */
export function decodePress(action: string, value: string): Command {
  if (!isPressAction(action)) return malformed();
  const version = VERSIONED.exec(value)?.[1];
  if (version === undefined) return decodeVersion1(action, value);
  if (version !== "2") return { kind: "unreadable-press", reason: "other-version" };
  return decodeVersion2(action, value.split(SEPARATOR).slice(1));
}

function decodeVersion2(action: PressAction, fields: string[]): Command {
  const [first = "", second = "", ...rest] = fields;
  if (rest.length > 0) return malformed();
  switch (action) {
    case "plan":
      return decodePlanVersion2(fields);
    case "create": {
      const mode = MODE_OF_SHORT[second];
      return mode && isId(first) ? { kind: "confirm", confirmationId: first, mode } : malformed();
    }
    case "cancel":
      return isId(first) && fields.length === 1 ? { kind: "cancel", confirmationId: first } : malformed();
    case "check":
    case "status":
    case "list":
      return fields.length === 1 && isVmId(first) ? askAgain(action, first) : malformed();
    case "details":
      return fields.length === 1 && isVmId(first)
        ? { kind: "check", vm: { by: "id", id: first }, details: true }
        : malformed();
    case "run":
      return fields.length === 1 && isId(first) ? { kind: "run-confirm", runId: first } : malformed();
    case "run-cancel":
      return fields.length === 1 && isId(first) ? { kind: "run-cancel", runId: first } : malformed();
    case "prune":
      return fields.length === 1 && isVmId(first)
        ? { kind: "delete", vm: { by: "id", id: first }, request: { kind: "suggested" } }
        : malformed();
    case "clean-up":
      return fields.length === 1 && isGroupId(first) ? { kind: "clean-up", scope: first } : malformed();
  }
}

/** "<mode>|<vm id>" from a verdict; "<vm id>" alone from "did you mean" after a create without a mode. */
function decodePlanVersion2(fields: string[]): Command {
  const [first = "", second = ""] = fields;
  if (fields.length === 1) return isVmId(first) ? { kind: "plan", vm: { by: "id", id: first } } : malformed();
  const mode = MODE_OF_SHORT[first];
  return mode && isVmId(second) ? planOf(second, mode) : malformed();
}

function askAgain(kind: VmPressKind, vmId: string): Command {
  return { kind, vm: { by: "id", id: vmId } };
}

function decodeVersion1(action: PressAction, value: string): Command {
  const fields = value.split(SEPARATOR);
  const [first = "", second = ""] = fields;
  switch (action) {
    case "plan": {
      const mode = MODE_OF_LONG[first];
      return mode && fields.length === 2 && isVmId(second) ? planOf(second, mode) : malformed();
    }
    case "create": {
      const mode = MODE_OF_LONG[second];
      return mode && fields.length === 2 && isId(first)
        ? { kind: "confirm", confirmationId: first, mode }
        : malformed();
    }
    case "cancel":
      return fields.length === 1 && isId(first) ? { kind: "cancel", confirmationId: first } : malformed();
    // Version 1 had no such buttons.
    case "check":
    case "status":
    case "list":
    case "details":
    case "run":
    case "run-cancel":
    case "prune":
    case "clean-up":
      return malformed();
  }
}

function planOf(vmId: string, mode: ConsistencyMode): Command {
  return { kind: "plan", vm: { by: "id", id: vmId }, mode };
}

function join(...fields: string[]): string {
  return fields.join(SEPARATOR);
}

/** Confirmation ids are random UUIDs; anything else was never ours. */
function isId(text: string): boolean {
  return /^[\w-]{1,100}$/.test(text);
}

function isVmId(text: string): boolean {
  return /^\/subscriptions\/[^|]{1,1000}$/i.test(text);
}

function isGroupId(text: string): boolean {
  return /^\/subscriptions\/[^/|]{1,100}\/resourceGroups\/[^/|]{1,90}$/i.test(text);
}

function malformed(): Command {
  return { kind: "unreadable-press", reason: "malformed" };
}
