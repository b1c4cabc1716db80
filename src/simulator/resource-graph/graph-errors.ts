/**
 * Resource Graph's error bodies. The service's message is a support line with the time and correlation id;
 * the reason is in `details`: InvalidQuery first, then what failed (ParserFailure, UnknownFunction, ...), and
 * for throttling RateLimiting with Retry-After, as recorded 429 answers show it.
 */
import type { SimResponse } from "../http/types.js";
import type { QueryError } from "./query-error.js";

export interface ErrorContext {
  now: Date;
  correlationId: string;
}

const INVALID_QUERY = {
  code: "InvalidQuery",
  message:
    "Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying.",
};

const THROTTLED = {
  code: "RateLimiting",
  message:
    "Client application has been throttled and should not attempt to repeat the request until an amount of time has elapsed. Please see https://aka.ms/resourcegraph-throttling for help.",
};

export function invalidQuery(detail: QueryError, context: ErrorContext): SimResponse {
  return graphError(400, "BadRequest", [INVALID_QUERY, detail], context);
}

export function rateLimited(retryAfterSeconds: number, context: ErrorContext): SimResponse {
  const response = graphError(429, "RateLimiting", [THROTTLED], context);
  return { ...response, headers: { ...response.headers, "retry-after": String(retryAfterSeconds) } };
}

/** ours: the detail code and message of a request the simulator cannot read (bad options, bad skip token). */
export function badRequest(code: string, message: string, context: ErrorContext): SimResponse {
  return graphError(400, "BadRequest", [{ code, message }], context);
}

/** "If there are no subscriptions in the subscription list that the user has appropriate rights to, the
 * response is a 403" (Resource Graph overview). ours: both codes and the message. */
export function noAccessibleSubscription(context: ErrorContext): SimResponse {
  return graphError(
    403,
    "AuthorizationFailed",
    [
      {
        code: "NoAccessibleSubscription",
        message: "None of the requested subscriptions is in the simulator's fleet.",
      },
    ],
    context,
  );
}

function graphError(status: number, code: string, details: object[], context: ErrorContext): SimResponse {
  return {
    status,
    headers: { "x-ms-correlation-request-id": context.correlationId },
    body: { error: { code, message: supportLine(context), details } },
  };
}

/** "Please provide below info when asking for support: timestamp = 2021-06-04T05:09:13.1870573Z, ..." */
function supportLine({ now, correlationId }: ErrorContext): string {
  const timestamp = now.toISOString().replace(/\.(\d{3})Z$/, ".$10000Z");
  return `Please provide below info when asking for support: timestamp = ${timestamp}, correlationId = ${correlationId}.`;
}
