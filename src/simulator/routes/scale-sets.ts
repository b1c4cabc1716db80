/** Scale sets and their Uniform instances (virtualMachineScaleSets/{name}/virtualMachines/{instanceId}). */
import type { SimContext } from "../context.js";
import { resourceNotFound } from "../http/errors.js";
import { pagedList } from "../http/paging.js";
import { param, type Route, type RouteParams } from "../http/router.js";
import { objectAt } from "../json.js";
import { computeId } from "../resource-id.js";
import { SCALE_SET, SCALE_SET_VM } from "../resource-types.js";
import type { StoredResource } from "../store/resources.js";
import { expands, ok, withoutInstanceView } from "./render.js";

const GROUP =
  "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute";
const SUBSCRIPTION = "/subscriptions/{subscriptionId}/providers/Microsoft.Compute";

function scaleSetId(params: RouteParams): string {
  return computeId(
    param(params, "subscriptionId"),
    param(params, "resourceGroupName"),
    "virtualMachineScaleSets",
    param(params, "vmScaleSetName"),
  );
}

function findInstance(context: SimContext, params: RouteParams): StoredResource | undefined {
  return context.state.resources.get(
    `${scaleSetId(params)}/virtualMachines/${param(params, "instanceId")}`,
    SCALE_SET_VM,
  );
}

function scaleSetNotFound(params: RouteParams) {
  return resourceNotFound(SCALE_SET, param(params, "vmScaleSetName"), param(params, "resourceGroupName"));
}

function instanceNotFound(params: RouteParams) {
  const name = `${param(params, "vmScaleSetName")}/virtualMachines/${param(params, "instanceId")}`;
  return resourceNotFound(SCALE_SET, name, param(params, "resourceGroupName"));
}

export const SCALE_SET_ROUTES: Route<SimContext>[] = [
  {
    name: "virtualMachineScaleSets.get",
    method: "GET",
    template: `${GROUP}/virtualMachineScaleSets/{vmScaleSetName}`,
    handle: (_request, params, context) => {
      const set = context.state.resources.get(scaleSetId(params), SCALE_SET);
      return set ? ok(withoutInstanceView(set.resource, false)) : scaleSetNotFound(params);
    },
  },
  {
    name: "virtualMachineScaleSets.list",
    method: "GET",
    template: `${GROUP}/virtualMachineScaleSets`,
    handle: (request, params, context) => {
      const sets = context.state.resources.list(
        SCALE_SET,
        param(params, "subscriptionId"),
        param(params, "resourceGroupName"),
      );
      return pagedList(request, sets, context.pageSize, (set) => withoutInstanceView(set.resource, false));
    },
  },
  {
    name: "virtualMachineScaleSets.listAll",
    method: "GET",
    template: `${SUBSCRIPTION}/virtualMachineScaleSets`,
    handle: (request, params, context) => {
      const sets = context.state.resources.list(SCALE_SET, param(params, "subscriptionId"));
      return pagedList(request, sets, context.pageSize, (set) => withoutInstanceView(set.resource, false));
    },
  },
  {
    name: "virtualMachineScaleSetVMs.list",
    method: "GET",
    template: `${GROUP}/virtualMachineScaleSets/{vmScaleSetName}/virtualMachines`,
    handle: (request, params, context) => {
      if (!context.state.resources.get(scaleSetId(params), SCALE_SET)) return scaleSetNotFound(params);
      const instances = context.state.resources.children(scaleSetId(params), SCALE_SET_VM);
      const keep = expands(request, "instanceView");
      return pagedList(request, instances, context.pageSize, (vm) => withoutInstanceView(vm.resource, keep));
    },
  },
  {
    name: "virtualMachineScaleSetVMs.get",
    method: "GET",
    template: `${GROUP}/virtualMachineScaleSets/{vmScaleSetName}/virtualMachines/{instanceId}`,
    handle: (request, params, context) => {
      const vm = findInstance(context, params);
      return vm
        ? ok(withoutInstanceView(vm.resource, expands(request, "instanceView")))
        : instanceNotFound(params);
    },
  },
  {
    name: "virtualMachineScaleSetVMs.instanceView",
    method: "GET",
    template: `${GROUP}/virtualMachineScaleSets/{vmScaleSetName}/virtualMachines/{instanceId}/instanceView`,
    handle: (_request, params, context) => {
      const vm = findInstance(context, params);
      return vm ? ok(objectAt(vm.resource, "properties", "instanceView") ?? {}) : instanceNotFound(params);
    },
  },
];
