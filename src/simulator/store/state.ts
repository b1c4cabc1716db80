/**
 * The simulated world: the fleet's resources, restore point collections with their points, subscriptions
 * and resource groups (read from the ids, see docs/fleet-file.md). Lives in memory while the simulator runs.
 */
import { stableGuid } from "../ids.js";
import { asObject, clone, type JsonObject, objectsIn, stringAt } from "../json.js";
import { groupKey, parseResourceId, subscriptionKey } from "../resource-id.js";
import { isType, RESTORE_POINT_COLLECTION, SUBSCRIPTION } from "../resource-types.js";
import { pointVmGuid, vmKeyOf } from "../vm-identity.js";
import { CollectionIndex } from "./collections.js";
import { CreationLog, modeFamily } from "./creation-log.js";
import { ResourceIndex } from "./resources.js";
import { type Pager, SortedIndex } from "./sorted-index.js";

export interface SubscriptionInfo {
  subscriptionId: string;
  displayName: string;
  tenantId: string;
  state: string;
}

export interface RestorePointCounts {
  /** Every restore point that exists, in any state (a Failed one exists until it is deleted). */
  total: number;
  /** By `provisioningState`: Creating, Succeeded, Failed, Deleting. */
  byState: Record<string, number>;
}

const DEFAULT_TENANT = stableGuid("rpbot simulator tenant");

export class FleetState {
  readonly resources = new ResourceIndex();
  readonly collections = new CollectionIndex();
  /** Accepted creations per VM, for the hourly budget; the fleet's own points count as accepted. */
  readonly creations = new CreationLog();
  private readonly subscriptionsByKey = new Map<string, SubscriptionInfo>();
  private readonly subscriptionOrder = new SortedIndex<SubscriptionInfo>();
  private readonly groups = new Set<string>();

  /** `resources` must have passed validateFleet(); they are copied, never mutated. */
  constructor(resources: readonly unknown[]) {
    for (const item of resources) {
      const resource = asObject(item);
      if (resource) this.load(clone(resource));
    }
    this.logFleetCreations();
  }

  /** Grows with every resource or collection added or removed (in-place edits such as tags do not count). */
  get version(): number {
    return this.resources.version + this.collections.version;
  }

  subscriptions(): SubscriptionInfo[] {
    return [...this.subscriptionsByKey.values()];
  }

  /** The subscriptions in id order, for the paged list. */
  subscriptionPager(): Pager<SubscriptionInfo> {
    return this.subscriptionOrder.pager();
  }

  subscription(subscriptionId: string): SubscriptionInfo | undefined {
    return this.subscriptionsByKey.get(subscriptionKey(subscriptionId));
  }

  hasGroup(subscriptionId: string, resourceGroup: string): boolean {
    return this.groups.has(groupKey(subscriptionId, resourceGroup));
  }

  restorePointCounts(): RestorePointCounts {
    const byState: Record<string, number> = {};
    let total = 0;
    for (const collection of this.collections.all()) {
      for (const point of collection.points.values()) {
        // A point without a state is a finished one, as the rules read it (rules/history.ts).
        const state = stringAt(point, "properties", "provisioningState") ?? "Succeeded";
        byState[state] = (byState[state] ?? 0) + 1;
        total += 1;
      }
    }
    return { total, byState };
  }

  private load(resource: JsonObject): void {
    const id = stringAt(resource, "id") ?? "";
    const type = stringAt(resource, "type") ?? "";
    const parsed = parseResourceId(id);
    if (!parsed) return;
    this.noteSubscription(parsed.subscriptionId, isType(type, SUBSCRIPTION) ? resource : undefined);
    if (!parsed.resourceGroup) return;
    this.groups.add(groupKey(parsed.subscriptionId, parsed.resourceGroup));
    if (!parsed.provider) return;
    if (isType(type, RESTORE_POINT_COLLECTION)) {
      const properties = asObject(resource.properties) ?? {};
      const points = objectsIn(properties.restorePoints);
      delete properties.restorePoints;
      this.collections.save(resource, parsed.subscriptionId, parsed.resourceGroup, points);
      return;
    }
    this.resources.add(id, type, parsed, resource);
  }

  /** After loading, when every VM is known: a point without sourceMetadata belongs to its collection's VM. */
  private logFleetCreations(): void {
    for (const collection of this.collections.all()) {
      const source = this.resources.get(collection.sourceKey ?? "")?.resource;
      const fallback = source ? vmKeyOf(source) : (collection.sourceKey ?? collection.key);
      for (const point of collection.points.values()) {
        const created = Date.parse(stringAt(point, "properties", "timeCreated") ?? "");
        if (!Number.isFinite(created)) continue;
        const vmKey = pointVmGuid(point) ?? fallback;
        this.creations.record(vmKey, modeFamily(stringAt(point, "properties", "consistencyMode")), created);
      }
    }
  }

  private noteSubscription(subscriptionId: string, resource: JsonObject | undefined): void {
    const key = subscriptionKey(subscriptionId);
    const known = this.subscriptionsByKey.get(key);
    if (known && !resource) return;
    const info: SubscriptionInfo = {
      subscriptionId: known?.subscriptionId ?? subscriptionId,
      displayName:
        stringAt(resource, "displayName") ??
        known?.displayName ??
        `Subscription ${subscriptionId.slice(0, 8)}`,
      tenantId: stringAt(resource, "tenantId") ?? known?.tenantId ?? DEFAULT_TENANT,
      state: stringAt(resource, "state") ?? known?.state ?? "Enabled",
    };
    this.subscriptionsByKey.set(key, info);
    this.subscriptionOrder.set(key, info);
  }
}
