/**
 * Runs: one confirmation that starts many actions, told back as one progress card and one summary
 * (docs/jobs.md, "Runs"). A `protect` run creates a restore point on each member of a set, each through an
 * ordinary job (jobs carry the run's id); a `delete` run deletes restore points or empty collections, one run
 * item per resource. Whoever holds the run's lease ("run:<id>") starts its members and tells its progress; a
 * process that dies leaves the run to another once the lease runs out.
 */
import type { RestorePointPlan } from "../core/plan.js";
import type { SetTargetQuery } from "../core/set-target.js";
import type { VmRef } from "../core/vm-ref.js";
import type { Mode, Platform } from "./values.js";

/** Bump with the body shapes below, and teach the run codec the old version. */
export const RUN_SCHEMA_VERSION = 1;

export type RunKind = "protect" | "delete";

/**
 * pending (shown, waiting for the press) -> running (confirmed: members are being started) -> done (the
 * summary was posted); pending -> cancelled | expired; running -> cancelled (no member is started after; the
 * ones started still end, and the summary follows) -> done.
 */
export type RunState = "pending" | "running" | "cancelled" | "expired" | "done";

/** A member of a set as the plan showed it: to be created (`plan`), or left out and why. */
export type ProtectMember =
  | { vm: VmRef; plan: RestorePointPlan }
  | { vm: VmRef; leftOut: { reason: string; code: "not-allowed" | "blocked" | "error" } };

export interface ProtectRunBody {
  schemaVersion: typeof RUN_SCHEMA_VERSION;
  kind: "protect";
  target: SetTargetQuery;
  /** What the set target was found to be ("availability set avset-web in rg-web"), for messages. */
  foundAs: string;
  /** Availability sets and Flexible scale sets: the summary says whether every member is within the window. */
  assessWindow: boolean;
  mode: Mode;
  windowMs: number;
  /** In the order shown; a member's job id is `${run id}-${index}`. */
  members: ProtectMember[];
}

/** One resource a delete run deletes; the run's items are in this order. */
export interface DeleteTarget {
  kind: "restore-point" | "collection";
  /** ARM resource id. */
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  /** The collection's name (a restore point's parent, or the collection itself). */
  collectionName: string;
  /** Restore points: the mode and ARM's timeCreated, as shown in the plan. */
  mode?: Mode;
  timeCreated?: string;
}

export interface DeleteRunBody {
  schemaVersion: typeof RUN_SCHEMA_VERSION;
  kind: "delete";
  /** What was asked: "delete", "prune", "clean-up". */
  asked: "delete" | "prune" | "clean-up";
  /** The VM whose points are deleted (delete, prune); absent for a clean-up. */
  vm?: VmRef;
  /** The resource group a clean-up empties (its id). */
  scopeId?: string;
  targets: DeleteTarget[];
  /** Lines of the plan worth repeating in the summary ("kept: the newest of each mode"). */
  notes: string[];
}

export type RunBody = ProtectRunBody | DeleteRunBody;

export interface Run {
  /** Random, unguessable id carried by the buttons. */
  id: string;
  kind: RunKind;
  platform: Platform;
  requestedBy: string;
  requestedByName?: string;
  conversationKey: string;
  /** The plan message, replaced by the progress card on confirmation (Slack ts, Teams activity id). */
  messageRef?: string;
  /** What the person named ("avset-web", "vm-web-01"), for messages and the audit log. */
  label: string;
  body: RunBody;
  state: RunState;
  createdAt: Date;
  expiresAt: Date;
  decidedAt?: Date;
  decidedBy?: string;
  cancelledAt?: Date;
  cancelledBy?: string;
  /** When the summary was posted (the platform accepted it); the run is done. */
  summarySentAt?: Date;
}

/** A delete run's item: one resource, followed to its end. Terminal states are never left. */
export type RunItemState =
  | "waiting"
  | "started"
  | "deleted"
  | "already-gone"
  | "refused"
  | "failed"
  | "unknown"
  /** The run was cancelled before this item was started. */
  | "skipped";

export interface RunItem {
  runId: string;
  /** Index into the body's targets. */
  position: number;
  state: RunItemState;
  /** A started delete's serialized operation, to follow it again after a restart. */
  operation?: string;
  /** Azure's code and message for refused, failed and unknown. */
  code?: string;
  message?: string;
  updatedAt: Date;
}

export interface RunStore {
  /** Writes the run (state pending) and, for delete runs, one waiting item per target. */
  create(run: Run): Promise<void>;
  get(id: string): Promise<Run | undefined>;
  /**
   * pending and unexpired -> running (a confirm press) or cancelled (a cancel press), atomically: one caller
   * wins. Otherwise `decided: false` with the run as it stands (a pending one past its expiry is marked
   * expired first), or undefined when unknown.
   */
  decide(
    id: string,
    decision: { state: "running" | "cancelled"; by: string; at: Date },
  ): Promise<{ decided: boolean; run: Run | undefined }>;
  /** running -> cancelled; the run as it stands after (undefined when unknown). `cancelled`: this call did it. */
  cancel(id: string, by: string, at: Date): Promise<{ cancelled: boolean; run: Run | undefined }>;
  setMessageRef(id: string, messageRef: string): Promise<void>;
  /** The newest pending, unexpired run of this person in this conversation (a typed "cancel"). */
  findPending(requestedBy: string, conversationKey: string, now: Date): Promise<Run | undefined>;
  /** The newest running run of this person in this conversation (a typed "cancel" after the press). */
  findRunning(requestedBy: string, conversationKey: string): Promise<Run | undefined>;
  /** Runs confirmed and not done (running or cancelled without a summary), oldest first: to resume. */
  listUnfinished(): Promise<Run[]>;
  /** running | cancelled -> done, recording the summary's post; false when already done (or not confirmed). */
  finish(id: string, at: Date): Promise<boolean>;
  /** A delete run's items, in position order. */
  items(runId: string): Promise<RunItem[]>;
  /**
   * Moves an item, unless it is in a terminal state already (deleted, already-gone, refused, failed, skipped;
   * "unknown" may still move): the item as it stands after, or undefined when there is no such item.
   */
  updateItem(
    runId: string,
    position: number,
    patch: { state: RunItemState; operation?: string; code?: string; message?: string },
    now: Date,
  ): Promise<RunItem | undefined>;
}

/** How a run's member job is written: only while the run is running, never twice. */
export type RunJobInsert = "created" | "exists" | "stopped";
