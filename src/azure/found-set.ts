/**
 * What a set target turned out to be in Azure, and the choice among what a name could mean: an availability
 * set, a Flexible scale set or a resource group of that name. Two or more are ambiguous, and the person is told
 * the candidates; a Uniform scale set is no set to protect (its instances cannot have restore points).
 */
import type { SetTargetQuery } from "../core/set-target.js";

/** An availability set or a Flexible scale set: one resource, in one subscription. */
export interface PlacementSet {
  kind: "availability-set" | "scale-set";
  id: string;
  name: string;
  resourceGroup: string;
  subscriptionId: string;
  location: string;
}

/** A resource group name, in every subscription (of those the bot reads) that has a group of that name. */
export interface GroupSet {
  kind: "resource-group";
  name: string;
  subscriptionIds: string[];
}

export interface TagSet {
  kind: "tag";
  key: string;
  value: string;
}

export type FoundSet = PlacementSet | GroupSet | TagSet;

/** What Azure holds under a name, as the graph or the ARM listings found it. */
export interface SetCandidates {
  availabilitySets: PlacementSet[];
  /** Flexible ones: their members are ordinary VMs. */
  scaleSets: PlacementSet[];
  uniformScaleSets: PlacementSet[];
  /** Subscriptions with a resource group of the name (for a bare name: one that holds VMs or scale sets). */
  groupSubscriptions: string[];
}

export type SetFailure =
  | { ok: false; code: "set-not-found"; message: string }
  | { ok: false; code: "set-ambiguous"; message: string; candidates: FoundSet[] }
  | { ok: false; code: "uniform-scale-set"; message: string; scaleSet: PlacementSet };

export type SetChoice = { ok: true; set: FoundSet } | SetFailure;

export type NameTarget = Exclude<SetTargetQuery, { kind: "tag" }>;

export function noCandidates(): SetCandidates {
  return { availabilitySets: [], scaleSets: [], uniformScaleSets: [], groupSubscriptions: [] };
}

export function hasCandidates(found: SetCandidates): boolean {
  return (
    found.availabilitySets.length + found.scaleSets.length + found.uniformScaleSets.length > 0 ||
    found.groupSubscriptions.length > 0
  );
}

export function chooseSet(target: NameTarget, found: SetCandidates): SetChoice {
  const candidates = candidatesFor(target, found);
  const [only] = candidates;
  if (only && candidates.length === 1) return { ok: true, set: only };
  if (candidates.length > 1) {
    return {
      ok: false,
      code: "set-ambiguous",
      message: `"${target.name}" could be ${candidates.length} sets: ${candidates.map(describeFoundSet).join("; ")}. Say which.`,
      candidates,
    };
  }
  const [uniform] = found.uniformScaleSets;
  if (uniform && (target.kind === "scale-set" || target.kind === "named")) {
    return {
      ok: false,
      code: "uniform-scale-set",
      message: `${uniform.resourceGroup}/${uniform.name} is a Uniform scale set: its instances cannot have restore points, so it is no set to protect.`,
      scaleSet: uniform,
    };
  }
  return {
    ok: false,
    code: "set-not-found",
    message: `No ${wanted(target)} in the subscriptions the bot reads.`,
  };
}

function candidatesFor(target: NameTarget, found: SetCandidates): FoundSet[] {
  const group: FoundSet[] =
    found.groupSubscriptions.length > 0
      ? [{ kind: "resource-group", name: target.name, subscriptionIds: found.groupSubscriptions }]
      : [];
  switch (target.kind) {
    case "availability-set":
      return found.availabilitySets;
    case "scale-set":
      return found.scaleSets;
    case "resource-group":
      return group;
    case "named":
      // `group/name` names a set in that group, never a group.
      return [...found.availabilitySets, ...found.scaleSets, ...(target.resourceGroup ? [] : group)];
  }
}

function wanted(target: NameTarget): string {
  const name =
    target.kind !== "resource-group" && target.resourceGroup
      ? `${target.resourceGroup}/${target.name}`
      : target.name;
  switch (target.kind) {
    case "availability-set":
      return `availability set named ${name}`;
    case "scale-set":
      return `Flexible scale set named ${name}`;
    case "resource-group":
      return `resource group named ${name}`;
    case "named":
      return `availability set, Flexible scale set or resource group (with VMs) named ${name}`;
  }
}

/** "availability set rg-web/avset-web (subscription …)", "resource group rg-prod (2 subscriptions)", "tag env=prod". */
export function describeFoundSet(set: FoundSet): string {
  switch (set.kind) {
    case "availability-set":
      return `availability set ${set.resourceGroup}/${set.name} (subscription ${set.subscriptionId})`;
    case "scale-set":
      return `scale set ${set.resourceGroup}/${set.name} (subscription ${set.subscriptionId})`;
    case "resource-group": {
      const count = set.subscriptionIds.length;
      const where = count === 1 ? `subscription ${set.subscriptionIds[0]}` : `${count} subscriptions`;
      return `resource group ${set.name} (${where})`;
    }
    case "tag":
      return `tag ${set.key}=${set.value}`;
  }
}

/** "in availability set rg-web/avset-web", "in resource group rg-prod", "tagged env=prod". */
export function membersPhrase(set: FoundSet): string {
  switch (set.kind) {
    case "availability-set":
      return `in availability set ${set.resourceGroup}/${set.name}`;
    case "scale-set":
      return `in scale set ${set.resourceGroup}/${set.name}`;
    case "resource-group":
      return `in resource group ${set.name}`;
    case "tag":
      return `tagged ${set.key}=${set.value}`;
  }
}
