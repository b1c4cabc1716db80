/** A resource group's restore point collections with their points, for `clean up`: always read from ARM now. */
import type { ArmClients } from "../azure/clients.js";
import { CollectionDirectory } from "../azure/collection-directory.js";
import { ResourceGroupCollections } from "../azure/resource-group-collections.js";
import type { CollectionRecord } from "../core/facts.js";

export interface CollectionListing {
  /** The group's restore point collections with their points, as ARM lists them now. */
  inResourceGroup(subscriptionId: string, resourceGroup: string): Promise<CollectionRecord[]>;
  /**
   * The first `limit` of them by name, with their points, and how many more the group holds: each collection's
   * points are one GET, so a group of 10,000 is cleaned up in batches.
   */
  firstInResourceGroup(
    subscriptionId: string,
    resourceGroup: string,
    limit: number,
  ): Promise<{ collections: CollectionRecord[]; unread: number }>;
  /** One collection with its points as it is now (undefined once gone): read again right before deleting it. */
  collection(
    subscriptionId: string,
    resourceGroup: string,
    name: string,
  ): Promise<CollectionRecord | undefined>;
  /** The subscriptions the bot reads in which a resource group of this name holds restore point collections. */
  subscriptionsWithGroup(resourceGroup: string): Promise<string[]>;
  /**
   * The resource groups of a subscription holding collections in a region, most collections first: where a
   * clean-up frees the most of the region's 10,000. One listing of the subscription's collections (paged, no
   * points), kept for a minute.
   */
  groupsInRegion(subscriptionId: string, location: string): Promise<GroupCount[]>;
}

export interface GroupCount {
  resourceGroup: string;
  collections: number;
}

/** How long a subscription's collection listing serves groupsInRegion. */
const LISTING_TTL_MS = 60_000;

/**
 * `subscriptions`: the ones the bot reads (the gateway's, which honour RPBOT_SUBSCRIPTIONS); without it, every
 * subscription the identity can list.
 */
export function createCollectionListing(
  clients: ArmClients,
  subscriptions?: { list(): Promise<readonly string[]> },
): CollectionListing {
  const listed = async () => (await clients.listSubscriptions()).map((each) => each.subscriptionId);
  const groups = new ResourceGroupCollections(clients, subscriptions ? () => subscriptions.list() : listed);
  const directory = new CollectionDirectory(clients, LISTING_TTL_MS);
  return {
    inResourceGroup: async (subscriptionId, resourceGroup) =>
      (await groups.read(subscriptionId, resourceGroup)).collections,
    firstInResourceGroup: (subscriptionId, resourceGroup, limit) =>
      groups.read(subscriptionId, resourceGroup, limit),
    collection: (subscriptionId, resourceGroup, name) => groups.one(subscriptionId, resourceGroup, name),
    subscriptionsWithGroup: (resourceGroup) => groups.subscriptionsWithGroup(resourceGroup),
    groupsInRegion: async (subscriptionId, location) =>
      countByGroup(await directory.list(subscriptionId), location),
  };
}

function countByGroup(
  collections: readonly { resourceGroup: string; location: string }[],
  location: string,
): GroupCount[] {
  const counts = new Map<string, GroupCount>();
  for (const collection of collections) {
    if (collection.location.toLowerCase() !== location.toLowerCase()) continue;
    const key = collection.resourceGroup.toLowerCase();
    const entry = counts.get(key) ?? { resourceGroup: collection.resourceGroup, collections: 0 };
    entry.collections++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort(
    (a, b) => b.collections - a.collections || a.resourceGroup.localeCompare(b.resourceGroup),
  );
}
