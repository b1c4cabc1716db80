/**
 * The restore point collections of one resource group with their points, for `clean up`: ARM lists a group's
 * collections without their points, so each is read again with `$expand=restorePoints` (one GET each, at most a
 * few in flight, paced by the client's read budget). Always from ARM, never cached: what is deleted must be
 * empty now, not a TTL ago.
 */
import type { RestorePointCollection } from "@azure/arm-compute";
import type { CollectionRecord } from "../core/facts.js";
import { isResourceGroupNotFound, toArmError } from "./arm-error.js";
import type { ArmClients } from "./clients.js";
import { type CollectionSummary, readCollectionWithPoints } from "./collection-directory.js";
import { toCollectionRecord } from "./history.mapper.js";
import { collect, mapBounded } from "./paging.js";
import { lastName } from "./resource-id.js";

/** Collection GETs in flight per listing. */
const READS_IN_FLIGHT = 8;

export interface GroupListing {
  /** By name; read with their points. */
  collections: CollectionRecord[];
  /** How many more the group holds past `limit`, not read. */
  unread: number;
}

export class ResourceGroupCollections {
  constructor(
    private readonly clients: ArmClients,
    /** The subscriptions the bot reads. */
    private readonly subscriptions: () => Promise<readonly string[]>,
  ) {}

  /** The first `limit` collections of the group by name, with their points ([] for a group that does not exist). */
  async read(
    subscriptionId: string,
    resourceGroup: string,
    limit = Number.POSITIVE_INFINITY,
  ): Promise<GroupListing> {
    const summaries = (await this.summaries(subscriptionId, resourceGroup)).sort(byName);
    const chosen = summaries.slice(0, Math.max(0, limit));
    const read = await mapBounded(chosen, READS_IN_FLIGHT, (summary) =>
      readCollectionWithPoints(this.clients, summary),
    );
    const collections = read.flatMap((each) => (each ? [toCollectionRecord(each)] : []));
    return { collections, unread: summaries.length - chosen.length };
  }

  /** One collection with its points, as it is now; undefined once it is gone. */
  async one(
    subscriptionId: string,
    resourceGroup: string,
    name: string,
  ): Promise<CollectionRecord | undefined> {
    const summary = { id: "", subscriptionId, name, resourceGroup, location: "", sourceId: "" };
    const found = await readCollectionWithPoints(this.clients, summary);
    return found ? toCollectionRecord(found) : undefined;
  }

  /**
   * The subscriptions the bot reads in which a resource group of this name holds at least one collection. One
   * that cannot be read there is left out: it says nothing about the group.
   */
  async subscriptionsWithGroup(resourceGroup: string): Promise<string[]> {
    const subscriptions = [...(await this.subscriptions())];
    const holds = await mapBounded(subscriptions, READS_IN_FLIGHT, (id) =>
      this.holdsAny(id, resourceGroup).catch(() => false),
    );
    return subscriptions.filter((_, index) => holds[index]);
  }

  private async holdsAny(subscriptionId: string, resourceGroup: string): Promise<boolean> {
    try {
      for await (const _ of this.clients.compute(subscriptionId).restorePointCollections.list(resourceGroup))
        return true;
      return false;
    } catch (error) {
      if (isResourceGroupNotFound(error)) return false;
      throw error;
    }
  }

  private async summaries(subscriptionId: string, resourceGroup: string): Promise<CollectionSummary[]> {
    try {
      const pages = this.clients.compute(subscriptionId).restorePointCollections.list(resourceGroup);
      return await collect(pages, (collection) => summaryOf(collection, subscriptionId, resourceGroup));
    } catch (error) {
      if (isResourceGroupNotFound(error)) return [];
      throw toArmError(error, `listing the restore point collections of resource group ${resourceGroup}`);
    }
  }
}

function summaryOf(
  collection: RestorePointCollection,
  subscriptionId: string,
  resourceGroup: string,
): CollectionSummary {
  const id = collection.id ?? "";
  return {
    id,
    subscriptionId,
    name: collection.name ?? lastName(id),
    resourceGroup,
    location: collection.location,
    sourceId: collection.source?.id ?? "",
  };
}

/** By code unit, as core/prune-collections.ts orders them: the same batch on every machine. */
function byName(a: CollectionSummary, b: CollectionSummary): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
