/**
 * The one place that lists the machines the bot can talk about: VMs (Flexible scale-set members are ordinary
 * VMs) and the instances of Uniform scale sets, by subscription or resource group, with or without their
 * instance views. The name index wants only references; the fleet report wants the instance views too
 * (`$expand=instanceView`, so no machine needs a GET of its own).
 */
import type {
  ComputeManagementClient,
  VirtualMachine,
  VirtualMachineScaleSet,
  VirtualMachineScaleSetVM,
} from "@azure/arm-compute";
import { isResourceGroupNotFound, toArmError } from "./arm-error.js";
import type { ArmClients } from "./clients.js";
import { collect, mapBounded } from "./paging.js";
import { parseResourceId } from "./resource-id.js";
import type { VmRef } from "./vm-ref.js";

export interface ListedMachine {
  machine: VirtualMachine | VirtualMachineScaleSetVM;
  ref: VmRef;
}

export interface MachineListing {
  /** Only this group of the subscription; absent: the whole subscription. */
  resourceGroup?: string;
  /** Ask ARM for each machine's instance view in the same list pages. */
  instanceView?: boolean;
  /** Scale sets whose instances are listed at once (default 8). */
  concurrency?: number;
  /** Asked after each machine; while it returns a promise, the next page waits (see paging.ts collect). */
  pause?: () => Promise<void> | undefined;
}

const DEFAULT_CONCURRENCY = 8;

/** References to every machine of the given subscriptions, for the name index. */
export async function listVmRefs(clients: ArmClients, subscriptionIds: readonly string[]): Promise<VmRef[]> {
  const perSubscription = await Promise.all(
    subscriptionIds.map((id) => listMachines(clients.compute(id), id)),
  );
  return perSubscription.flatMap((machines) => (machines ?? []).map(({ ref }) => ref));
}

/**
 * Every VM and Uniform instance of a resource group, or of the whole subscription when no group is given.
 * Undefined when the group does not exist in this subscription. `keep` turns each machine into what the caller
 * needs as its page arrives, so the SDK's models of a whole subscription are never alive at once.
 */
export async function listMachines<T = ListedMachine>(
  compute: ComputeManagementClient,
  subscriptionId: string,
  listing: MachineListing = {},
  keep: (listed: ListedMachine) => T = (listed) => listed as T,
): Promise<T[] | undefined> {
  const { resourceGroup } = listing;
  const expand = listing.instanceView ? ({ expand: "instanceView" } as const) : undefined;
  try {
    const [vms, sets] = await Promise.all([
      collect(
        resourceGroup
          ? compute.virtualMachines.list(resourceGroup, expand)
          : compute.virtualMachines.listAll(expand),
        (vm) => listedVm(vm, subscriptionId).map(keep),
        listing.pause,
      ),
      collect(
        resourceGroup
          ? compute.virtualMachineScaleSets.list(resourceGroup)
          : compute.virtualMachineScaleSets.listAll(),
      ),
    ]);
    const uniform = sets.filter((set) => (set.orchestrationMode ?? "Uniform") === "Uniform");
    const instances = await mapBounded(uniform, listing.concurrency ?? DEFAULT_CONCURRENCY, (set) =>
      listInstances(compute, subscriptionId, set, { expand, keep, pause: listing.pause }),
    );
    return [...vms.flat(), ...instances.flat()];
  } catch (error) {
    if (resourceGroup !== undefined && isResourceGroupNotFound(error)) return undefined;
    const where = resourceGroup ? `resource group ${resourceGroup}` : "subscription";
    throw toArmError(error, `listing the VMs of ${where} ${subscriptionId}`);
  }
}

interface InstanceListing<T> {
  expand: { expand: "instanceView" } | undefined;
  keep: (listed: ListedMachine) => T;
  pause: MachineListing["pause"];
}

async function listInstances<T>(
  compute: ComputeManagementClient,
  subscriptionId: string,
  set: VirtualMachineScaleSet,
  { expand, keep, pause }: InstanceListing<T>,
): Promise<T[]> {
  const parsed = set.id ? parseResourceId(set.id) : undefined;
  if (!parsed || !set.name) return [];
  const instances = await collect(
    compute.virtualMachineScaleSetVMs.list(parsed.resourceGroup, set.name, expand),
    (instance) => listedInstance(instance, set, subscriptionId).map(keep),
    pause,
  );
  return instances.flat();
}

function listedVm(vm: VirtualMachine, subscriptionId: string): ListedMachine[] {
  const ref = vmRefOf(vm, subscriptionId);
  return ref ? [{ machine: vm, ref }] : [];
}

/** The reference of a listed VM, in the subscription it was listed in when its id does not say one. */
export function vmRefOf(vm: VirtualMachine, subscriptionId: string): VmRef | undefined {
  const parsed = vm.id ? parseResourceId(vm.id) : undefined;
  if (!parsed || !vm.id || !vm.name) return undefined;
  return {
    id: vm.id,
    name: vm.name,
    resourceGroup: parsed.resourceGroup,
    subscriptionId: parsed.subscriptionId || subscriptionId,
    location: vm.location,
    type: "virtualMachine",
  };
}

/** An instance's name and number come from its id when ARM leaves them out (`<set>_<instance id>`). */
function listedInstance(
  instance: VirtualMachineScaleSetVM,
  set: VirtualMachineScaleSet,
  subscriptionId: string,
): ListedMachine[] {
  const parsed = instance.id ? parseResourceId(instance.id) : undefined;
  const instanceId = instance.instanceId ?? parsed?.segments[1]?.[1];
  if (!parsed || !instance.id || !instanceId || !set.name) return [];
  const ref: VmRef = {
    id: instance.id,
    name: instance.name ?? `${set.name}_${instanceId}`,
    resourceGroup: parsed.resourceGroup,
    subscriptionId: parsed.subscriptionId || subscriptionId,
    location: instance.location || set.location,
    type: "scaleSetInstance",
    scaleSetName: set.name,
    instanceId,
  };
  return [{ machine: instance, ref }];
}
