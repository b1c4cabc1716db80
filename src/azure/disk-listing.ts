/** The managed disks of a fleet read, listed by resource group or for the whole subscription. */
import type { ComputeManagementClient, Disk } from "@azure/arm-compute";
import { isResourceGroupNotFound, toArmError } from "./arm-error.js";
import { collect, mapBounded } from "./paging.js";
import { parseResourceId, sameId } from "./resource-id.js";
import { managedDiskIds } from "./vm-facts.mapper.js";
import type { ListedMachine } from "./vm-listing.js";

/** Managed disks by lower-case id: those of the given resource groups, or of the whole subscription. */
export async function listDisks(
  compute: ComputeManagementClient,
  subscriptionId: string,
  resourceGroups: string[] | "all",
  concurrency: number,
): Promise<Map<string, Disk>> {
  try {
    const lists =
      resourceGroups === "all"
        ? [await collect(compute.disks.list())]
        : await mapBounded(resourceGroups, concurrency, (group) => listGroupDisks(compute, group));
    const byId = new Map<string, Disk>();
    for (const disk of lists.flat()) if (disk.id) byId.set(disk.id.toLowerCase(), disk);
    return byId;
  } catch (error) {
    throw toArmError(error, `listing the disks of subscription ${subscriptionId}`);
  }
}

/** A group deleted since its VM was listed holds no disks (a single check treats a vanished disk alike). */
async function listGroupDisks(compute: ComputeManagementClient, resourceGroup: string): Promise<Disk[]> {
  try {
    return await collect(compute.disks.listByResourceGroup(resourceGroup));
  } catch (error) {
    if (isResourceGroupNotFound(error)) return [];
    throw error;
  }
}

/** A resource group's VMs may keep disks in other groups: these are the groups to list. */
export function diskGroupsOf(machines: ListedMachine[], subscriptionId: string): string[] {
  const groups = new Map<string, string>();
  for (const { machine } of machines) {
    for (const id of managedDiskIds(machine)) {
      const parsed = parseResourceId(id);
      if (parsed && sameId(parsed.subscriptionId, subscriptionId))
        groups.set(parsed.resourceGroup.toLowerCase(), parsed.resourceGroup);
    }
  }
  return [...groups.values()];
}
