/**
 * The tables the simulator serves, read from the live store: Resources holds every stored resource (VMs,
 * Flexible scale-set members, which are ordinary VMs, scale sets, disks, restore point collections, anything
 * else a fleet file holds) except Uniform scale-set instances, which are in ComputeResources ("Includes
 * resources related to Microsoft.Compute Virtual Machine Scale Sets", Resource Graph's table reference).
 * Restore points are no rows. Rows come out in key order (lower-case id), merged from the store's sorted
 * indexes, so a result that is not re-sorted needs no sort.
 */
import { RESTORE_POINT_COLLECTION } from "../resource-types.js";
import type { StoredCollection } from "../store/collections.js";
import type { StoredResource } from "../store/resources.js";
import type { FleetState } from "../store/state.js";
import { isComputeResourcesType, ResourceRow } from "./resource-rows.js";
import type { Row } from "./row.js";
import type { Probe } from "./scan-probes.js";

export type TableName = "Resources" | "ComputeResources";

/** Tables of the real service the simulator does not serve (Resource Graph's query language reference). */
export const UNSERVED_TABLES: readonly string[] = [
  "AdvisorResources",
  "AlertsManagementResources",
  "AppServiceResources",
  "AuthorizationResources",
  "AWSResources",
  "AzureBusinessContinuityResources",
  "ChaosResources",
  "CommunityGalleryResources",
  "DesktopVirtualizationResources",
  "DnsResources",
  "EdgeOrderResources",
  "ElasticsanResources",
  "ExtendedLocationResources",
  "FeatureResources",
  "GuestConfigurationResources",
  "HealthResourceChanges",
  "HealthResources",
  "InsightsResources",
  "IoTSecurityResources",
  "KubernetesConfigurationResources",
  "KustoResources",
  "MaintenanceResources",
  "ManagedServicesResources",
  "MigrateResources",
  "NetworkResources",
  "OrbitalResources",
  "PatchAssessmentResources",
  "PatchInstallationResources",
  "PolicyResources",
  "RecoveryServicesResources",
  "ResourceChanges",
  "ResourceContainerChanges",
  "ResourceContainers",
  "SecurityResources",
  "ServiceFabricResources",
  "ServiceHealthResources",
  "SpotResources",
  "SupportResources",
  "TagsResources",
];

export interface ScanCounter {
  /** Rows read from the store, over every scan: what a test compares to see that paging is not quadratic. */
  rowsScanned: number;
}

const EVERYTHING = Number.POSITIVE_INFINITY;
/** Collections live in a store of their own, not in the resource index. */
const COLLECTION_TYPE = RESTORE_POINT_COLLECTION.toLowerCase();

/**
 * The table's rows in the given subscriptions (keys as the store has them), in key order; with probes, only
 * rows they find (scan-probes.ts), read from the store's per-type and per-name indexes.
 */
export function scanTable(
  table: TableName,
  state: FleetState,
  subscriptions: readonly string[],
  counter: ScanCounter,
  probes?: readonly Probe[],
): Row[] {
  const rows: Row[] = [];
  const inTable = (type: string) => isComputeResourcesType(type) === (table === "ComputeResources");
  const tableProbes = probes?.filter((probe) => inTable(probe.type));
  // A subscription's keys all start with "/subscriptions/{id}/": ordering by "{id}/" orders the keys.
  const ordered = [...subscriptions].sort((a, b) => compareKeys(`${a}/`, `${b}/`));
  for (const subscription of ordered) {
    const tenantId = state.subscription(subscription)?.tenantId ?? "";
    const resources = tableProbes
      ? probed(state, subscription, tableProbes)
      : state.resources
          .inSubscription(subscription)(undefined, EVERYTHING)
          .items.filter((stored) => inTable(stored.type));
    const withCollections =
      table === "Resources" && (!tableProbes || tableProbes.some((probe) => probe.type === COLLECTION_TYPE));
    const collections = withCollections
      ? state.collections.list(subscription)(undefined, EVERYTHING).items
      : [];
    for (const stored of merge(resources, collections))
      rows.push(new ResourceRow(stored.key, stored.resource, tenantId));
  }
  counter.rowsScanned += rows.length;
  return rows;
}

/** The subscription's resources the probes find, each once, in key order. */
function probed(state: FleetState, subscription: string, probes: readonly Probe[]): StoredResource[] {
  const found = new Map<string, StoredResource>();
  for (const { type, name } of probes) {
    if (type === COLLECTION_TYPE) continue; // in the collection store, read whole (see scanTable)
    const pager =
      name === undefined ? state.resources.list(type, subscription) : state.resources.named(type, name);
    for (const stored of pager(undefined, EVERYTHING).items) {
      if (stored.subscription === subscription) found.set(stored.key, stored);
    }
  }
  return [...found.values()].sort((a, b) => compareKeys(a.key, b.key));
}

/** Two key-ordered lists as one (their keys never clash: a collection is not in the resource index). */
function merge(
  resources: StoredResource[],
  collections: StoredCollection[],
): (StoredResource | StoredCollection)[] {
  const merged: (StoredResource | StoredCollection)[] = [];
  let left = 0;
  let right = 0;
  while (left < resources.length || right < collections.length) {
    const resource = resources[left];
    const collection = collections[right];
    if (resource && (!collection || compareKeys(resource.key, collection.key) < 0)) {
      merged.push(resource);
      left += 1;
    } else if (collection) {
      merged.push(collection);
      right += 1;
    }
  }
  return merged;
}

function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
