/**
 * What a prune asks and what its plan says: which restore points of one VM will be deleted, which are kept
 * and why. Plain serialisable values, shown to the person before they confirm and then handed unchanged to
 * the code that calls ARM (like a creation's RestorePointPlan).
 */
import type { ConsistencyMode, RestorePointState } from "./facts.js";

export type PruneRequest =
  /** Keep the `newest` newest restorable points; delete the older ones. */
  | { kind: "keep"; newest: number }
  /** Delete the points created more than `ms` before `now`. */
  | { kind: "older-than"; ms: number }
  /** Delete one point, by name; `collection` (a collection name) picks one when the name is in two. */
  | { kind: "one"; name: string; collection?: string };

export interface PruneOptions {
  /** The clock, passed in: `older-than` measures ages from it. */
  now: Date;
  /** Also delete the newest restorable point of each mode (by default each mode keeps its newest). */
  includeNewestOfEachMode?: boolean;
  /** Keep Failed points; by default `keep` and `older-than` delete every Failed point, whatever its age. */
  keepFailed?: boolean;
}

export interface PrunePoint {
  id: string;
  name: string;
  collection: { id: string; name: string };
  /** FileSystemConsistent, and a missing mode, count as application-consistent (as history.ts counts). */
  mode: ConsistencyMode;
  /** As ARM gave it; absent when ARM gave none. */
  timeCreated?: string;
  state: RestorePointState;
  /** The newest restorable (not Creating, Failed or Deleting) point of its mode with a readable time. */
  newestOfMode: boolean;
}

export type KeepReason =
  /** Being created: never deleted, and not one of the `newest` kept (it may still fail). */
  | "creating"
  /** The newest restorable point of its mode, kept unless `includeNewestOfEachMode`. */
  | "newest-of-mode"
  /** One of the `newest` newest restorable points (`keep`). */
  | "within-keep"
  /** Created at or after the cut (`older-than`). */
  | "younger"
  /** No readable `timeCreated`: its age is unknown, so neither `keep` nor `older-than` deletes it. */
  | "unknown-age"
  /** Not the point asked for (`one`), or a Failed point kept by `keepFailed`. */
  | "not-asked";

export interface KeptPoint extends PrunePoint {
  reason: KeepReason;
}

export interface PrunePlan {
  ok: true;
  vm: { id: string; name: string };
  request: PruneRequest;
  /** `older-than`: the cut (ISO-8601); points created before it are deleted. */
  cutoff?: string;
  /** Newest first; points without a time last. Lists are ordered by time, then name, then id. */
  delete: PrunePoint[];
  keep: KeptPoint[];
  /** Already being deleted: neither deleted again nor kept. They stop counting once they are gone. */
  deleting: PrunePoint[];
  counts: {
    /** The VM's points as the check counts them toward the per-VM limit (Creating, Failed, Deleting included). */
    retainedNow: number;
    /** Once these deletions, and those already under way, have finished. */
    retainedAfter: number;
  };
}

export type PruneFailureCode =
  | "not-found"
  | "ambiguous"
  | "creating"
  | "already-deleting"
  | "invalid-keep"
  | "invalid-age";

/** An expected refusal: `matches` lists the points a name matched (`ambiguous`, `creating`, `already-deleting`). */
export interface PruneFailure {
  ok: false;
  code: PruneFailureCode;
  reason: string;
  matches: PrunePoint[];
}

export type PruneResult = PrunePlan | PruneFailure;
