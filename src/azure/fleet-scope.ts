/** What a person asks a fleet report about: a resource group, a subscription, or everything the bot can see. */
import { sameId } from "./resource-id.js";

export type FleetScope =
  | { kind: "all" }
  | { kind: "subscription"; subscriptionId: string }
  /** Without a subscription, the group is looked for in every subscription (the same name may be in several). */
  | { kind: "resource-group"; resourceGroup: string; subscriptionId?: string };

export type ParsedScope = FleetScope | { kind: "invalid"; reason: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** ARM resource group names: 1-90 letters, digits, `-_.()`, not ending in a period. */
const GROUP_NAME = /^[-\w.()]{0,89}[-\w()]$/u;
const SUBSCRIPTION_PATH = /^\/subscriptions\/([^/]+)(?:\/resourceGroups\/([^/]+))?\/?$/i;

/** Accepts a group name, a subscription id, `/subscriptions/<id>[/resourceGroups/<name>]`, or `*` / `all`. */
export function parseFleetScope(raw: string): ParsedScope {
  const text = raw.trim();
  if (text === "*" || text.toLowerCase() === "all") return { kind: "all" };
  if (GUID.test(text)) return { kind: "subscription", subscriptionId: text };
  const path = SUBSCRIPTION_PATH.exec(text);
  if (path?.[1] && GUID.test(path[1])) {
    const [, subscriptionId, resourceGroup] = path;
    if (resourceGroup === undefined) return { kind: "subscription", subscriptionId };
    if (GROUP_NAME.test(resourceGroup)) return { kind: "resource-group", resourceGroup, subscriptionId };
  }
  if (GROUP_NAME.test(text)) return { kind: "resource-group", resourceGroup: text };
  return {
    kind: "invalid",
    reason: `"${text.slice(0, 60)}" is not a resource group name or a subscription id.`,
  };
}

/** The subscriptions to read for a scope, among those the bot may act in; empty when the scope is outside. */
export function subscriptionsOf(scope: FleetScope, known: readonly string[]): string[] {
  if (scope.kind === "all") return [...known];
  const wanted = scope.subscriptionId;
  if (wanted === undefined) return [...known];
  return known.filter((subscriptionId) => sameId(subscriptionId, wanted));
}

/**
 * The scope as people read it: a subscription by its display name (`names`, by lower-case id) with its id, or
 * by name alone after a resource group, where the id would crowd the line; by id when it has no name.
 */
export function describeScope(
  scope: FleetScope,
  subscriptionCount: number,
  names: ReadonlyMap<string, string> = new Map(),
): string {
  const subscriptions = subscriptionCount === 1 ? "1 subscription" : `${subscriptionCount} subscriptions`;
  const nameOf = (id: string) => names.get(id.toLowerCase());
  switch (scope.kind) {
    case "all":
      return `all ${subscriptions}`;
    case "subscription": {
      const name = nameOf(scope.subscriptionId);
      return name ? `subscription ${name} (${scope.subscriptionId})` : `subscription ${scope.subscriptionId}`;
    }
    case "resource-group":
      if (scope.subscriptionId) {
        return `resource group ${scope.resourceGroup} in ${nameOf(scope.subscriptionId) ?? scope.subscriptionId}`;
      }
      return subscriptionCount > 1
        ? `resource group ${scope.resourceGroup} (in ${subscriptions})`
        : `resource group ${scope.resourceGroup}`;
  }
}
