/** Read-mostly ARM resources of the fleet (VMs, scale sets, instances, disks, anything else), by id and type. */
import type { JsonObject } from "../json.js";
import { groupKey, type ParsedResourceId, resourceKey, subscriptionKey } from "../resource-id.js";
import { type Pager, ScopedIndexes } from "./sorted-index.js";

export interface StoredResource {
  key: string;
  /** Kept as the fleet gave it: VMs keep `properties.instanceView` inline, stripped when served. */
  resource: JsonObject;
  /** Lower-case type, e.g. "microsoft.compute/virtualmachines". */
  type: string;
  subscription: string;
  group?: string;
  /** Lower-case id of the parent resource (a Uniform instance's scale set). */
  parentKey?: string;
}

/** Lists are served in id order from per-scope indexes, so a page costs its own size, not the fleet's. */
export class ResourceIndex {
  private readonly byKey = new Map<string, StoredResource>();
  private readonly scopes = new ScopedIndexes<StoredResource>();
  private changes = 0;

  /** Grows with every change, so a cached query result (Resource Graph) can tell it is out of date. */
  get version(): number {
    return this.changes;
  }

  add(id: string, type: string, parsed: ParsedResourceId, resource: JsonObject): void {
    const key = resourceKey(id);
    const stored: StoredResource = {
      key,
      resource,
      type: type.toLowerCase(),
      subscription: subscriptionKey(parsed.subscriptionId),
      group: parsed.resourceGroup ? groupKey(parsed.subscriptionId, parsed.resourceGroup) : undefined,
      parentKey:
        parsed.types.length > 1 ? key.slice(0, key.lastIndexOf("/", key.lastIndexOf("/") - 1)) : undefined,
    };
    this.byKey.set(key, stored);
    this.changes += 1;
    // Every type of a subscription together, for Resource Graph's tables ("*" is no resource type).
    this.scopes.set(`*|s|${stored.subscription}`, key, stored);
    this.scopes.set(`${stored.type}|s|${stored.subscription}`, key, stored);
    if (stored.group) this.scopes.set(`${stored.type}|g|${stored.group}`, key, stored);
    if (stored.parentKey) this.scopes.set(`${stored.type}|p|${stored.parentKey}`, key, stored);
    // By name across subscriptions, for Resource Graph's look-ups of one name (ARM names never change).
    this.scopes.set(`${stored.type}|n|${nameOf(resource, key)}`, key, stored);
  }

  get(id: string, type?: string): StoredResource | undefined {
    const stored = this.byKey.get(resourceKey(id));
    if (stored && type && stored.type !== type.toLowerCase()) return undefined;
    return stored;
  }

  /** Resources of a type in a subscription, optionally one resource group, in id order. */
  list(
    type: string,
    subscriptionId: string,
    resourceGroup?: string,
    accept?: (stored: StoredResource) => boolean,
  ): Pager<StoredResource> {
    const scope = resourceGroup
      ? `${type.toLowerCase()}|g|${groupKey(subscriptionId, resourceGroup)}`
      : `${type.toLowerCase()}|s|${subscriptionKey(subscriptionId)}`;
    return this.scopes.pager(scope, accept);
  }

  /** Every resource of a subscription, whatever its type, in id order. */
  inSubscription(subscriptionId: string): Pager<StoredResource> {
    return this.scopes.pager(`*|s|${subscriptionKey(subscriptionId)}`);
  }

  /** Resources of a type with this name (compared case-insensitively), in every subscription, in id order. */
  named(type: string, name: string): Pager<StoredResource> {
    return this.scopes.pager(`${type.toLowerCase()}|n|${name.toLowerCase()}`);
  }

  children(parentId: string, type: string): Pager<StoredResource> {
    return this.scopes.pager(`${type.toLowerCase()}|p|${resourceKey(parentId)}`);
  }
}

/** As the `name` column shows it (a Uniform instance's is `<set>_<id>`), lower-case; else the id's last segment. */
function nameOf(resource: JsonObject, key: string): string {
  const name = resource.name;
  return typeof name === "string" ? name.toLowerCase() : key.slice(key.lastIndexOf("/") + 1);
}
