/**
 * DELETE of a restore point and of a collection, as real Azure answers them (reference 6.1 and 8): 202 with an
 * empty body, Azure-AsyncOperation and Location (= the same URL + monitor=true); the resource shows
 * `provisioningState: "Deleting"` (and still counts toward the 500) until the operation ends, then it is gone and
 * the operation says Succeeded, with no final GET. Deleting what does not exist answers 204, as ARM does.
 *
 * ours: a DELETE of something already Deleting answers 202 with the operation that is running, not a new one.
 * The resource has one deletion in progress, so a client retrying after a lost answer (or a bot resuming after a
 * restart) follows that one and sees the same end; two operations could only end the same way anyway.
 */
import type { SimContext } from "../context.js";
import { cloudError } from "../http/errors.js";
import { param, type Route, type RouteParams } from "../http/router.js";
import type { SimRequest, SimResponse } from "../http/types.js";
import { asObject, type JsonObject, stringAt } from "../json.js";
import { stateOf } from "../rules/history.js";
import type { StoredCollection } from "../store/collections.js";
import type { AsyncOperation } from "../store/operations.js";
import { findCollection } from "./collection-of-route.js";
import { acceptedDelete } from "./render.js";

const COLLECTION =
  "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/restorePointCollections/{restorePointCollectionName}";
const POINT = `${COLLECTION}/restorePoints/{restorePointName}`;
/** The policy and count a real restore point DELETE reported (reference 6.1); the count does not move here. */
const POINT_LIMITS = "Microsoft.Compute/DeleteRestorePointSubscriptionMaximum;359";
/** ours: no collection DELETE was recorded; the policy name follows the restore point's. */
const COLLECTION_LIMITS = "Microsoft.Compute/DeleteRestorePointCollectionSubscriptionMaximum;359";

function pointSubject(collection: StoredCollection, pointKey: string): string {
  return `${collection.key}/restorepoints/${pointKey}`;
}

function markDeleting(resource: JsonObject): void {
  const properties = asObject(resource.properties) ?? {};
  properties.provisioningState = "Deleting";
  resource.properties = properties;
}

/**
 * ours: Azure documents no answer for deleting a point that is still being created (reference 14); this code and
 * these messages are the simulator's assumption, in the words of the service's other OperationNotAllowed refusals.
 */
function pointBeingCreated(): SimResponse {
  return cloudError(
    409,
    "OperationNotAllowed",
    "Operation 'Delete Restore Point' is not allowed since a 'Create Restore Point' operation is in progress on it.",
  );
}

function collectionPointBeingCreated(pointName: string): SimResponse {
  return cloudError(
    409,
    "OperationNotAllowed",
    `Operation 'Delete Restore Point Collection' is not allowed since a 'Create Restore Point' operation is in progress on its restore point '${pointName}'.`,
  );
}

function deletePoint(request: SimRequest, params: RouteParams, context: SimContext): SimResponse {
  const collection = findCollection(params, context);
  const key = param(params, "restorePointName").toLowerCase();
  const point = collection?.points.get(key);
  if (!collection || !point) return { status: 204 };
  const state = stateOf(point);
  if (state === "creating") return pointBeingCreated();
  const subject = pointSubject(collection, key);
  // A point marked Deleting by its collection's deletion follows that operation.
  const running =
    state === "deleting"
      ? (context.operations.running(subject) ?? context.operations.running(collection.key))
      : undefined;
  const operation =
    running ??
    startDeletion(context, {
      subscriptionId: param(params, "subscriptionId"),
      collection,
      subject,
      finish: () => {
        // Only this very point: the collection may have been deleted and made again under the same name.
        const current = context.state.collections.get(stringAt(collection.resource, "id") ?? "");
        if (current?.points.get(key) === point) context.state.collections.removePoint(current, key);
      },
    });
  markDeleting(point);
  return acceptedDelete(request, operation, context, POINT_LIMITS);
}

function deleteCollection(request: SimRequest, params: RouteParams, context: SimContext): SimResponse {
  const collection = findCollection(params, context);
  if (!collection) return { status: 204 };
  const creating = [...collection.points.values()].find((point) => stateOf(point) === "creating");
  if (creating) return collectionPointBeingCreated(stringAt(creating, "name") ?? "");
  const running =
    stateOf(collection.resource) === "deleting" ? context.operations.running(collection.key) : undefined;
  const operation =
    running ??
    startDeletion(context, {
      subscriptionId: param(params, "subscriptionId"),
      collection,
      subject: collection.key,
      finish: () => {
        if (context.state.collections.get(stringAt(collection.resource, "id") ?? "") === collection) {
          context.state.collections.remove(collection.key);
        }
      },
    });
  markDeleting(collection.resource);
  for (const point of collection.points.values()) markDeleting(point);
  return acceptedDelete(request, operation, context, COLLECTION_LIMITS);
}

interface Deletion {
  subscriptionId: string;
  collection: StoredCollection;
  /** The key a repeated DELETE finds the running operation by. */
  subject: string;
  finish(): void;
}

function startDeletion(context: SimContext, deletion: Deletion): AsyncOperation {
  const now = context.now();
  return context.operations.start({
    subscriptionId: deletion.subscriptionId,
    location: deletion.collection.location,
    startTime: now,
    dueAt: new Date(now.getTime() + context.deleteDurationMs),
    subject: deletion.subject,
    finish: deletion.finish,
  });
}

/**
 * A restore point PUT into a collection that is being deleted. ours: Azure documents no answer; the simulator
 * refuses it rather than create a point that the collection's deletion would take with it.
 */
export function collectionDeletingRefusal(collection: StoredCollection): SimResponse | undefined {
  if (stateOf(collection.resource) !== "deleting") return undefined;
  return cloudError(
    409,
    "OperationNotAllowed",
    `Operation 'Create Restore Point' is not allowed since the restore point collection '${stringAt(collection.resource, "name") ?? ""}' is being deleted.`,
  );
}

export const DELETE_ROUTES: Route<SimContext>[] = [
  {
    name: "restorePointCollections.delete",
    method: "DELETE",
    template: COLLECTION,
    handle: deleteCollection,
  },
  { name: "restorePoints.delete", method: "DELETE", template: POINT, handle: deletePoint },
];
