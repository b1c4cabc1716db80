/** The managed disks of a fleet read, listed by resource group or for the whole subscription. */
import type { ComputeManagementClient, Disk } from "@azure/arm-compute";
import type { VmFacts } from "../core/facts.js";
import { isResourceGroupNotFound, toArmError } from "./arm-error.js";
import { collect, mapBounded } from "./paging.js";
import { parseResourceId, sameId } from "./resource-id.js";
import { type DiskResource, isDiskResource, toDiskResource } from "./vm-facts.mapper.js";

/**
 * What the facts need of the managed disks, by lower-case id: those of the given resource groups, or of the
 * whole subscription.
 */
export async function listDisks(
  compute: ComputeManagementClient,
  subscriptionId: string,
  resourceGroups: string[] | "all",
  concurrency: number,
): Promise<Map<string, DiskResource>> {
  try {
    const lists =
      resourceGroups === "all"
        ? [await collect(compute.disks.list(), keyed)]
        : await mapBounded(resourceGroups, concurrency, (group) => listGroupDisks(compute, group));
    const byId = new Map<string, DiskResource>();
    for (const [id, disk] of lists.flat()) if (id) byId.set(id, disk);
    return byId;
  } catch (error) {
    throw toArmError(error, `listing the disks of subscription ${subscriptionId}`);
  }
}

/** A group deleted since its VM was listed holds no disks (a single check treats a vanished disk alike). */
async function listGroupDisks(
  compute: ComputeManagementClient,
  resourceGroup: string,
): Promise<Array<[string | undefined, DiskResource]>> {
  try {
    return await collect(compute.disks.listByResourceGroup(resourceGroup), keyed);
  } catch (error) {
    if (isResourceGroupNotFound(error)) return [];
    throw error;
  }
}

function keyed(disk: Disk): [string | undefined, DiskResource] {
  return [disk.id?.toLowerCase(), toDiskResource(disk)];
}

/** A resource group's VMs may keep disks in other groups: these are the groups to list. */
export function diskGroupsOf(vms: readonly VmFacts[], subscriptionId: string): string[] {
  const groups = new Map<string, string>();
  for (const vm of vms) {
    for (const disk of vm.disks.filter(isDiskResource)) {
      const parsed = parseResourceId(disk.id);
      if (parsed && sameId(parsed.subscriptionId, subscriptionId))
        groups.set(parsed.resourceGroup.toLowerCase(), parsed.resourceGroup);
    }
  }
  return [...groups.values()];
}
