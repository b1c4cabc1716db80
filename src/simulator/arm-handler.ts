/**
 * The whole simulator as one function `(request) => response`: what ARM checks before any resource provider
 * sees a request (token, api-version, subscription, resource group, throttling), then the matching route.
 */
import { setTimeout as delay } from "node:timers/promises";
import { apiVersionRefusal } from "./api-versions.js";
import type { SimContext } from "./context.js";
import type { ReadFault, RequestKind } from "./faults.js";
import * as errors from "./http/errors.js";
import { createRouter, type RouteMatch } from "./http/router.js";
import type { SimHandler, SimRequest, SimResponse } from "./http/types.js";
import { randomGuid } from "./ids.js";
import { stringAt } from "./json.js";
import { normalizeLocation } from "./locations.js";
import { isResourceGraphRoute } from "./resource-graph/route.js";
import { ALL_ROUTES } from "./routes/index.js";
import type { RequestStats } from "./stats.js";
import type { ArmThrottle, OperationKind } from "./throttle.js";
import type { TokenGate } from "./token-check.js";

export interface ArmHandlerOptions {
  context: SimContext;
  throttle: ArmThrottle;
  stats: RequestStats;
  /** Set when the simulator plays another cloud: only tokens for its audience (and issuer) pass. */
  tokens?: TokenGate;
}

type Match = RouteMatch<SimContext> | undefined;

export function createArmHandler(options: ArmHandlerOptions): SimHandler {
  const findRoute = createRouter(ALL_ROUTES);
  return async (request) => {
    const match = findRoute(request.method, request.url.pathname);
    options.stats.count(match?.route.name ?? "unknown");
    const { faults } = options.context;
    const end = options.stats.begin();
    try {
      await faults.passFreeze(freezeKind(request.method, match), request.signal);
      const latency = faults.latencyMs;
      // With the signal, a client that gives up also cancels the timer.
      if (latency > 0) await delay(latency, undefined, { signal: request.signal });
      const response = respond(request, match, options);
      return withRequestIds(request, response);
    } finally {
      end();
    }
  };
}

function respond(request: SimRequest, match: Match, options: ArmHandlerOptions): SimResponse {
  const refusal = checkRequest(request, options.tokens);
  if (refusal) return refusal;
  if (!match) return unknownRoute(request);
  const versionRefusal = apiVersionRefusal({
    routeName: match.route.name,
    apiVersion: request.url.searchParams.get("api-version") ?? "",
    location: requestLocation(request, match),
  });
  if (versionRefusal) return versionRefusal;
  const { context } = options;
  const missing = checkScope(match, context);
  if (missing) return missing;
  context.operations.settle(context.now());
  // Resource Graph has its own per-user quota (and headers). ours: the injected faults, shaped as Compute's
  // answers, are not applied to it.
  if (isResourceGraphRoute(match.route.name)) return match.route.handle(request, match.params, context);
  const kind = operationKind(request.method);
  const scope = match.params.subscriptionId ?? "tenant";
  const budget = options.throttle.take(scope, kind, context.now().getTime());
  if (!budget.ok) return errors.armThrottled(scope, kind, budget.retryAfterSeconds);
  const budgetHeader = `x-ms-ratelimit-remaining-${scope === "tenant" ? "tenant" : "subscription"}-${kind}`;
  const response = injectedFault(request, context) ?? match.route.handle(request, match.params, context);
  return { ...response, headers: { ...response.headers, [budgetHeader]: String(budget.remaining) } };
}

function checkRequest(request: SimRequest, tokens: TokenGate | undefined): SimResponse | undefined {
  const authorization = request.headers.authorization;
  if (!authorization) return errors.missingAuthorization();
  const bearer = /^Bearer\s+(\S+)/i.exec(authorization);
  if (!bearer?.[1]) return errors.invalidAuthorization();
  const tokenRefusal = tokens?.check(bearer[1]);
  if (tokenRefusal) return tokenRefusal;
  if (!request.url.searchParams.get("api-version")) return errors.missingApiVersion();
  if (request.bodyError) return errors.invalidRequestContent(request.bodyError);
  return undefined;
}

/** The location ARM would name in NoRegisteredProviderFound: from the path, else from a PUT body. */
function requestLocation(request: SimRequest, match: NonNullable<Match>): string | undefined {
  const location = match.params.location ?? stringAt(request.body, "location");
  return location === undefined ? undefined : normalizeLocation(location);
}

function checkScope(match: NonNullable<Match>, context: SimContext): SimResponse | undefined {
  const { subscriptionId, resourceGroupName } = match.params;
  if (subscriptionId === undefined) return undefined;
  if (!context.state.subscription(subscriptionId)) return errors.subscriptionNotFound(subscriptionId);
  if (resourceGroupName !== undefined && !context.state.hasGroup(subscriptionId, resourceGroupName)) {
    return errors.resourceGroupNotFound(resourceGroupName);
  }
  return undefined;
}

/** Checked before the route runs: a failed write changes nothing, as with a real 429 or 500. */
function injectedFault(request: SimRequest, context: SimContext): SimResponse | undefined {
  const kind = requestKind(request.method);
  const fault = kind === "reads" ? context.faults.nextReadFault() : context.faults.nextWriteFault();
  return fault ? faultResponse(fault, throttlePolicy(request.method, kind), context.now()) : undefined;
}

function faultResponse(fault: ReadFault, policy: string, now: Date): SimResponse {
  if (fault.status === 500) return errors.internalServerError();
  return errors.computeThrottled(policy, fault.retryAfterSeconds, {
    start: new Date(now.getTime() - 30 * 60 * 1000),
    end: now,
  });
}

/** Real Compute policy names; which policy an injected failure names is our choice. */
function throttlePolicy(method: string, kind: RequestKind): string {
  if (kind === "reads") return "LowCostGet30Min";
  return method === "DELETE" ? "DeleteRestorePointSubscriptionMaximum" : "PutRestorePointSubscriptionMaximum";
}

/** A Resource Graph query is a POST that reads: a freeze of reads holds it. */
function freezeKind(method: string, match: Match): RequestKind {
  return isResourceGraphRoute(match?.route.name) ? "reads" : requestKind(method);
}

function requestKind(method: string): RequestKind {
  return method === "GET" || method === "HEAD" ? "reads" : "writes";
}

function operationKind(method: string): OperationKind {
  if (method === "DELETE") return "deletes";
  return method === "GET" || method === "HEAD" ? "reads" : "writes";
}

/** ours: ARM's answer to an unknown path depends on the provider; one plain 404 is enough here. */
function unknownRoute(request: SimRequest): SimResponse {
  return errors.cloudError(
    404,
    "NotFound",
    `The simulator has no route for ${request.method} ${request.url.pathname}.`,
  );
}

function withRequestIds(request: SimRequest, response: SimResponse): SimResponse {
  const requestId = randomGuid();
  return {
    ...response,
    headers: {
      "x-ms-request-id": requestId,
      "x-ms-correlation-request-id": request.headers["x-ms-correlation-request-id"] ?? requestId,
      ...response.headers,
    },
  };
}
