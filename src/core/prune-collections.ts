/**
 * `clean up <resource group>`: which restore point collections are empty, whoever left them. A collection
 * counts toward the 10,000 per subscription and region until it is deleted, even with no restore point in it.
 */
import type { CollectionRecord } from "./facts.js";
import { normalizedState } from "./history.js";
import { compareText } from "./prune-points.js";

export interface CollectionRef {
  id: string;
  name: string;
  location: string;
  /** The VM the collection was made for; it may no longer exist. */
  sourceId: string;
}

export interface EmptyCollections {
  /** No restore point at all: these can be deleted now. */
  empty: CollectionRef[];
  /**
   * Every point left is being deleted: not empty yet, so not deleted now; empty once those deletions finish
   * (a caller can say "try again in a minute"). `deleting` is how many points are still going.
   */
  emptying: (CollectionRef & { deleting: number })[];
}

/** Both lists by name, then id. A collection holding any point not being deleted is in neither. */
export function emptyCollections(collections: readonly CollectionRecord[]): EmptyCollections {
  const result: EmptyCollections = { empty: [], emptying: [] };
  for (const collection of [...collections].sort(byNameThenId)) {
    const points = collection.restorePoints;
    const ref = {
      id: collection.id,
      name: collection.name,
      location: collection.location,
      sourceId: collection.sourceId,
    };
    if (points.length === 0) result.empty.push(ref);
    else if (points.every((point) => normalizedState(point.provisioningState) === "deleting"))
      result.emptying.push({ ...ref, deleting: points.length });
  }
  return result;
}

function byNameThenId(a: CollectionRecord, b: CollectionRecord): number {
  return compareText(a.name, b.name) || compareText(a.id, b.id);
}
