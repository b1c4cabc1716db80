/** Helpers shared by the routes: $expand handling, instance views, LRO headers. */
import type { SimContext } from "../context.js";
import type { SimRequest, SimResponse } from "../http/types.js";
import { asObject, clone, type JsonObject } from "../json.js";
import type { AsyncOperation } from "../store/operations.js";

/** `$expand` values, lower-case (ARM treats them case-insensitively). */
export function expands(request: SimRequest, value: string): boolean {
  const expand = request.url.searchParams.get("$expand") ?? "";
  return expand
    .split(",")
    .map((part) => part.trim().toLowerCase())
    .includes(value.toLowerCase());
}

/** The fleet keeps `properties.instanceView` inline; ARM returns it only with $expand=instanceView. */
export function withoutInstanceView(resource: JsonObject, keep: boolean): JsonObject {
  const copy = clone(resource);
  const properties = asObject(copy.properties);
  if (properties && !keep) delete properties.instanceView;
  return copy;
}

export function ok(body: unknown, headers?: Record<string, string>): SimResponse {
  return { status: 200, body, headers };
}

/** `{origin}/subscriptions/{s}/providers/Microsoft.Compute/locations/{loc}/operations/{id}?p=…&api-version=…&…` */
export function operationUrl(request: SimRequest, operation: AsyncOperation, context: SimContext): string {
  return context.signer.sign(
    request.url.origin,
    `/subscriptions/${operation.subscriptionId}/providers/Microsoft.Compute/locations/${operation.location}/operations/${operation.id}`,
    request.url.searchParams.get("api-version") ?? "",
    context.now(),
  );
}

/** DELETE answers 202 with both Azure-AsyncOperation and Location (= same URL + monitor=true), empty body. */
export function acceptedDelete(
  request: SimRequest,
  operation: AsyncOperation,
  context: SimContext,
  resourceHeader: string,
): SimResponse {
  const asyncOperation = operationUrl(request, operation, context);
  return {
    status: 202,
    headers: {
      "azure-asyncoperation": asyncOperation,
      location: `${asyncOperation}&monitor=true`,
      "x-ms-ratelimit-remaining-resource": resourceHeader,
    },
  };
}
