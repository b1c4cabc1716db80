/**
 * Restore point collections: synchronous PUT (201 create / 200 update), PATCH (tags only), GET with
 * $expand=restorePoints and lists. DELETE, a long-running operation that also removes the contained points, is in
 * deletions.ts.
 */
import type { SimContext } from "../context.js";
import { cloudError, resourceNotFound } from "../http/errors.js";
import { pagedList } from "../http/paging.js";
import { param, type Route, type RouteParams } from "../http/router.js";
import type { SimRequest, SimResponse } from "../http/types.js";
import { randomGuid } from "../ids.js";
import { asObject, clone, type JsonObject, objectAt, sameText, stringAt } from "../json.js";
import { displayLocation, normalizeLocation } from "../locations.js";
import { computeId } from "../resource-id.js";
import { RESTORE_POINT_COLLECTION, VIRTUAL_MACHINE } from "../resource-types.js";
import { renderPoint } from "../restore-point-view.js";
import { collectionRefusal } from "../rules/collections.js";
import type { StoredCollection } from "../store/collections.js";
import { expands, ok } from "./render.js";

const GROUP =
  "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute";
const ONE = `${GROUP}/restorePointCollections/{restorePointCollectionName}`;
const PUT_LIMITS =
  "Microsoft.Compute/PutRestorePointCollectionResource;14,Microsoft.Compute/PutRestorePointCollectionSubscriptionMaximum;149";

function collectionId(params: RouteParams): string {
  return computeId(
    param(params, "subscriptionId"),
    param(params, "resourceGroupName"),
    "restorePointCollections",
    param(params, "restorePointCollectionName"),
  );
}

function render(collection: StoredCollection, withPoints: boolean): JsonObject {
  const body = clone(collection.resource);
  if (withPoints) {
    const properties = asObject(body.properties) ?? {};
    properties.restorePoints = [...collection.points.values()].map((point) => renderPoint(point));
    body.properties = properties;
  }
  return body;
}

function notFound(params: RouteParams): SimResponse {
  return resourceNotFound(
    RESTORE_POINT_COLLECTION,
    param(params, "restorePointCollectionName"),
    param(params, "resourceGroupName"),
  );
}

function put(request: SimRequest, params: RouteParams, context: SimContext): SimResponse {
  const body = asObject(request.body) ?? {};
  const location = stringAt(body, "location");
  if (!location)
    return cloudError(400, "LocationRequired", "The location property is required for this definition.");
  const existing = context.state.collections.get(collectionId(params));
  if (existing) return update(existing, body, location);
  const subscriptionId = param(params, "subscriptionId");
  const sourceId = stringAt(body, "properties", "source", "id");
  const refusal = collectionRefusal(context.state, { subscriptionId, location, sourceId });
  if (refusal) return refusal;
  const vm = context.state.resources.get(sourceId ?? "", VIRTUAL_MACHINE)?.resource ?? {};
  const properties: JsonObject = {
    source: {
      id: stringAt(vm, "id") ?? sourceId,
      location: displayLocation(stringAt(vm, "location") ?? location),
    },
    restorePointCollectionId: randomGuid(),
    provisioningState: "Succeeded",
  };
  const instantAccess = asObject(body.properties)?.instantAccess;
  if (typeof instantAccess === "boolean") properties.instantAccess = instantAccess;
  const resource: JsonObject = {
    name: param(params, "restorePointCollectionName"),
    id: collectionId(params),
    type: RESTORE_POINT_COLLECTION,
    location: normalizeLocation(location),
    tags: asObject(body.tags) ?? {},
    properties,
  };
  const stored = context.state.collections.save(resource, subscriptionId, param(params, "resourceGroupName"));
  return {
    status: 201,
    body: render(stored, false),
    headers: { "x-ms-ratelimit-remaining-resource": PUT_LIMITS },
  };
}

/** Only tags may change on an existing collection (reference section 5.1). */
function update(existing: StoredCollection, body: JsonObject, location: string): SimResponse {
  if (normalizeLocation(location) !== existing.location) {
    return cloudError(
      400,
      "InvalidResourceLocation",
      `The resource already exists in location '${existing.location}'. A resource with the same name cannot be created in location '${normalizeLocation(location)}'.`,
    );
  }
  return changeTags(existing, body);
}

/** RestorePointCollections_Update: PATCH may change the tags only; 404 for a missing collection. */
function patch(request: SimRequest, params: RouteParams, context: SimContext): SimResponse {
  const existing = context.state.collections.get(collectionId(params));
  if (!existing) return notFound(params);
  return changeTags(existing, asObject(request.body) ?? {});
}

function changeTags(existing: StoredCollection, body: JsonObject): SimResponse {
  const refusal = propertyChangeRefusal(existing, body);
  if (refusal) return refusal;
  const tags = asObject(body.tags);
  if (tags) existing.resource.tags = clone(tags);
  return {
    status: 200,
    body: render(existing, false),
    headers: { "x-ms-ratelimit-remaining-resource": PUT_LIMITS },
  };
}

/** ARM's code for changing a create-only property; the messages are ours. Restating a value is no change. */
function propertyChangeRefusal(existing: StoredCollection, body: JsonObject): SimResponse | undefined {
  const sourceId = stringAt(body, "properties", "source", "id");
  const currentSource = stringAt(existing.resource, "properties", "source", "id");
  if (sourceId !== undefined && !sameText(sourceId, currentSource)) {
    return cloudError(409, "PropertyChangeNotAllowed", "Changing property 'source.id' is not allowed.");
  }
  const instantAccess = objectAt(body, "properties")?.instantAccess;
  const current = objectAt(existing.resource, "properties")?.instantAccess ?? false;
  if (instantAccess !== undefined && instantAccess !== current) {
    return cloudError(409, "PropertyChangeNotAllowed", "Changing property 'instantAccess' is not allowed.");
  }
  return undefined;
}

export const COLLECTION_ROUTES: Route<SimContext>[] = [
  { name: "restorePointCollections.createOrUpdate", method: "PUT", template: ONE, handle: put },
  {
    name: "restorePointCollections.get",
    method: "GET",
    template: ONE,
    handle: (request, params, context) => {
      const collection = context.state.collections.get(collectionId(params));
      return collection ? ok(render(collection, expands(request, "restorePoints"))) : notFound(params);
    },
  },
  { name: "restorePointCollections.update", method: "PATCH", template: ONE, handle: patch },
  {
    name: "restorePointCollections.list",
    method: "GET",
    template: `${GROUP}/restorePointCollections`,
    handle: (request, params, context) => {
      const collections = context.state.collections.list(
        param(params, "subscriptionId"),
        param(params, "resourceGroupName"),
      );
      return pagedList(request, collections, context.pageSize, (collection) => render(collection, false));
    },
  },
  {
    name: "restorePointCollections.listAll",
    method: "GET",
    template: "/subscriptions/{subscriptionId}/providers/Microsoft.Compute/restorePointCollections",
    handle: (request, params, context) => {
      const collections = context.state.collections.list(param(params, "subscriptionId"));
      return pagedList(request, collections, context.pageSize, (collection) => render(collection, false));
    },
  },
];
