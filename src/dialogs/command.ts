/**
 * One typed value per request: what a person asked for, decoded once at the edge (the text parser, the
 * press codec) and dispatched from one table (routes.ts). Every kind here must have a route, or the
 * project does not compile.
 */
import type { ConsistencyMode } from "../core/facts.js";
import type { PruneRequest } from "../core/prune-types.js";
import type { SetTargetQuery } from "../core/set-target.js";

/** How a command names its VM. */
export type VmQuery =
  /** Words a person typed, the most VM-like first ("can I snapshot database01 now" tries database01 first). */
  | { by: "words"; words: string[] }
  /** A button's VM: its exact resource id, as the bot resolved it when it drew the button. */
  | { by: "id"; id: string };

export type Command =
  /** "can I snapshot vm-web-01?" */
  | { kind: "check"; vm: VmQuery; details?: true }
  /** "create vm-web-01 [app|crash]", or a "Create ... restore point" press: show the plan. */
  | { kind: "plan"; vm: VmQuery; mode?: ConsistencyMode }
  /** A plan's Create press. */
  | { kind: "confirm"; confirmationId: string; mode: ConsistencyMode }
  /** A plan's Cancel press, or a typed "cancel" (no id: the newest pending plan of this person, here). */
  | { kind: "cancel"; confirmationId?: string }
  /** "protect avset-web [app|crash]", "snapshot every VM in rg-prod": one plan for every member of the set. */
  | { kind: "protect"; target: SetTargetQuery; mode?: ConsistencyMode }
  /**
   * "delete <restore point> of <vm>", "prune <vm> keep 5", "prune <vm> older than 30d", or a check's prune
   * button (`suggested`: what the retention advisory proposes): show exactly what will be deleted.
   */
  | { kind: "delete"; vm: VmQuery; request: PruneRequest | { kind: "suggested" } }
  /** "clean up rg-prod": the empty restore point collections of a resource group, to delete. */
  | { kind: "clean-up"; scope: string }
  /** A run's confirm press (a protect or delete plan). */
  | { kind: "run-confirm"; runId: string }
  /** A run's cancel press: before confirmation it drops the plan; after, it stops starting new members. */
  | { kind: "run-cancel"; runId: string }
  /** Restore points being created: of one VM, or everywhere. */
  | { kind: "status"; vm?: VmQuery }
  /** A VM's restore points, or the person's own recent requests. */
  | { kind: "list"; vm?: VmQuery }
  /** The fleet report of a resource group, a subscription or everything ("all"). */
  | { kind: "report"; scope: string }
  | { kind: "help" }
  /** A command that needs a VM without one. */
  | { kind: "missing-vm"; wanted: "check" | "create" | "delete" | "prune" }
  /** `hint`: what was wrong with the words, when the command was recognised ("Say the tag as key=value"). */
  | { kind: "not-understood"; text: string; hint?: string }
  /** "hi", "thanks": a short friendly answer rather than "I did not understand that". */
  | { kind: "small-talk"; said: "greeting" | "thanks" }
  /** A press this release cannot read: from an older or newer release of the bot, or not ours. */
  | { kind: "unreadable-press"; reason: "other-version" | "malformed" };

export type CommandKind = Command["kind"];

export type CommandOf<K extends CommandKind> = Extract<Command, { kind: K }>;

/** Commands about one VM that a "did you mean" button asks again, by the VM's resource id. */
export type VmPressKind = "check" | "status" | "list";

/** What a button does when pressed: the press codec turns it into a button value and back. */
export type Press =
  /** A verdict's Create button (one mode), or "did you mean" after a create (the mode asked, if any). */
  | { kind: "plan"; vmId: string; mode?: ConsistencyMode }
  /** "Did you mean" after a check, status or list: the same question about this VM. */
  | { kind: VmPressKind; vmId: string }
  /** A check answer's Details button (Slack, terminal): the same check, with what the answer left out. */
  | { kind: "details"; vmId: string }
  | { kind: "confirm"; confirmationId: string; mode: ConsistencyMode }
  | { kind: "cancel"; confirmationId: string }
  | { kind: "run-confirm"; runId: string }
  | { kind: "run-cancel"; runId: string }
  /** A check's retention advisory: plan the suggested prune of this VM. */
  | { kind: "prune"; vmId: string }
  /** A check's collection-limit advisory: plan a clean-up of this resource group (its id). */
  | { kind: "clean-up"; scopeId: string };

/** The words of a VM query, for messages and the audit log ("vm-web-01"). */
export function describeQuery(query: VmQuery): string {
  return query.by === "id" ? query.id : (query.words[0] ?? "");
}
