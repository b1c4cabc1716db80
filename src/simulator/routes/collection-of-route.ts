/** The stored collection a route's parameters name (restore point and delete routes share it). */
import type { SimContext } from "../context.js";
import { param, type RouteParams } from "../http/router.js";
import { computeId } from "../resource-id.js";
import type { StoredCollection } from "../store/collections.js";

/** The collection a restore point route names, if it exists. */
export function findCollection(params: RouteParams, context: SimContext): StoredCollection | undefined {
  const id = computeId(
    param(params, "subscriptionId"),
    param(params, "resourceGroupName"),
    "restorePointCollections",
    param(params, "restorePointCollectionName"),
  );
  return context.state.collections.get(id);
}
