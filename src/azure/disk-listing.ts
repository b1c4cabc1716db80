/** The managed disks of a fleet read, listed by resource group or for the whole subscription. */
import type { ComputeManagementClient, Disk } from "@azure/arm-compute";
import type { VmFacts } from "../core/facts.js";
import { isResourceGroupNotFound, toArmError } from "./arm-error.js";
import { eachItem, mapBounded } from "./paging.js";
import { parseResourceId, sameId } from "./resource-id.js";
import { type DiskResource, isDiskResource, toDiskResource } from "./vm-facts.mapper.js";

/**
 * Hands what the facts need of each managed disk (by lower-case id) to `onDisk` as its page arrives: the disks of
 * the given resource groups, or of the whole subscription.
 */
export async function listDisks(
  compute: ComputeManagementClient,
  subscriptionId: string,
  resourceGroups: string[] | "all",
  concurrency: number,
  onDisk: (id: string, disk: DiskResource) => void,
): Promise<void> {
  const keep = (disk: Disk) => {
    if (disk.id) onDisk(disk.id.toLowerCase(), toDiskResource(disk));
  };
  try {
    if (resourceGroups === "all") await eachItem(compute.disks.list(), keep);
    else await mapBounded(resourceGroups, concurrency, (group) => listGroupDisks(compute, group, keep));
  } catch (error) {
    throw toArmError(error, `listing the disks of subscription ${subscriptionId}`);
  }
}

/** A group deleted since its VM was listed holds no disks (a single check treats a vanished disk alike). */
async function listGroupDisks(
  compute: ComputeManagementClient,
  resourceGroup: string,
  keep: (disk: Disk) => void,
): Promise<void> {
  try {
    await eachItem(compute.disks.listByResourceGroup(resourceGroup), keep);
  } catch (error) {
    if (isResourceGroupNotFound(error)) return;
    throw error;
  }
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
