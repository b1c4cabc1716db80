/**
 * The restore point collections of each subscription (without their points), listed once and trusted for a
 * short TTL: needed to find a VM's collections wherever they live and to count collections per region.
 */
import type { RestorePointCollection } from "@azure/arm-compute";
import { toArmError } from "./arm-error.js";
import type { ArmClients } from "./clients.js";
import { collect } from "./paging.js";
import { lastName, parseResourceId, sameId } from "./resource-id.js";

export interface CollectionSummary {
  id: string;
  /** From the id: a moved VM's old collection can live in another subscription than the VM. */
  subscriptionId: string;
  name: string;
  resourceGroup: string;
  location: string;
  sourceId: string;
}

interface Listing {
  collections: CollectionSummary[];
  listedAt: number;
}

export class CollectionDirectory {
  private readonly listings = new Map<string, Listing>();
  private readonly pending = new Map<string, Promise<Listing>>();

  constructor(
    private readonly clients: ArmClients,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** `maxAgeMs` overrides the TTL for a caller that can use an older listing. */
  async list(
    subscriptionId: string,
    options: { fresh?: boolean; maxAgeMs?: number } = {},
  ): Promise<CollectionSummary[]> {
    const key = subscriptionId.toLowerCase();
    const cached = this.listings.get(key);
    const maxAgeMs = options.maxAgeMs ?? this.ttlMs;
    if (cached && !options.fresh && this.now() - cached.listedAt < maxAgeMs) return cached.collections;
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.fetch(subscriptionId).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return (await pending).collections;
  }

  /** Called after the bot creates or deletes a collection, so the next check sees it. */
  invalidate(subscriptionId: string): void {
    this.listings.delete(subscriptionId.toLowerCase());
  }

  private async fetch(subscriptionId: string): Promise<Listing> {
    try {
      const all = await collect(this.clients.compute(subscriptionId).restorePointCollections.listAll());
      const listing = { collections: all.flatMap(summarize), listedAt: this.now() };
      this.listings.set(subscriptionId.toLowerCase(), listing);
      return listing;
    } catch (error) {
      throw toArmError(error, `listing the restore point collections of subscription ${subscriptionId}`);
    }
  }
}

function summarize(collection: RestorePointCollection): CollectionSummary[] {
  const parsed = collection.id ? parseResourceId(collection.id) : undefined;
  if (!parsed || !collection.id) return [];
  return [
    {
      id: collection.id,
      subscriptionId: parsed.subscriptionId,
      name: collection.name ?? lastName(collection.id),
      resourceGroup: parsed.resourceGroup,
      location: collection.location,
      sourceId: collection.source?.id ?? "",
    },
  ];
}

/** ARM writes regions both as "eastus" and "East US". */
export function sameRegion(a: string, b: string): boolean {
  return regionOf(a) === regionOf(b);
}

/** A subscription's region as one key, compared as sameRegion() compares regions. */
export function subscriptionRegionKey(subscriptionId: string, location: string): string {
  return `${subscriptionId.toLowerCase()}/${regionOf(location)}`;
}

function regionOf(location: string): string {
  return location.replace(/\s+/g, "").toLowerCase();
}

/**
 * Collections that may hold the VM's points: its own (source.id is the VM) and, to recognise a VM that was
 * moved to another resource group or subscription, those whose source names a VM of the same name elsewhere
 * (a move keeps the name; Azure cannot rename a VM). Whether one is really this VM's is decided by its points'
 * vmId (keepOwnOrMoved), once they are read.
 */
export function relatedCollections(
  all: CollectionSummary[],
  vmId: string,
  vmName: string,
): CollectionSummary[] {
  return all.filter((collection) => {
    if (sameId(collection.sourceId, vmId)) return true;
    const source = parseResourceId(collection.sourceId);
    const sourceName = source?.segments[source.segments.length - 1]?.[1];
    return source?.segments[0]?.[0].toLowerCase() === "virtualmachines" && sameId(sourceName, vmName);
  });
}

/** One collection with its restore points (`$expand=restorePoints`); undefined when it was deleted meanwhile. */
export async function readCollectionWithPoints(
  clients: ArmClients,
  summary: CollectionSummary,
): Promise<RestorePointCollection | undefined> {
  try {
    return await clients
      .compute(summary.subscriptionId)
      .restorePointCollections.get(summary.resourceGroup, summary.name, {
        expand: "restorePoints",
      });
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw toArmError(error, `reading restore point collection ${summary.name}`);
  }
}

/**
 * A read for a VM whose subscription is `vmSubscriptionId`: outside it (a moved VM's old collection) the read is
 * best-effort, since that subscription may be unreadable; inside it, a failure is the caller's.
 */
export function forVmSubscription<T>(
  read: Promise<T | undefined>,
  summary: CollectionSummary,
  vmSubscriptionId: string,
): Promise<T | undefined> {
  return sameId(summary.subscriptionId, vmSubscriptionId) ? read : read.catch(() => undefined);
}
