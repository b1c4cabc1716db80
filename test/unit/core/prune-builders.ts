/** Builders for the prune tests: points of vm-web-01 by name, age and state, in its own or a moved collection. */
import type { CollectionRecord, RestorePointRecord, VmHistory } from "../../../src/core/index.js";
import type { PruneResult } from "../../../src/core/prune-types.js";
import { buildCollection, buildHistory, collectionId, NOW, SUBSCRIPTION, VM_GUID } from "./build-facts.js";

export const OWN = "rpc-vm-web-01";
export const MOVED = "rpc-vm-web-01-old";
/** The VM's id before it was moved from rg-old. */
export const OLD_VM_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-old/providers/Microsoft.Compute/virtualMachines/vm-web-01`;

const HOUR_MS = 3_600_000;

export interface PointSpec {
  name: string;
  /** Hours before NOW; null: no timeCreated. */
  hours: number | null;
  mode?: string;
  state?: string;
  collection?: string;
  sourceVmId?: string;
  /** The exact timeCreated text, instead of `hours`. */
  time?: string;
}

export function point(spec: PointSpec): RestorePointRecord {
  const record: RestorePointRecord = {
    id: `${collectionId(spec.collection ?? OWN)}/restorePoints/${spec.name}`,
    name: spec.name,
    consistencyMode: spec.mode ?? "ApplicationConsistent",
    provisioningState: spec.state ?? "Succeeded",
    sourceVmId: spec.sourceVmId ?? VM_GUID,
  };
  const time = spec.time ?? (spec.hours === null ? undefined : at(spec.hours));
  if (time !== undefined) record.timeCreated = time;
  return record;
}

export function at(hours: number): string {
  return new Date(NOW.getTime() - hours * HOUR_MS).toISOString();
}

/** The points, in the collections they name: the VM's own (OWN) or a collection left behind by a move (MOVED). */
export function historyOf(specs: PointSpec[]): VmHistory {
  const collections = new Map<string, CollectionRecord>();
  for (const spec of specs) {
    const name = spec.collection ?? OWN;
    const collection =
      collections.get(name) ??
      buildCollection(
        name === MOVED ? { name, sourceId: OLD_VM_ID, restorePoints: [] } : { name, restorePoints: [] },
      );
    collection.restorePoints.push(point(spec));
    collections.set(name, collection);
  }
  return buildHistory({ collections: [...collections.values()] });
}

/** A plan's outcome in short: the names deleted, kept (with why) and already being deleted, in the plan's order. */
export function outline(result: PruneResult) {
  if (!result.ok) return { failure: result.code, matches: result.matches.map((entry) => entry.name) };
  return {
    delete: result.delete.map((entry) => entry.name),
    keep: result.keep.map((entry) => `${entry.name}:${entry.reason}`),
    deleting: result.deleting.map((entry) => entry.name),
    after: result.counts.retainedAfter,
  };
}
