/**
 * The Resource Graph queries the bot sends, and their rows turned into the bot's types. Only a small, plain
 * subset of KQL (where, extend, project, summarize count() by), so that any Resource Graph, the simulator's
 * included, runs them. Uniform scale-set instances live in the ComputeResources table, everything else here
 * in Resources.
 */
import type { CollectionSummary } from "./collection-directory.js";
import { type GraphRow, kqlString, stringField } from "./resource-graph.js";
import { lastName, parseResourceId } from "./resource-id.js";
import type { VmRef } from "./vm-ref.js";

export const VM_TYPE = "microsoft.compute/virtualmachines";
export const INSTANCE_TYPE = "microsoft.compute/virtualmachinescalesets/virtualmachines";
const COLLECTION_TYPE = "microsoft.compute/restorepointcollections";

/** Every VM, or those of one name (`=~`: names compare case-insensitively, as in ARM). */
export function vmsQuery(name?: string): string {
  const named = name === undefined ? "" : ` and name =~ ${kqlString(name)}`;
  return `Resources | where type =~ '${VM_TYPE}'${named} | project id, name, location`;
}

/** Every Uniform scale-set instance (`<set>_<instance id>`), or those of one name. */
export function instancesQuery(name?: string): string {
  const named = name === undefined ? "" : ` and name =~ ${kqlString(name)}`;
  return `ComputeResources | where type =~ '${INSTANCE_TYPE}'${named} | project id, name, location`;
}

/**
 * Collections whose source is a VM of this name, in any subscription: the VM's own and a moved VM's old ones
 * (`contains` is a superset; relatedCollections() keeps the exact matches).
 */
export function collectionsOfVmNameQuery(vmName: string): string {
  const path = kqlString(`/virtualmachines/${vmName}`);
  return [
    "Resources",
    `where type =~ '${COLLECTION_TYPE}'`,
    "extend sourceId = tostring(properties.source.id)",
    `where sourceId contains ${path}`,
    "project id, name, location, sourceId",
  ].join(" | ");
}

/**
 * The VMs of a name and the collections whose source is a VM of that name, in one query: what a check by
 * name needs from the graph (isCollectionRow() tells the rows apart).
 */
export function vmsAndCollectionsOfNameQuery(name: string): string {
  const vm = `type =~ '${VM_TYPE}' and name =~ ${kqlString(name)}`;
  const collection = `type =~ '${COLLECTION_TYPE}' and tostring(properties.source.id) contains ${kqlString(`/virtualmachines/${name}`)}`;
  return [
    "Resources",
    `where (${vm}) or (${collection})`,
    "extend sourceId = tostring(properties.source.id)",
    "project id, name, type, location, sourceId",
  ].join(" | ");
}

export function isCollectionRow(row: GraphRow): boolean {
  return stringField(row, "type")?.toLowerCase() === COLLECTION_TYPE;
}

/** Every collection, with what a fleet read needs of it. */
export function allCollectionsQuery(): string {
  return [
    "Resources",
    `where type =~ '${COLLECTION_TYPE}'`,
    "extend sourceId = tostring(properties.source.id)",
    "project id, name, location, sourceId",
  ].join(" | ");
}

/** How many collections each subscription holds per region (the 10,000 limit). */
export function collectionCountsQuery(): string {
  return `Resources | where type =~ '${COLLECTION_TYPE}' | summarize count() by subscriptionId, location`;
}

export function toVmRef(row: GraphRow): VmRef | undefined {
  const id = stringField(row, "id");
  const parsed = id ? parseResourceId(id) : undefined;
  if (!id || !parsed) return undefined;
  const [first, second] = parsed.segments;
  const location = stringField(row, "location") ?? "";
  const base = { id, resourceGroup: parsed.resourceGroup, subscriptionId: parsed.subscriptionId, location };
  if (second === undefined) {
    return { ...base, name: stringField(row, "name") ?? lastName(id), type: "virtualMachine" };
  }
  const scaleSetName = first?.[1] ?? "";
  const instanceId = second[1];
  return {
    ...base,
    name: stringField(row, "name") ?? `${scaleSetName}_${instanceId}`,
    type: "scaleSetInstance",
    scaleSetName,
    instanceId,
  };
}

export function toCollectionSummary(row: GraphRow): CollectionSummary | undefined {
  const id = stringField(row, "id");
  const parsed = id ? parseResourceId(id) : undefined;
  if (!id || !parsed) return undefined;
  return {
    id,
    subscriptionId: parsed.subscriptionId,
    name: stringField(row, "name") ?? lastName(id),
    resourceGroup: parsed.resourceGroup,
    location: stringField(row, "location") ?? "",
    sourceId: stringField(row, "sourceId") ?? "",
  };
}

export interface RegionCount {
  subscriptionId: string;
  location: string;
  count: number;
}

export function toRegionCount(row: GraphRow): RegionCount | undefined {
  const subscriptionId = stringField(row, "subscriptionId");
  const location = stringField(row, "location");
  const count = row.count_;
  if (!subscriptionId || location === undefined || typeof count !== "number") return undefined;
  return { subscriptionId, location, count };
}
