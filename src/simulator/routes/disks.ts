/** Microsoft.Compute/disks: get, list by resource group, list by subscription. */
import type { SimContext } from "../context.js";
import { resourceNotFound } from "../http/errors.js";
import { pagedList } from "../http/paging.js";
import { param, type Route } from "../http/router.js";
import { clone } from "../json.js";
import { computeId } from "../resource-id.js";
import { DISK } from "../resource-types.js";
import { ok } from "./render.js";

const GROUP =
  "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute";

export const DISK_ROUTES: Route<SimContext>[] = [
  {
    name: "disks.get",
    method: "GET",
    template: `${GROUP}/disks/{diskName}`,
    handle: (_request, params, context) => {
      const id = computeId(
        param(params, "subscriptionId"),
        param(params, "resourceGroupName"),
        "disks",
        param(params, "diskName"),
      );
      const disk = context.state.resources.get(id, DISK);
      return disk
        ? ok(clone(disk.resource))
        : resourceNotFound(DISK, param(params, "diskName"), param(params, "resourceGroupName"));
    },
  },
  {
    name: "disks.list",
    method: "GET",
    template: `${GROUP}/disks`,
    handle: (request, params, context) => {
      const disks = context.state.resources.list(
        DISK,
        param(params, "subscriptionId"),
        param(params, "resourceGroupName"),
      );
      return pagedList(request, disks, context.pageSize, (disk) => clone(disk.resource));
    },
  },
  {
    name: "disks.listAll",
    method: "GET",
    template: "/subscriptions/{subscriptionId}/providers/Microsoft.Compute/disks",
    handle: (request, params, context) => {
      const disks = context.state.resources.list(DISK, param(params, "subscriptionId"));
      return pagedList(request, disks, context.pageSize, (disk) => clone(disk.resource));
    },
  },
];
