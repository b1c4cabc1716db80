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
  /** Restore points retained in the VM's own collections; Failed ones count, Deleting ones do not (see below). */
  retained: number;
  /** How many of `retained` are Failed, so a message can suggest deleting them. */
  retainedFailed: number;
  /** A point of the VM that ARM reports as Creating. */
  creating?: RestorePointRecord;
  /** The newest non-Failed point per mode, for the minimum interval. */
  newest: Partial<Record<ConsistencyMode, NewestPoint>>;
  /** Related collections whose source id is no longer this VM's id: the VM was moved. */
  movedCollections: CollectionRecord[];
}

export function summarizeHistory(facts: VmFacts, history: VmHistory): HistorySummary {
  const summary: HistorySummary = {
    retained: 0,
    retainedFailed: 0,
    newest: {},
    movedCollections: [],
  };
  for (const collection of history.collections) {
    if (sameId(collection.sourceId, facts.id)) {
      for (const point of collection.restorePoints) addOwnPoint(summary, point);
    } else if (holdsPointsOf(collection, facts.vmId)) {
      summary.movedCollections.push(collection);
    }
  }
  return summary;
}

/**
 * Retention: a Failed restore point is still a resource in its collection until someone deletes it, so
 * it is counted as retained (ARM documents no exception for it, and deleting failed points is the cheapest
 * way to make room). A Deleting point is on its way out and no longer counts.
 * Frequency: only points that did not fail were actually taken, so only those set the next allowed time.
 */
function addOwnPoint(summary: HistorySummary, point: RestorePointRecord): void {
  const state = normalizedState(point.provisioningState);
  if (state === "deleting") return;
  summary.retained++;
  if (state === "failed") {
    summary.retainedFailed++;
    return;
  }
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
function normalizedState(state: string): string {
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

function holdsPointsOf(collection: CollectionRecord, vmId: string | undefined): boolean {
  if (vmId === undefined) return false;
  return collection.restorePoints.some((point) => sameId(point.sourceVmId, vmId));
}

/** The VM's own collection in the VM's region: new restore points go there, so no new collection is needed. */
export function findOwnCollectionInRegion(facts: VmFacts, history: VmHistory): CollectionRecord | undefined {
  return history.collections.find(
    (collection) => sameId(collection.sourceId, facts.id) && sameId(collection.location, facts.location),
  );
}
