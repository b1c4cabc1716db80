/** Every route the simulator serves; more specific templates never clash because matches are anchored. */
import type { SimContext } from "../context.js";
import type { Route } from "../http/router.js";
import { RESOURCE_GRAPH_ROUTES } from "../resource-graph/route.js";
import { AVAILABILITY_SET_ROUTES } from "./availability-sets.js";
import { COLLECTION_ROUTES } from "./collections.js";
import { DELETE_ROUTES } from "./deletions.js";
import { DISK_ROUTES } from "./disks.js";
import { OPERATION_ROUTES } from "./operations.js";
import { RESTORE_POINT_ROUTES } from "./restore-points.js";
import { SCALE_SET_ROUTES } from "./scale-sets.js";
import { SUBSCRIPTION_ROUTES } from "./subscriptions.js";
import { VIRTUAL_MACHINE_ROUTES } from "./virtual-machines.js";

export const ALL_ROUTES: readonly Route<SimContext>[] = [
  ...SUBSCRIPTION_ROUTES,
  ...VIRTUAL_MACHINE_ROUTES,
  ...SCALE_SET_ROUTES,
  ...AVAILABILITY_SET_ROUTES,
  ...DISK_ROUTES,
  ...COLLECTION_ROUTES,
  ...RESTORE_POINT_ROUTES,
  ...DELETE_ROUTES,
  ...OPERATION_ROUTES,
  ...RESOURCE_GRAPH_ROUTES,
];
