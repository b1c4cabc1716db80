/**
 * The list calls of a fleet read in one subscription: VMs and Uniform instances with their instance views
 * (`$expand=instanceView`, so no VM needs a GET of its own), and managed disks by group or subscription.
 */
import type {
  ComputeManagementClient,
  Disk,
  VirtualMachine,
  VirtualMachineScaleSet,
  VirtualMachineScaleSetVM,
} from "@azure/arm-compute";
import { toArmError } from "./arm-error.js";
import { collect, mapBounded, vmRef } from "./fleet-listing.js";
import { parseResourceId, sameId } from "./resource-id.js";
import { managedDiskIds } from "./vm-facts.mapper.js";
import type { VmRef } from "./vm-ref.js";

export interface ListedMachine {
  machine: VirtualMachine | VirtualMachineScaleSetVM;
  ref: VmRef;
}

const WITH_INSTANCE_VIEW = { expand: "instanceView" } as const;

/**
 * Every VM and Uniform instance of a resource group, or of the whole subscription when no group is given.
 * Undefined when the group does not exist in this subscription.
 */
export async function listMachines(
  compute: ComputeManagementClient,
  subscriptionId: string,
  resourceGroup: string | undefined,
  concurrency: number,
): Promise<ListedMachine[] | undefined> {
  try {
    const [vms, sets] = await Promise.all([
      collect(
        resourceGroup
          ? compute.virtualMachines.list(resourceGroup, WITH_INSTANCE_VIEW)
          : compute.virtualMachines.listAll(WITH_INSTANCE_VIEW),
      ),
      collect(
        resourceGroup
          ? compute.virtualMachineScaleSets.list(resourceGroup)
          : compute.virtualMachineScaleSets.listAll(),
      ),
    ]);
    const uniform = sets.filter((set) => (set.orchestrationMode ?? "Uniform") === "Uniform");
    const instances = await mapBounded(uniform, concurrency, (set) =>
      listInstances(compute, subscriptionId, set),
    );
    return [...vms.flatMap((vm) => listedVm(vm, subscriptionId)), ...instances.flat()];
  } catch (error) {
    if (resourceGroup !== undefined && isGroupNotFound(error)) return undefined;
    const where = resourceGroup ? `resource group ${resourceGroup}` : "subscription";
    throw toArmError(error, `listing the VMs of ${where} ${subscriptionId}`);
  }
}

async function listInstances(
  compute: ComputeManagementClient,
  subscriptionId: string,
  set: VirtualMachineScaleSet,
): Promise<ListedMachine[]> {
  const parsed = set.id ? parseResourceId(set.id) : undefined;
  if (!parsed || !set.name) return [];
  const setName = set.name;
  const instances = await collect(
    compute.virtualMachineScaleSetVMs.list(parsed.resourceGroup, setName, WITH_INSTANCE_VIEW),
  );
  return instances.flatMap((instance) => {
    const id = instance.id ? parseResourceId(instance.id) : undefined;
    const instanceId = instance.instanceId ?? id?.segments[1]?.[1];
    if (!instance.id || !id || !instanceId) return [];
    const ref: VmRef = {
      id: instance.id,
      name: instance.name ?? `${setName}_${instanceId}`,
      resourceGroup: id.resourceGroup,
      subscriptionId: id.subscriptionId || subscriptionId,
      location: instance.location || set.location,
      type: "scaleSetInstance",
      scaleSetName: setName,
      instanceId,
    };
    return [{ machine: instance, ref }];
  });
}

function listedVm(vm: VirtualMachine, subscriptionId: string): ListedMachine[] {
  return vmRef(vm, subscriptionId).map((ref) => ({ machine: vm, ref }));
}

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
    if (isGroupNotFound(error)) return [];
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

function isGroupNotFound(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  return Reflect.get(error, "statusCode") === 404 && Reflect.get(error, "code") === "ResourceGroupNotFound";
}
