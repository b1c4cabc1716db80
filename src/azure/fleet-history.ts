/**
 * Restore point history for a fleet read, from one listing of the subscription's collections: each collection
 * that matters to a VM in scope is read once with its points, however many VMs it matters to. The rules are the
 * single check's (collection-directory.ts, facts-gatherer.ts), applied through indexes so that a large fleet
 * does not compare every VM with every collection.
 */
import type { ComputeManagementClient, RestorePointCollection } from "@azure/arm-compute";
import type { CollectionRecord, VmFacts, VmHistory } from "../core/facts.js";
import {
  type CollectionSummary,
  readCollectionWithPoints,
  relatedCollections,
} from "./collection-directory.js";
import { keepOwnOrMoved } from "./facts-gatherer.js";
import { toCollectionRecord } from "./history.mapper.js";
import { mapBounded } from "./paging.js";
import { parseResourceId } from "./resource-id.js";

export class CollectionIndex {
  private readonly bySource = new Map<string, number[]>();
  private readonly bySourceVmName = new Map<string, number[]>();
  private readonly perRegion = new Map<string, number>();

  constructor(private readonly collections: readonly CollectionSummary[]) {
    collections.forEach((collection, position) => {
      push(this.bySource, collection.sourceId.toLowerCase(), position);
      const vmName = sourceVmName(collection.sourceId);
      if (vmName !== undefined) push(this.bySourceVmName, vmName.toLowerCase(), position);
      const region = regionKey(collection.location);
      this.perRegion.set(region, (this.perRegion.get(region) ?? 0) + 1);
    });
  }

  /** What relatedCollections() returns for the VM, in listing order, without scanning every collection. */
  related(vmId: string, vmName: string): CollectionSummary[] {
    const positions = new Set([
      ...(this.bySource.get(vmId.toLowerCase()) ?? []),
      ...(this.bySourceVmName.get(vmName.toLowerCase()) ?? []),
    ]);
    const candidates = [...positions]
      .sort((a, b) => a - b)
      .flatMap((position) => this.collections[position] ?? []);
    return relatedCollections(candidates, vmId, vmName);
  }

  countInRegion(location: string): number {
    return this.perRegion.get(regionKey(location)) ?? 0;
  }
}

/** GETs each collection once with `$expand=restorePoints`; one deleted since the listing is left out. */
export async function expandCollections(
  compute: ComputeManagementClient,
  collections: CollectionSummary[],
  concurrency: number,
): Promise<Map<string, CollectionRecord>> {
  const unique = [...new Map(collections.map((c) => [c.id.toLowerCase(), c])).values()];
  const expanded = await mapBounded(unique, concurrency, (summary) =>
    readCollectionWithPoints(compute, summary),
  );
  const records = new Map<string, CollectionRecord>();
  expanded.forEach((collection: RestorePointCollection | undefined, index) => {
    const key = unique[index]?.id.toLowerCase();
    if (collection && key) records.set(key, toCollectionRecord(collection));
  });
  return records;
}

export function historyOf(
  facts: VmFacts,
  related: CollectionSummary[],
  records: Map<string, CollectionRecord>,
  index: CollectionIndex,
): VmHistory {
  const collections = related.flatMap((summary) => records.get(summary.id.toLowerCase()) ?? []);
  return {
    collections: keepOwnOrMoved(collections, facts),
    collectionsInSubscriptionRegion: index.countInRegion(facts.location),
  };
}

/** The VM name a collection's source names, when the source is a VM (relatedCollections' name rule). */
function sourceVmName(sourceId: string): string | undefined {
  const source = parseResourceId(sourceId);
  if (source?.segments[0]?.[0].toLowerCase() !== "virtualmachines") return undefined;
  return source.segments[source.segments.length - 1]?.[1];
}

/** sameRegion()'s comparison as a key: ARM writes regions both as "eastus" and "East US". */
function regionKey(location: string): string {
  return location.replace(/\s+/g, "").toLowerCase();
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
