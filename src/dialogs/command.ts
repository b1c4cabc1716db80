/**
 * One typed value per request: what a person asked for, decoded once at the edge (the text parser, the
 * press codec) and dispatched from one table (routes.ts). Every kind here must have a route, or the
 * project does not compile.
 */
import type { ConsistencyMode } from "../core/facts.js";

/** How a command names its VM. */
export type VmQuery =
  /** Words a person typed, the most VM-like first ("can I snapshot database01 now" tries database01 first). */
  | { by: "words"; words: string[] }
  /** A button's VM: its exact resource id, as the bot resolved it when it drew the button. */
  | { by: "id"; id: string };

export type Command =
  /** "can I snapshot vm-web-01?" */
  | { kind: "check"; vm: VmQuery }
  /** "create vm-web-01 [app|crash]", or a "Create ... restore point" press: show the plan. */
  | { kind: "plan"; vm: VmQuery; mode?: ConsistencyMode }
  /** A plan's Create press. */
  | { kind: "confirm"; confirmationId: string; mode: ConsistencyMode }
  /** A plan's Cancel press, or a typed "cancel" (no id: the newest pending plan of this person, here). */
  | { kind: "cancel"; confirmationId?: string }
  /** Restore points being created: of one VM, or everywhere. */
  | { kind: "status"; vm?: VmQuery }
  /** A VM's restore points, or the person's own recent requests. */
  | { kind: "list"; vm?: VmQuery }
  /** The fleet report of a resource group, a subscription or everything ("all"). */
  | { kind: "report"; scope: string }
  | { kind: "help" }
  /** "check" or "create" without a VM. */
  | { kind: "missing-vm"; wanted: "check" | "create" }
  | { kind: "not-understood"; text: string }
  /** A press this release cannot read: from an older or newer release of the bot, or not ours. */
  | { kind: "unreadable-press"; reason: "other-version" | "malformed" };

export type CommandKind = Command["kind"];

export type CommandOf<K extends CommandKind> = Extract<Command, { kind: K }>;

/** What a button does when pressed: the press codec turns it into a button value and back. */
export type Press =
  | { kind: "plan"; vmId: string; mode: ConsistencyMode }
  | { kind: "confirm"; confirmationId: string; mode: ConsistencyMode }
  | { kind: "cancel"; confirmationId: string };

/** The words of a VM query, for messages and the audit log ("vm-web-01"). */
export function describeQuery(query: VmQuery): string {
  return query.by === "id" ? query.id : (query.words[0] ?? "");
}
