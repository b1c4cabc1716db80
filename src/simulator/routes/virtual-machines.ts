/** Microsoft.Compute/virtualMachines: get (with $expand=instanceView), instanceView, lists. */
import type { SimContext } from "../context.js";
import { resourceNotFound } from "../http/errors.js";
import { pagedList } from "../http/paging.js";
import { param, type Route, type RouteParams } from "../http/router.js";
import { objectAt } from "../json.js";
import { normalizeLocation } from "../locations.js";
import { computeId } from "../resource-id.js";
import { VIRTUAL_MACHINE } from "../resource-types.js";
import type { StoredResource } from "../store/resources.js";
import { expands, ok, withoutInstanceView } from "./render.js";

const GROUP =
  "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute";
const SUBSCRIPTION = "/subscriptions/{subscriptionId}/providers/Microsoft.Compute";

function findVm(context: SimContext, params: RouteParams): StoredResource | undefined {
  const id = computeId(
    param(params, "subscriptionId"),
    param(params, "resourceGroupName"),
    "virtualMachines",
    param(params, "vmName"),
  );
  return context.state.resources.get(id, VIRTUAL_MACHINE);
}

function notFound(params: RouteParams) {
  return resourceNotFound(VIRTUAL_MACHINE, param(params, "vmName"), param(params, "resourceGroupName"));
}

export const VIRTUAL_MACHINE_ROUTES: Route<SimContext>[] = [
  {
    name: "virtualMachines.get",
    method: "GET",
    template: `${GROUP}/virtualMachines/{vmName}`,
    handle: (request, params, context) => {
      const vm = findVm(context, params);
      return vm ? ok(withoutInstanceView(vm.resource, expands(request, "instanceView"))) : notFound(params);
    },
  },
  {
    name: "virtualMachines.instanceView",
    method: "GET",
    template: `${GROUP}/virtualMachines/{vmName}/instanceView`,
    handle: (_request, params, context) => {
      const vm = findVm(context, params);
      return vm ? ok(objectAt(vm.resource, "properties", "instanceView") ?? {}) : notFound(params);
    },
  },
  {
    name: "virtualMachines.list",
    method: "GET",
    template: `${GROUP}/virtualMachines`,
    handle: (request, params, context) => {
      const vms = context.state.resources.list(
        VIRTUAL_MACHINE,
        param(params, "subscriptionId"),
        param(params, "resourceGroupName"),
      );
      const keep = expands(request, "instanceView");
      return pagedList(request, vms, context.pageSize, (vm) => withoutInstanceView(vm.resource, keep));
    },
  },
  {
    name: "virtualMachines.listAll",
    method: "GET",
    template: `${SUBSCRIPTION}/virtualMachines`,
    handle: (request, params, context) => {
      const vms = context.state.resources.list(VIRTUAL_MACHINE, param(params, "subscriptionId"));
      const keep = expands(request, "instanceView");
      return pagedList(request, vms, context.pageSize, (vm) => withoutInstanceView(vm.resource, keep));
    },
  },
  {
    name: "virtualMachines.listByLocation",
    method: "GET",
    template: `${SUBSCRIPTION}/locations/{location}/virtualMachines`,
    handle: (request, params, context) => {
      const location = normalizeLocation(param(params, "location"));
      const vms = context.state.resources.list(
        VIRTUAL_MACHINE,
        param(params, "subscriptionId"),
        undefined,
        (vm) => normalizeLocation(String(vm.resource.location ?? "")) === location,
      );
      return pagedList(request, vms, context.pageSize, (vm) => withoutInstanceView(vm.resource, false));
    },
  },
];
