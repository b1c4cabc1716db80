/** Restore point collections and their points: the mutable part of the simulated world. */
import { type JsonObject, stringAt } from "../json.js";
import { normalizeLocation } from "../locations.js";
import { groupKey, resourceKey, subscriptionKey } from "../resource-id.js";

export interface StoredCollection {
  key: string;
  /** The collection as served, without `properties.restorePoints` (points live in `points`). */
  resource: JsonObject;
  subscription: string;
  group: string;
  location: string;
  /** Lower-case `properties.source.id`. */
  sourceKey?: string;
  /** Lower-case point name -> the point as served by GET (without instanceView). */
  points: Map<string, JsonObject>;
}

export class CollectionIndex {
  private readonly byKey = new Map<string, StoredCollection>();
  private readonly bySource = new Map<string, Set<string>>();
  private readonly perRegion = new Map<string, number>();

  save(
    resource: JsonObject,
    subscriptionId: string,
    resourceGroup: string,
    points: JsonObject[] = [],
  ): StoredCollection {
    const id = stringAt(resource, "id") ?? "";
    const source = stringAt(resource, "properties", "source", "id");
    const stored: StoredCollection = {
      key: resourceKey(id),
      resource,
      subscription: subscriptionKey(subscriptionId),
      group: groupKey(subscriptionId, resourceGroup),
      location: normalizeLocation(stringAt(resource, "location") ?? ""),
      sourceKey: source ? resourceKey(source) : undefined,
      points: new Map(points.map((point) => [(stringAt(point, "name") ?? "").toLowerCase(), point])),
    };
    const previous = this.byKey.get(stored.key);
    if (previous) this.unindex(previous);
    // Map.set on an existing key keeps its position: an updated collection stays where it was listed.
    this.byKey.set(stored.key, stored);
    if (stored.sourceKey) {
      const keys = this.bySource.get(stored.sourceKey) ?? new Set<string>();
      keys.add(stored.key);
      this.bySource.set(stored.sourceKey, keys);
    }
    const region = regionKey(stored.subscription, stored.location);
    this.perRegion.set(region, (this.perRegion.get(region) ?? 0) + 1);
    return stored;
  }

  remove(key: string): void {
    const stored = this.byKey.get(key);
    if (!stored) return;
    this.byKey.delete(key);
    this.unindex(stored);
  }

  private unindex(stored: StoredCollection): void {
    if (stored.sourceKey) this.bySource.get(stored.sourceKey)?.delete(stored.key);
    const region = regionKey(stored.subscription, stored.location);
    this.perRegion.set(region, (this.perRegion.get(region) ?? 1) - 1);
  }

  get(id: string): StoredCollection | undefined {
    return this.byKey.get(resourceKey(id));
  }

  list(subscriptionId: string, resourceGroup?: string): StoredCollection[] {
    const subscription = subscriptionKey(subscriptionId);
    const group = resourceGroup ? groupKey(subscriptionId, resourceGroup) : undefined;
    return [...this.byKey.values()].filter(
      (stored) => stored.subscription === subscription && (group === undefined || stored.group === group),
    );
  }

  /** Every collection of the fleet, in every subscription. */
  all(): StoredCollection[] {
    return [...this.byKey.values()];
  }

  /** Collections whose `source.id` is the given VM id. */
  ofSource(sourceId: string): StoredCollection[] {
    const keys = this.bySource.get(resourceKey(sourceId)) ?? new Set<string>();
    return [...keys].flatMap((key) => this.byKey.get(key) ?? []);
  }

  countInRegion(subscriptionId: string, location: string): number {
    return this.perRegion.get(regionKey(subscriptionKey(subscriptionId), normalizeLocation(location))) ?? 0;
  }
}

function regionKey(subscription: string, location: string): string {
  return `${subscription}|${location}`;
}
