/**
 * Restore points. PUT follows real Azure rather than the spec (reference sections 6.1 and 8): 201 with
 * `provisioningState: "Creating"` and Azure-AsyncOperation, no Location, no Retry-After (DELETE: deletions.ts).
 * The body has no `type` field, like the real service's. An accepted PUT reports the hourly creation budget left in
 * x-ms-ratelimit-remaining-resource (rules/hourly.ts).
 */
import type { SimContext } from "../context.js";
import { cloudError, entityNotFound, parentNotFound } from "../http/errors.js";
import { param, type Route, type RouteParams } from "../http/router.js";
import type { SimRequest, SimResponse } from "../http/types.js";
import { asObject, type JsonObject, stringAt } from "../json.js";
import { addDiskRestorePoints, noteFailure, renderPoint } from "../restore-point-view.js";
import { intervalPolicy } from "../rules/frequency.js";
import { hourlyRemaining } from "../rules/hourly.js";
import { type CreationPlan, decideCreation } from "../rules/index.js";
import { buildSourceMetadata } from "../source-metadata.js";
import type { StoredCollection } from "../store/collections.js";
import { modeFamily } from "../store/creation-log.js";
import type { OperationError } from "../store/operations.js";
import { vmKeyOf } from "../vm-identity.js";
import { findCollection } from "./collection-of-route.js";
import { collectionDeletingRefusal } from "./deletions.js";
import { expands, ok, operationUrl } from "./render.js";

const ONE =
  "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/restorePointCollections/{restorePointCollectionName}/restorePoints/{restorePointName}";

function create(request: SimRequest, params: RouteParams, context: SimContext): SimResponse {
  const collection = findCollection(params, context);
  if (!collection) return parentNotFound(param(params, "restorePointCollectionName"));
  const deleting = collectionDeletingRefusal(collection);
  if (deleting) return deleting;
  const name = param(params, "restorePointName");
  if (collection.points.has(name.toLowerCase())) {
    // ours: the documented rule is "updating a restore point is not allowed"; the message is ours.
    return cloudError(
      409,
      "OperationNotAllowed",
      `Restore point '${name}' already exists. Updating a restore point is not allowed.`,
    );
  }
  const apiVersion = request.url.searchParams.get("api-version") ?? "";
  const decision = decideCreation(context, collection, { body: request.body, apiVersion });
  if (!decision.ok) return decision.response;
  return accept(request, params, context, { collection, name, plan: decision.plan });
}

interface Accepted {
  collection: StoredCollection;
  name: string;
  plan: CreationPlan;
}

/** 201: the point exists (Creating), the attempt is logged for the hourly budget, the operation runs. */
function accept(
  request: SimRequest,
  params: RouteParams,
  context: SimContext,
  accepted: Accepted,
): SimResponse {
  const { collection, name, plan } = accepted;
  const now = context.now();
  const point = newPoint(collection, name, plan, now);
  context.state.collections.addPoint(collection, point);
  const budget = { log: context.state.creations, vmKey: vmKeyOf(plan.vm), family: modeFamily(plan.mode) };
  budget.log.record(budget.vmKey, budget.family, now.getTime());
  const operation = context.operations.start({
    subscriptionId: param(params, "subscriptionId"),
    location: collection.location,
    startTime: now,
    dueAt: new Date(now.getTime() + (plan.failure?.immediate ? 0 : context.restorePointDurationMs)),
    failure: plan.failure?.error,
    finish: (failure) => finishCreation(point, plan, failure),
  });
  const remaining = hourlyRemaining({ ...budget, now, limits: context.limits });
  const policy = intervalPolicy(budget.family === "crash");
  return {
    status: 201,
    body: renderPoint(point),
    headers: {
      "azure-asyncoperation": operationUrl(request, operation, context),
      "azure-asyncnotification": "Enabled",
      "x-ms-ratelimit-remaining-resource": `Microsoft.Compute/PutRestorePointResource;5,Microsoft.Compute/PutRestorePointSubscriptionMaximum;149,Microsoft.Compute/${policy};${remaining}`,
    },
  };
}

function newPoint(collection: StoredCollection, name: string, plan: CreationPlan, now: Date): JsonObject {
  const properties: JsonObject = {};
  if (plan.request.excludeDiskIds.length > 0)
    properties.excludeDisks = plan.request.excludeDiskIds.map((id) => ({ id }));
  properties.sourceMetadata = buildSourceMetadata(plan.vm, plan.describedSlots);
  properties.provisioningState = "Creating";
  properties.consistencyMode = plan.mode;
  properties.timeCreated = now.toISOString();
  if (plan.request.instantAccessDurationMinutes !== undefined) {
    properties.instantAccessDurationMinutes = plan.request.instantAccessDurationMinutes;
  }
  return { name, id: `${stringAt(collection.resource, "id") ?? ""}/restorePoints/${name}`, properties };
}

function finishCreation(point: JsonObject, plan: CreationPlan, failure: OperationError | undefined): void {
  const properties = asObject(point.properties) ?? {};
  properties.provisioningState = failure ? "Failed" : "Succeeded";
  if (failure) noteFailure(point, failure);
  else addDiskRestorePoints(point, plan.describedSlots, plan.capturedKeys);
}

function get(request: SimRequest, params: RouteParams, context: SimContext): SimResponse {
  const collection = findCollection(params, context);
  if (!collection) return parentNotFound(param(params, "restorePointCollectionName"));
  const point = collection.points.get(param(params, "restorePointName").toLowerCase());
  if (!point) return entityNotFound();
  const apiVersion = request.url.searchParams.get("api-version") ?? "";
  const view = expands(request, "instanceView") ? { apiVersion, now: context.now() } : undefined;
  return ok(renderPoint(point, view));
}

export const RESTORE_POINT_ROUTES: Route<SimContext>[] = [
  { name: "restorePoints.create", method: "PUT", template: ONE, handle: create },
  { name: "restorePoints.get", method: "GET", template: ONE, handle: get },
];
