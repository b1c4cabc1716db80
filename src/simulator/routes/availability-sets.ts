/**
 * Microsoft.Compute/availabilitySets: get, list by resource group, list by subscription. ARM keeps a set's
 * `properties.virtualMachines` (SubResource ids) up to date as VMs join it; the simulator computes it from the
 * VMs whose `properties.availabilitySet.id` names the set, so a fleet file need not list them twice. ours: the
 * ids are the VMs' own (ARM is often seen to return them upper-case; ids compare case-insensitively).
 */
import type { SimContext } from "../context.js";
import { resourceNotFound } from "../http/errors.js";
import { pagedList } from "../http/paging.js";
import { param, type Route, type RouteParams } from "../http/router.js";
import { asObject, clone, type JsonObject, stringAt } from "../json.js";
import { computeId } from "../resource-id.js";
import { AVAILABILITY_SET, VIRTUAL_MACHINE } from "../resource-types.js";
import type { FleetState } from "../store/state.js";
import { ok } from "./render.js";

const GROUP =
  "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute";
const SUBSCRIPTION = "/subscriptions/{subscriptionId}/providers/Microsoft.Compute";
const EVERYTHING = Number.POSITIVE_INFINITY;

function setId(params: RouteParams): string {
  return computeId(
    param(params, "subscriptionId"),
    param(params, "resourceGroupName"),
    "availabilitySets",
    param(params, "availabilitySetName"),
  );
}

/** Member VM ids by the lower-case id of the set they name, for one subscription. */
function membersBySet(state: FleetState, subscriptionId: string): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const vm of state.resources.list(VIRTUAL_MACHINE, subscriptionId)(undefined, EVERYTHING).items) {
    const set = stringAt(vm.resource, "properties", "availabilitySet", "id");
    const id = stringAt(vm.resource, "id");
    if (!set || !id) continue;
    const key = set.toLowerCase();
    const known = members.get(key);
    if (known) known.push(id);
    else members.set(key, [id]);
  }
  return members;
}

function render(resource: JsonObject, members: Map<string, string[]>): JsonObject {
  const copy = clone(resource);
  const properties = asObject(copy.properties) ?? {};
  const ids = members.get((stringAt(resource, "id") ?? "").toLowerCase()) ?? [];
  properties.virtualMachines = ids.map((id) => ({ id }));
  copy.properties = properties;
  return copy;
}

export const AVAILABILITY_SET_ROUTES: Route<SimContext>[] = [
  {
    name: "availabilitySets.get",
    method: "GET",
    template: `${GROUP}/availabilitySets/{availabilitySetName}`,
    handle: (_request, params, context) => {
      const set = context.state.resources.get(setId(params), AVAILABILITY_SET);
      if (!set) {
        return resourceNotFound(
          AVAILABILITY_SET,
          param(params, "availabilitySetName"),
          param(params, "resourceGroupName"),
        );
      }
      return ok(render(set.resource, membersBySet(context.state, param(params, "subscriptionId"))));
    },
  },
  {
    name: "availabilitySets.list",
    method: "GET",
    template: `${GROUP}/availabilitySets`,
    handle: (request, params, context) => {
      const subscriptionId = param(params, "subscriptionId");
      const sets = context.state.resources.list(
        AVAILABILITY_SET,
        subscriptionId,
        param(params, "resourceGroupName"),
      );
      const members = membersBySet(context.state, subscriptionId);
      return pagedList(request, sets, context.pageSize, (set) => render(set.resource, members));
    },
  },
  {
    name: "availabilitySets.listBySubscription",
    method: "GET",
    template: `${SUBSCRIPTION}/availabilitySets`,
    handle: (request, params, context) => {
      const subscriptionId = param(params, "subscriptionId");
      const sets = context.state.resources.list(AVAILABILITY_SET, subscriptionId);
      const members = membersBySet(context.state, subscriptionId);
      return pagedList(request, sets, context.pageSize, (set) => render(set.resource, members));
    },
  },
];
