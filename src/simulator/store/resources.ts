/** Read-mostly ARM resources of the fleet (VMs, scale sets, instances, disks, anything else), by id and type. */
import type { JsonObject } from "../json.js";
import { groupKey, type ParsedResourceId, resourceKey, subscriptionKey } from "../resource-id.js";

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

export class ResourceIndex {
  private readonly byKey = new Map<string, StoredResource>();
  private readonly byType = new Map<string, StoredResource[]>();

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
    const sameType = this.byType.get(stored.type) ?? [];
    sameType.push(stored);
    this.byType.set(stored.type, sameType);
  }

  get(id: string, type?: string): StoredResource | undefined {
    const stored = this.byKey.get(resourceKey(id));
    if (stored && type && stored.type !== type.toLowerCase()) return undefined;
    return stored;
  }

  /** Resources of a type in a subscription, optionally one resource group, in fleet order. */
  list(type: string, subscriptionId: string, resourceGroup?: string): StoredResource[] {
    const subscription = subscriptionKey(subscriptionId);
    const group = resourceGroup ? groupKey(subscriptionId, resourceGroup) : undefined;
    return (this.byType.get(type.toLowerCase()) ?? []).filter(
      (stored) => stored.subscription === subscription && (group === undefined || stored.group === group),
    );
  }

  children(parentId: string, type: string): StoredResource[] {
    const parentKey = resourceKey(parentId);
    return (this.byType.get(type.toLowerCase()) ?? []).filter((stored) => stored.parentKey === parentKey);
  }
}
