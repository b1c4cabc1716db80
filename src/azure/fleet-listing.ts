/** Lists every VM and Uniform scale-set instance of the given subscriptions, with bounded concurrency. */
import type { VirtualMachine, VirtualMachineScaleSet, VirtualMachineScaleSetVM } from "@azure/arm-compute";
import { toArmError } from "./arm-error.js";
import type { ArmClients } from "./clients.js";
import { parseResourceId } from "./resource-id.js";
import type { VmRef } from "./vm-ref.js";

export async function listFleet(clients: ArmClients, subscriptionIds: string[]): Promise<VmRef[]> {
  const perSubscription = await Promise.all(subscriptionIds.map((id) => listSubscriptionFleet(clients, id)));
  return perSubscription.flat();
}

async function listSubscriptionFleet(clients: ArmClients, subscriptionId: string): Promise<VmRef[]> {
  const compute = clients.compute(subscriptionId);
  try {
    const [vms, scaleSets] = await Promise.all([
      collect(compute.virtualMachines.listAll()),
      collect(compute.virtualMachineScaleSets.listAll()),
    ]);
    const uniform = scaleSets.filter((set) => (set.orchestrationMode ?? "Uniform") === "Uniform");
    const instances = await mapBounded(uniform, 8, (set) => listInstances(clients, subscriptionId, set));
    return [...vms.flatMap((vm) => vmRef(vm, subscriptionId)), ...instances.flat()];
  } catch (error) {
    throw toArmError(error, `listing the VMs of subscription ${subscriptionId}`);
  }
}

async function listInstances(clients: ArmClients, subscriptionId: string, set: VirtualMachineScaleSet) {
  const parsed = set.id ? parseResourceId(set.id) : undefined;
  if (!parsed || !set.name) return [];
  const instances = await collect(
    clients.compute(subscriptionId).virtualMachineScaleSetVMs.list(parsed.resourceGroup, set.name),
  );
  return instances.flatMap((instance) => instanceRef(instance, set, subscriptionId));
}

export function vmRef(vm: VirtualMachine, subscriptionId: string): VmRef[] {
  const parsed = vm.id ? parseResourceId(vm.id) : undefined;
  if (!parsed || !vm.id || !vm.name) return [];
  return [
    {
      id: vm.id,
      name: vm.name,
      resourceGroup: parsed.resourceGroup,
      subscriptionId: parsed.subscriptionId || subscriptionId,
      location: vm.location,
      type: "virtualMachine",
    },
  ];
}

function instanceRef(
  instance: VirtualMachineScaleSetVM,
  set: VirtualMachineScaleSet,
  subscriptionId: string,
): VmRef[] {
  const parsed = instance.id ? parseResourceId(instance.id) : undefined;
  const instanceId = instance.instanceId ?? parsed?.segments[1]?.[1];
  if (!parsed || !instance.id || !instanceId || !set.name) return [];
  return [
    {
      id: instance.id,
      name: instance.name ?? `${set.name}_${instanceId}`,
      resourceGroup: parsed.resourceGroup,
      subscriptionId: parsed.subscriptionId || subscriptionId,
      location: instance.location || set.location,
      type: "scaleSetInstance",
      scaleSetName: set.name,
      instanceId,
    },
  ];
}

export async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterator) items.push(item);
  return items;
}

/** Promise.all with at most `limit` calls in flight, so a large fleet does not burst ARM's read budget. */
export async function mapBounded<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
