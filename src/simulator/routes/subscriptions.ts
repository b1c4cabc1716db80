/** Microsoft.Resources subscriptions: `GET /subscriptions` and `GET /subscriptions/{id}` (outside arm-compute). */
import type { SimContext } from "../context.js";
import { subscriptionNotFound } from "../http/errors.js";
import { pagedList } from "../http/paging.js";
import { param, type Route } from "../http/router.js";
import type { SubscriptionInfo } from "../store/state.js";
import { ok } from "./render.js";

function render(subscription: SubscriptionInfo): unknown {
  return {
    id: `/subscriptions/${subscription.subscriptionId}`,
    authorizationSource: "RoleBased",
    managedByTenants: [],
    subscriptionId: subscription.subscriptionId,
    tenantId: subscription.tenantId,
    displayName: subscription.displayName,
    state: subscription.state,
    subscriptionPolicies: {
      locationPlacementId: "Public_2014-09-01",
      quotaId: "PayAsYouGo_2014-09-01",
      spendingLimit: "Off",
    },
  };
}

export const SUBSCRIPTION_ROUTES: Route<SimContext>[] = [
  {
    name: "subscriptions.list",
    method: "GET",
    template: "/subscriptions",
    handle: (request, _params, context) =>
      pagedList(request, context.state.subscriptionPager(), context.pageSize, render),
  },
  {
    name: "subscriptions.get",
    method: "GET",
    template: "/subscriptions/{subscriptionId}",
    handle: (_request, params, context) => {
      const subscription = context.state.subscription(param(params, "subscriptionId"));
      return subscription ? ok(render(subscription)) : subscriptionNotFound(param(params, "subscriptionId"));
    },
  },
];
