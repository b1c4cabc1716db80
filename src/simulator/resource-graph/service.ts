/**
 * `POST /providers/Microsoft.ResourceGraph/resources`: the user's quota first (every answer carries its
 * headers, a refused one too), then the request, the query, the scope and the page. The rows are the live
 * store's, so a collection created through ARM is in the next query.
 */
import { createHash } from "node:crypto";
import type { SimRequest, SimResponse } from "../http/types.js";
import { randomGuid } from "../ids.js";
import { subscriptionKey } from "../resource-id.js";
import type { FleetState } from "../store/state.js";
import { compileQuery, type Plan } from "./compiler.js";
import { execute, type ResultSet } from "./executor.js";
import {
  badRequest,
  type ErrorContext,
  invalidQuery,
  noAccessibleSubscription,
  rateLimited,
} from "./graph-errors.js";
import { type GraphRequest, MAX_TOP, readGraphRequest } from "./graph-request.js";
import { parseQuery } from "./parser.js";
import { DEFAULT_QUOTA, type QuotaSettings, quotaHeaders, UserQuota } from "./quota.js";
import { queryResponse } from "./response-body.js";
import { ResultCache } from "./result-cache.js";
import { cursorOf, decodeSkipToken, encodeSkipToken, pageOf, type SkipToken } from "./result-paging.js";
import { scanTable } from "./tables.js";

export interface GraphQuery {
  request: SimRequest;
  state: FleetState;
  now: Date;
  apiVersion: string;
}

/** What tests read to see the cost of paging (rows scanned), not the time it takes. */
export interface GraphCounters {
  rowsScanned: number;
  /** Results computed from the store (the others came from the cache). */
  resultsComputed: number;
  pagesFromCache: number;
  rowsServed: number;
}

export class ResourceGraphService {
  readonly counters: GraphCounters = { rowsScanned: 0, resultsComputed: 0, pagesFromCache: 0, rowsServed: 0 };
  private readonly quota: UserQuota;
  private readonly cache = new ResultCache();

  constructor(quota: Partial<QuotaSettings> = {}) {
    this.quota = new UserQuota({ ...DEFAULT_QUOTA, ...quota });
  }

  handle(query: GraphQuery): SimResponse {
    const context: ErrorContext = {
      now: query.now,
      correlationId: query.request.headers["x-ms-correlation-request-id"] ?? randomGuid(),
    };
    const decision = this.quota.take(userOf(query.request), query.now.getTime());
    const response = decision.ok
      ? this.answer(query, context)
      : rateLimited(decision.retryAfterSeconds, context);
    return {
      ...response,
      headers: {
        ...response.headers,
        "x-ms-correlation-request-id": context.correlationId,
        ...quotaHeaders(decision),
      },
    };
  }

  private answer(query: GraphQuery, context: ErrorContext): SimResponse {
    const checked = readGraphRequest(query.request.body, query.apiVersion);
    if (!checked.ok) return badRequest(checked.code, checked.message, context);
    const request = checked.request;
    const scope = scopeOf(request, query.state);
    if (!scope) return noAccessibleSubscription(context);
    const parsed = parseQuery(request.query);
    if (!parsed.ok) return invalidQuery(parsed.error, context);
    const compiled = compileQuery(parsed.query);
    if (!compiled.ok) return invalidQuery(compiled.error, context);
    const fingerprint = fingerprintOf(request.query, scope);
    let token: SkipToken | undefined;
    if (request.skipToken !== undefined) {
      token = decodeSkipToken(request.skipToken);
      if (token?.fingerprint !== fingerprint) {
        return badRequest(
          "InvalidSkipToken",
          "The $skipToken was not issued for this query and scope.",
          context,
        ); // ours
      }
    }
    const result = this.resultOf(compiled.plan, fingerprint, scope, query.state, token !== undefined);
    return { status: 200, body: this.page(result, request, fingerprint, token) };
  }

  private page(result: ResultSet, request: GraphRequest, fingerprint: string, token: SkipToken | undefined) {
    const size = request.top ?? token?.pageSize ?? MAX_TOP;
    const page = pageOf(result, { size, skip: request.skip, after: token?.after });
    const last = page.entries.at(-1);
    const next =
      result.pageable && page.more && last
        ? encodeSkipToken({ fingerprint, pageSize: size, after: cursorOf(last) })
        : undefined;
    this.counters.rowsServed += page.entries.length;
    return queryResponse(result, page, request.format, next);
  }

  /** A continuation page reuses the result of the page before while the store is unchanged. */
  private resultOf(
    plan: Plan,
    fingerprint: string,
    scope: string[],
    state: FleetState,
    continued: boolean,
  ): ResultSet {
    const cached = continued ? this.cache.get(fingerprint, state.version) : undefined;
    if (cached) {
      this.counters.pagesFromCache += 1;
      return cached;
    }
    const result = execute(plan, scanTable(plan.table, state, scope, this.counters, plan.probes));
    this.counters.resultsComputed += 1;
    this.cache.put(fingerprint, state.version, result);
    return result;
  }
}

/** ours: the bearer token stands for the user (ARM has checked that there is one). */
function userOf(request: SimRequest): string {
  return (request.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
}

/** The requested subscriptions the fleet has (keys), all of them when none is named; undefined when none is known. */
function scopeOf(request: GraphRequest, state: FleetState): string[] | undefined {
  const known = state.subscriptions().map((subscription) => subscriptionKey(subscription.subscriptionId));
  if (!request.subscriptions) return known;
  const wanted = new Set(request.subscriptions.map(subscriptionKey));
  const scope = known.filter((key) => wanted.has(key));
  return scope.length > 0 ? scope : undefined;
}

function fingerprintOf(query: string, scope: string[]): string {
  return createHash("sha1")
    .update(JSON.stringify([query, [...scope].sort()]))
    .digest("hex")
    .slice(0, 20);
}
