/** Async operation status: `{ startTime, endTime?, status, name, error? }` (reference section 6.1). */
import type { SimContext } from "../context.js";
import { cloudError, entityNotFound } from "../http/errors.js";
import { param, type Route } from "../http/router.js";
import type { SimResponse } from "../http/types.js";
import { type JsonObject, sameText } from "../json.js";
import type { AsyncOperation } from "../store/operations.js";
import { ok } from "./render.js";

const GET_LIMITS =
  "Microsoft.Compute/GetOperationResource;44,Microsoft.Compute/GetOperationSubscriptionMaximum;14999";

function render(operation: AsyncOperation): JsonObject {
  const body: JsonObject = { startTime: operation.startTime.toISOString() };
  if (operation.endTime) body.endTime = operation.endTime.toISOString();
  body.status = operation.status;
  if (operation.error) body.error = { ...operation.error };
  body.name = operation.id;
  return body;
}

export const OPERATION_ROUTES: Route<SimContext>[] = [
  {
    name: "operations.get",
    method: "GET",
    template:
      "/subscriptions/{subscriptionId}/providers/Microsoft.Compute/locations/{location}/operations/{operationId}",
    handle: (request, params, context): SimResponse => {
      // ours: Azure's answer to a tampered operation URL is not documented.
      if (!context.signer.verify(request.url)) {
        return cloudError(400, "InvalidOperationUrl", "The operation URL's signature is not valid.");
      }
      const operation = context.operations.get(param(params, "operationId"));
      if (!operation || !sameText(operation.subscriptionId, param(params, "subscriptionId")))
        return entityNotFound();
      const headers = { "x-ms-ratelimit-remaining-resource": GET_LIMITS };
      // The Location URL (monitor=true) answers 202 while running, like ARM's location-style polling.
      if (request.url.searchParams.get("monitor") === "true" && operation.status === "InProgress") {
        return { status: 202, headers: { ...headers, location: request.url.href } };
      }
      return ok(render(operation), headers);
    },
  },
];
