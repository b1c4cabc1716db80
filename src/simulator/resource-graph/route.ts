/**
 * The Resource Graph route. ARM checks the token and the api-version before it, as for every route; it does
 * not take from ARM's subscription read bucket (arm-handler.ts), because Resource Graph has its own quota.
 */
import type { SimContext } from "../context.js";
import type { Route } from "../http/router.js";

const ROUTE_PREFIX = "resourceGraph.";

export const RESOURCE_GRAPH_ROUTES: Route<SimContext>[] = [
  {
    name: `${ROUTE_PREFIX}resources`,
    method: "POST",
    template: "/providers/Microsoft.ResourceGraph/resources",
    handle: (request, _params, context) =>
      context.resourceGraph.handle({
        request,
        state: context.state,
        now: context.now(),
        apiVersion: request.url.searchParams.get("api-version") ?? "",
      }),
  },
];

/** Resource Graph requests: their own quota instead of ARM's buckets, and a query is a read (for freezes). */
export function isResourceGraphRoute(name: string | undefined): boolean {
  return name?.startsWith(ROUTE_PREFIX) ?? false;
}
