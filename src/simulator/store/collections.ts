/** Restore point collections and their points: the mutable part of the simulated world. */
import { type JsonObject, stringAt } from "../json.js";
import { normalizeLocation } from "../locations.js";
import { groupKey, resourceKey, subscriptionKey } from "../resource-id.js";
import { pointVmGuid } from "../vm-identity.js";
import { type Pager, ScopedIndexes } from "./sorted-index.js";

export interface StoredCollection {
  key: string;
  /** The collection as served, without `properties.restorePoints` (points live in `points`). */
  resource: JsonObject;
  subscription: string;
  group: string;
  location: string;
  /** Lower-case `properties.source.id`. */
  sourceKey?: string;
  /** Lower-case point name -> the point as served by GET (without instanceView). Change through the index. */
  points: ReadonlyMap<string, JsonObject>;
}

interface MutableCollection extends StoredCollection {
  points: Map<string, JsonObject>;
}

export class CollectionIndex {
  private readonly byKey = new Map<string, MutableCollection>();
  private readonly bySource = new Map<string, Set<string>>();
  private readonly perRegion = new Map<string, number>();
  /** Per subscription and per resource group, in id order (list pages resume after an id). */
  private readonly scopes = new ScopedIndexes<StoredCollection>();
  /** Points by the GUID of the VM they were taken from, in whichever collection they are. */
  private readonly byVmGuid = new Map<string, Set<JsonObject>>();
  private changes = 0;

  /** Grows when a collection is saved or removed (points do not count: they are no Resource Graph rows). */
  get version(): number {
    return this.changes;
  }

  save(
    resource: JsonObject,
    subscriptionId: string,
    resourceGroup: string,
    points: JsonObject[] = [],
  ): StoredCollection {
    const id = stringAt(resource, "id") ?? "";
    const source = stringAt(resource, "properties", "source", "id");
    const stored: MutableCollection = {
      key: resourceKey(id),
      resource,
      subscription: subscriptionKey(subscriptionId),
      group: groupKey(subscriptionId, resourceGroup),
      location: normalizeLocation(stringAt(resource, "location") ?? ""),
      sourceKey: source ? resourceKey(source) : undefined,
      points: new Map(),
    };
    this.remove(stored.key);
    this.byKey.set(stored.key, stored);
    this.changes += 1;
    if (stored.sourceKey) {
      const keys = this.bySource.get(stored.sourceKey) ?? new Set<string>();
      keys.add(stored.key);
      this.bySource.set(stored.sourceKey, keys);
    }
    const region = regionKey(stored.subscription, stored.location);
    this.perRegion.set(region, (this.perRegion.get(region) ?? 0) + 1);
    this.scopes.set(`s|${stored.subscription}`, stored.key, stored);
    this.scopes.set(`g|${stored.group}`, stored.key, stored);
    for (const point of points) this.addPoint(stored, point);
    return stored;
  }

  remove(key: string): void {
    const stored = this.byKey.get(key);
    if (!stored) return;
    this.byKey.delete(key);
    this.changes += 1;
    if (stored.sourceKey) this.bySource.get(stored.sourceKey)?.delete(stored.key);
    const region = regionKey(stored.subscription, stored.location);
    this.perRegion.set(region, (this.perRegion.get(region) ?? 1) - 1);
    this.scopes.delete(`s|${stored.subscription}`, key);
    this.scopes.delete(`g|${stored.group}`, key);
    for (const name of [...stored.points.keys()]) this.removePoint(stored, name);
  }

  addPoint(collection: StoredCollection, point: JsonObject): void {
    const stored = this.byKey.get(collection.key);
    if (!stored) return;
    const name = (stringAt(point, "name") ?? "").toLowerCase();
    this.removePoint(stored, name);
    stored.points.set(name, point);
    const guid = pointVmGuid(point);
    if (!guid) return;
    const points = this.byVmGuid.get(guid) ?? new Set<JsonObject>();
    points.add(point);
    this.byVmGuid.set(guid, points);
  }

  removePoint(collection: StoredCollection, name: string): void {
    const stored = this.byKey.get(collection.key);
    const point = stored?.points.get(name.toLowerCase());
    if (!stored || !point) return;
    stored.points.delete(name.toLowerCase());
    const guid = pointVmGuid(point);
    if (guid) this.byVmGuid.get(guid)?.delete(point);
  }

  get(id: string): StoredCollection | undefined {
    return this.byKey.get(resourceKey(id));
  }

  list(subscriptionId: string, resourceGroup?: string): Pager<StoredCollection> {
    const scope = resourceGroup
      ? `g|${groupKey(subscriptionId, resourceGroup)}`
      : `s|${subscriptionKey(subscriptionId)}`;
    return this.scopes.pager(scope);
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

  /** Points whose `sourceMetadata.vmId` is this VM GUID, in any collection, group or subscription. */
  pointsOfVmGuid(vmGuid: string): JsonObject[] {
    return [...(this.byVmGuid.get(vmGuid.toLowerCase()) ?? [])];
  }

  countInRegion(subscriptionId: string, location: string): number {
    return this.perRegion.get(regionKey(subscriptionKey(subscriptionId), normalizeLocation(location))) ?? 0;
  }
}

function regionKey(subscription: string, location: string): string {
  return `${subscription}|${location}`;
}
