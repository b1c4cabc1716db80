/**
 * One pass over the VM's restore point history, gathering what the rules need: how many points the VM
 * retains, the newest point of each mode, a creation in progress, and collections left behind by a move.
 */
import type { CollectionRecord, ConsistencyMode, RestorePointRecord, VmFacts, VmHistory } from "./facts.js";
import { sameId } from "./ids.js";
import { hasCanonicalShape, timestampMs } from "./timestamps.js";

export interface NewestPoint {
  point: RestorePointRecord;
  createdAtMs: number;
}

export interface HistorySummary {
  /**
   * Restore points of this VM (their `sourceMetadata.vmId` is the VM's) in any collection, as the service
   * counts them for the 500 per VM: Creating, Failed and Deleting ones included, until they are gone.
   */
  retained: number;
  /** How many of `retained` are Failed: deleting them makes room. */
  retainedFailed: number;
  /** How many of `retained` are being deleted: they stop counting once gone. */
  retainedDeleting: number;
  /** How many of `retained` sit in collections left behind by a move (another source id). */
  retainedElsewhere: number;
  /** A point of the VM that ARM reports as Creating. */
  creating?: RestorePointRecord;
  /** The newest point per mode that was taken (not Failed; Deleting ones included), for the minimum interval. */
  newest: Partial<Record<ConsistencyMode, NewestPoint>>;
  /** Related collections whose source id is no longer this VM's id: the VM was moved. */
  movedCollections: CollectionRecord[];
}

export function summarizeHistory(facts: VmFacts, history: VmHistory): HistorySummary {
  const summary: HistorySummary = {
    retained: 0,
    retainedFailed: 0,
    retainedDeleting: 0,
    retainedElsewhere: 0,
    newest: {},
    movedCollections: [],
  };
  for (const collection of history.collections) {
    const own = sameId(collection.sourceId, facts.id);
    let heldHere = 0;
    for (const point of collection.restorePoints) {
      const state = normalizedState(point.provisioningState);
      if (isOfVm(point, facts.vmId, own)) {
        countRetained(summary, state);
        heldHere++;
      }
      if (own) addToFrequency(summary, point, state);
    }
    if (!own && heldHere > 0) {
      summary.movedCollections.push(collection);
      summary.retainedElsewhere += heldHere;
    }
  }
  return summary;
}

/**
 * The 500 per VM counts the points whose `sourceMetadata.vmId` is the VM's, in any collection ("irrespective
 * of the number of restore point collections"); without both ids, a point of the VM's own collection is its.
 */
export function isOfVm(point: RestorePointRecord, vmId: string | undefined, own: boolean): boolean {
  if (vmId === undefined || point.sourceVmId === undefined) return own;
  return sameId(point.sourceVmId, vmId);
}

/** A Failed or Deleting point is still a resource until it is gone (ARM documents no exception for either). */
function countRetained(summary: HistorySummary, state: string): void {
  summary.retained++;
  if (state === "failed") summary.retainedFailed++;
  else if (state === "deleting") summary.retainedDeleting++;
}

/**
 * Frequency, by the collections whose source id is the VM: a point that failed was never taken, so it sets no
 * next allowed time; a point being deleted was taken and holds the interval until it is gone.
 */
function addToFrequency(summary: HistorySummary, point: RestorePointRecord, state: string): void {
  if (state === "failed") return;
  if (state === "creating" && !summary.creating) summary.creating = point;
  const text = point.timeCreated;
  if (text === undefined) return;
  const mode = modeOfPoint(point);
  const newest = summary.newest[mode];
  if (newest && cannotBeNewer(text, newest.point.timeCreated)) return;
  const createdAtMs = timestampMs(text);
  if (Number.isNaN(createdAtMs)) return;
  if (!newest || createdAtMs > newest.createdAtMs) summary.newest[mode] = { point, createdAtMs };
}

/** Skips parsing most timestamps: canonical ISO strings compare like the instants they name. */
function cannotBeNewer(text: string, newestText: string | undefined): boolean {
  return (
    newestText !== undefined && text <= newestText && hasCanonicalShape(text) && hasCanonicalShape(newestText)
  );
}

/** ARM's spelling first, so the common case costs no string allocation. */
export function normalizedState(state: string): string {
  if (state === "Succeeded") return "succeeded";
  return state.toLowerCase();
}

/** FileSystemConsistent (the Linux application path) and a missing mode count as application-consistent. */
export function modeOfPoint(point: RestorePointRecord): ConsistencyMode {
  const mode = point.consistencyMode;
  if (mode === undefined || mode === "ApplicationConsistent" || mode === "FileSystemConsistent") {
    return "ApplicationConsistent";
  }
  return mode === "CrashConsistent" || mode.toLowerCase() === "crashconsistent"
    ? "CrashConsistent"
    : "ApplicationConsistent";
}

/** The VM's own collection in the VM's region: new restore points go there, so no new collection is needed. */
export function findOwnCollectionInRegion(facts: VmFacts, history: VmHistory): CollectionRecord | undefined {
  return history.collections.find(
    (collection) => sameId(collection.sourceId, facts.id) && sameId(collection.location, facts.location),
  );
}
