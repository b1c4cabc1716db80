/**
 * The restore points a prune may touch: those of the VM, chosen by history.ts's rule (the points whose
 * `sourceMetadata.vmId` is the VM's, in its own collections and in collections left behind by a move), in one
 * deterministic order, newest first.
 */
import type { CollectionRecord, ConsistencyMode, RestorePointRecord, VmFacts, VmHistory } from "./facts.js";
import { isOfVm, modeOfPoint, normalizedState } from "./history.js";
import { sameId } from "./ids.js";
import type { PrunePoint } from "./prune-types.js";
import { timestampMs } from "./timestamps.js";

/** "regular": not Creating, Failed or Deleting: Succeeded, or a state ARM may add, treated as restorable. */
export type PointStatus = "creating" | "deleting" | "failed" | "regular";

export interface VmPoint {
  point: PrunePoint;
  status: PointStatus;
  /** NaN when the point has no readable `timeCreated`. */
  createdAtMs: number;
}

/** The VM's points, newest first (see newestFirst), each mode's newest restorable one marked. */
export function pointsOfVm(facts: VmFacts, history: VmHistory): VmPoint[] {
  const points: VmPoint[] = [];
  for (const collection of history.collections) {
    const own = sameId(collection.sourceId, facts.id);
    for (const record of collection.restorePoints)
      if (isOfVm(record, facts.vmId, own)) points.push(toVmPoint(record, collection));
  }
  points.sort(newestFirst);
  markNewestOfEachMode(points);
  return points;
}

function toVmPoint(record: RestorePointRecord, collection: CollectionRecord): VmPoint {
  const point: PrunePoint = {
    id: record.id,
    name: record.name,
    collection: { id: collection.id, name: collection.name },
    mode: modeOfPoint(record),
    state: record.provisioningState,
    newestOfMode: false,
  };
  if (record.timeCreated !== undefined) point.timeCreated = record.timeCreated;
  const createdAtMs = record.timeCreated === undefined ? Number.NaN : timestampMs(record.timeCreated);
  return { point, status: statusOf(record.provisioningState), createdAtMs };
}

function statusOf(state: string): PointStatus {
  const normalized = normalizedState(state);
  if (normalized === "creating" || normalized === "deleting" || normalized === "failed") return normalized;
  return "regular";
}

/** Newest first, points without a readable time after all others; ties by name, then id, so never by chance. */
export function newestFirst(a: VmPoint, b: VmPoint): number {
  const aTimed = hasTime(a);
  if (aTimed !== hasTime(b)) return aTimed ? -1 : 1;
  if (aTimed && a.createdAtMs !== b.createdAtMs) return b.createdAtMs - a.createdAtMs;
  return compareText(a.point.name, b.point.name) || compareText(a.point.id, b.point.id);
}

export function hasTime(entry: VmPoint): boolean {
  return !Number.isNaN(entry.createdAtMs);
}

/** By code unit, not locale: the same order on every machine. */
export function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/**
 * The newest point of each mode the VM could be restored to: not Creating (it may still fail), Failed or
 * Deleting, and with a known time. `sorted` is newest first, so the first of each mode is it.
 */
function markNewestOfEachMode(sorted: VmPoint[]): void {
  const marked = new Set<ConsistencyMode>();
  for (const entry of sorted) {
    if (entry.status !== "regular" || !hasTime(entry) || marked.has(entry.point.mode)) continue;
    marked.add(entry.point.mode);
    entry.point.newestOfMode = true;
  }
}
