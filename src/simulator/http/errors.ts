/**
 * ARM and Compute error responses (CloudError: `{ error: { code, message } }`). Codes and messages follow
 * ARM where the reference documents them; the ones marked "ours" are the simulator's own choice.
 */
import type { SimResponse } from "./types.js";

export function cloudError(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): SimResponse {
  return { status, headers, body: { error: { code, message } } };
}

export function resourceNotFound(type: string, name: string, resourceGroup: string): SimResponse {
  return cloudError(
    404,
    "ResourceNotFound",
    `The Resource '${type}/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}

/** Compute's answer for a nested entity (restore point) that does not exist. */
export function entityNotFound(): SimResponse {
  return cloudError(404, "NotFound", "The entity was not found in this Azure location.");
}

export function parentNotFound(parentName: string): SimResponse {
  return cloudError(
    404,
    "ParentResourceNotFound",
    `Can not perform requested operation on nested resource. Parent resource '${parentName}' not found.`,
  );
}

export function resourceGroupNotFound(resourceGroup: string): SimResponse {
  return cloudError(404, "ResourceGroupNotFound", `Resource group '${resourceGroup}' could not be found.`);
}

export function subscriptionNotFound(subscriptionId: string): SimResponse {
  return cloudError(404, "SubscriptionNotFound", `The subscription '${subscriptionId}' could not be found.`);
}

export function missingAuthorization(): SimResponse {
  return cloudError(
    401,
    "AuthenticationFailed",
    "Authentication failed. The 'Authorization' header is missing.",
  );
}

export function invalidAuthorization(): SimResponse {
  return cloudError(
    401,
    "InvalidAuthenticationToken",
    "The access token is invalid. The 'Authorization' header must be 'Bearer <token>'.",
  );
}

export function missingApiVersion(): SimResponse {
  return cloudError(
    400,
    "MissingApiVersionParameter",
    "The api-version query parameter (?api-version=) is required for all requests.",
  );
}

/** ARM's answer to a malformed api-version (or any unknown one on its own Microsoft.Resources types). */
export function invalidApiVersion(apiVersion: string, supported: readonly string[]): SimResponse {
  return cloudError(
    400,
    "InvalidApiVersionParameter",
    `The api-version '${apiVersion}' is invalid. The supported versions are '${supported.join(",")}'.`,
  );
}

export interface UnregisteredVersion {
  apiVersion: string;
  location: string;
  type: string;
  supportedVersions: readonly string[];
  supportedLocations: readonly string[];
}

/** ARM's answer to a well-formed api-version the resource provider has not registered for the type. */
export function noRegisteredProvider(detail: UnregisteredVersion): SimResponse {
  return cloudError(
    400,
    "NoRegisteredProviderFound",
    `No registered resource provider found for location '${detail.location}' and API version '${detail.apiVersion}' for type '${detail.type}'. The supported api-versions are '${detail.supportedVersions.join(", ")}'. The supported locations are '${detail.supportedLocations.join(", ")}'.`,
  );
}

export function invalidRequestContent(detail: string): SimResponse {
  return cloudError(
    400,
    "InvalidRequestContent",
    `The request content was invalid and could not be deserialized: ${detail}`,
  );
}

/** ARM's own throttling answer (subscription read/write/delete token buckets). */
export function armThrottled(
  subscriptionId: string,
  operation: string,
  retryAfterSeconds: number,
): SimResponse {
  return cloudError(
    429,
    "TooManyRequests",
    `The request is being throttled as the limit has been reached for operation type - ${operation}. The request for subscription '${subscriptionId}' could not be processed due to an excessive volume of traffic. Please try again later.`,
    { "retry-after": String(retryAfterSeconds) },
  );
}

export interface ThrottleWindow {
  start: Date;
  end: Date;
  /** Default 1 (one request per window), measured = allowed + 1. */
  allowedRequestCount?: number;
  measuredRequestCount?: number;
}

/**
 * The Compute resource provider's 429 shape (reference section 14.2): no `error` wrapper, the policy that ran
 * out in `details[].target` and in `x-ms-ratelimit-remaining-resource`.
 */
export function computeThrottled(
  policy: string,
  retryAfterSeconds: number,
  window: ThrottleWindow,
): SimResponse {
  const allowed = window.allowedRequestCount ?? 1;
  const detail = {
    operationGroup: policy,
    startTime: window.start.toISOString(),
    endTime: window.end.toISOString(),
    allowedRequestCount: allowed,
    measuredRequestCount: window.measuredRequestCount ?? allowed + 1,
  };
  return {
    status: 429,
    headers: {
      "retry-after": String(retryAfterSeconds),
      "x-ms-ratelimit-remaining-resource": `Microsoft.Compute/${policy};0`,
    },
    body: {
      code: "OperationNotAllowed",
      message:
        "The server rejected the request because too many requests have been received for this subscription.",
      details: [{ code: "TooManyRequests", target: policy, message: JSON.stringify(detail) }],
    },
  };
}

export function internalServerError(
  message = "An internal execution error occurred. Please retry later.",
): SimResponse {
  return cloudError(500, "InternalServerError", message);
}
