/**
 * The Resource Graph queries for sets (docs/resource-graph.md, "Queries the bot sends for sets"): what a name
 * could mean, and the members of a set, listed at most up to a cap and otherwise only counted. Tag names are
 * matched whatever their case with `mv-expand bagexpansion=array tags`, as Resource Graph's samples do: a
 * `tags['env']` lookup is case-sensitive, ARM's tag names are not.
 */
import type { FoundSet, PlacementSet, SetCandidates } from "./found-set.js";
import { INSTANCE_TYPE, VM_TYPE } from "./graph-queries.js";
import { type GraphRow, type GraphScope, kqlString, stringField } from "./resource-graph.js";
import { lastName, parseResourceId } from "./resource-id.js";

const AVAILABILITY_SET_TYPE = "microsoft.compute/availabilitysets";
const SCALE_SET_TYPE = "microsoft.compute/virtualmachinescalesets";
/** The service's page size: a listing capped below it is one query. */
const PAGE_ROWS = 1000;

export type SetKind = "availability-set" | "scale-set";

/** Availability sets and scale sets of a name (in one group, when given). */
export function setsNamedQuery(name: string, kinds: readonly SetKind[], resourceGroup?: string): string {
  const types = kinds.map(
    (kind) => `'${kind === "availability-set" ? AVAILABILITY_SET_TYPE : SCALE_SET_TYPE}'`,
  );
  const group = resourceGroup === undefined ? "" : ` and resourceGroup =~ ${kqlString(resourceGroup)}`;
  return [
    "Resources",
    `where type in~ (${types.join(", ")}) and name =~ ${kqlString(name)}${group}`,
    "extend orchestrationMode = tostring(properties.orchestrationMode)",
    "project id, name, type, location, orchestrationMode",
  ].join(" | ");
}

/** The subscriptions whose resource group of this name holds VMs or scale sets (Uniform instances' parents). */
export function groupsNamedQuery(name: string): string {
  return [
    "Resources",
    `where type in~ ('${VM_TYPE}', '${SCALE_SET_TYPE}') and resourceGroup =~ ${kqlString(name)}`,
    "summarize count() by subscriptionId",
  ].join(" | ");
}

/** Sorts the rows of setsNamedQuery and groupsNamedQuery into candidates. */
export function toCandidates(setRows: readonly GraphRow[], groupRows: readonly GraphRow[]): SetCandidates {
  const found: SetCandidates = {
    availabilitySets: [],
    scaleSets: [],
    uniformScaleSets: [],
    groupSubscriptions: [],
  };
  for (const row of setRows) {
    const type = stringField(row, "type")?.toLowerCase();
    const set = placementSetOf(row, type === AVAILABILITY_SET_TYPE ? "availability-set" : "scale-set");
    if (!set) continue;
    if (type === AVAILABILITY_SET_TYPE) found.availabilitySets.push(set);
    // A scale set without orchestrationMode is Uniform (ARM's default before Flexible existed).
    else if (stringField(row, "orchestrationMode")?.toLowerCase() === "flexible") found.scaleSets.push(set);
    else found.uniformScaleSets.push(set);
  }
  for (const row of groupRows) {
    const subscriptionId = stringField(row, "subscriptionId");
    if (subscriptionId) found.groupSubscriptions.push(subscriptionId);
  }
  return found;
}

function placementSetOf(row: GraphRow, kind: SetKind): PlacementSet | undefined {
  const id = stringField(row, "id");
  const parsed = id ? parseResourceId(id) : undefined;
  if (!id || !parsed) return undefined;
  return {
    kind,
    id,
    name: stringField(row, "name") ?? lastName(id),
    resourceGroup: parsed.resourceGroup,
    subscriptionId: parsed.subscriptionId,
    location: stringField(row, "location") ?? "",
  };
}

/** One table's filter of a set's members, and where to run it. */
export interface MemberFilter {
  kql: string;
  scope: GraphScope;
}

/**
 * Availability set and Flexible scale set members are the VMs whose reference names the set; a resource group's
 * are its VMs and Uniform instances (which the plan shows as not protectable); a tag's, the VMs that carry it.
 */
export function memberFilters(set: FoundSet, everywhere: GraphScope): MemberFilter[] {
  switch (set.kind) {
    case "availability-set":
      return [{ kql: referencing("availabilitySet", set.id), scope: [set.subscriptionId] }];
    case "scale-set":
      return [{ kql: referencing("virtualMachineScaleSet", set.id), scope: [set.subscriptionId] }];
    case "resource-group": {
      const group = `resourceGroup =~ ${kqlString(set.name)}`;
      return [
        { kql: `Resources | where type =~ '${VM_TYPE}' and ${group}`, scope: set.subscriptionIds },
        {
          kql: `ComputeResources | where type =~ '${INSTANCE_TYPE}' and ${group}`,
          scope: set.subscriptionIds,
        },
      ];
    }
    case "tag":
      return [
        {
          kql: [
            `Resources | where type =~ '${VM_TYPE}'`,
            "mv-expand bagexpansion=array tags",
            `where tostring(tags[0]) =~ ${kqlString(set.key)} and tostring(tags[1]) == ${kqlString(set.value)}`,
          ].join(" | "),
          scope: everywhere,
        },
      ];
  }
}

function referencing(property: string, id: string): string {
  return `Resources | where type =~ '${VM_TYPE}' and tostring(properties.${property}.id) =~ ${kqlString(id)}`;
}

/** The members' references; with a cap below a page, one row more than the cap tells "more than the cap". */
export function memberListing(filter: string, cap: number): string {
  const take = cap + 1 <= PAGE_ROWS ? ` | take ${cap + 1}` : "";
  return `${filter} | project id, name, location${take}`;
}

export function isCappedListing(cap: number): boolean {
  return cap + 1 <= PAGE_ROWS;
}

export function memberCount(filter: string): string {
  return `${filter} | count`;
}

export function countOf(row: GraphRow): number | undefined {
  const count = row.Count;
  return typeof count === "number" ? count : undefined;
}
