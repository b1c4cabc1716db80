/** Scale sets: the set itself, Uniform instances (their own resource type) and Flexible members (plain VMs). */
import { stableGuid } from "../ids.js";
import { asObject, type JsonObject } from "../json.js";
import { computeId } from "../resource-id.js";
import { type BuiltVm, buildVm, type VmSpec } from "./vm-builder.js";

export interface ScaleSetSpec {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  size: string;
  mode: "Uniform" | "Flexible";
  capacity: number;
}

export function scaleSetId(spec: ScaleSetSpec): string {
  return computeId(spec.subscriptionId, spec.resourceGroup, "virtualMachineScaleSets", spec.name);
}

export function buildScaleSet(spec: ScaleSetSpec): JsonObject {
  const id = scaleSetId(spec);
  const properties: JsonObject = { orchestrationMode: spec.mode };
  if (spec.mode === "Uniform") {
    properties.upgradePolicy = { mode: "Manual" };
    properties.overprovision = false;
    properties.singlePlacementGroup = true;
  }
  properties.platformFaultDomainCount = 1;
  properties.provisioningState = "Succeeded";
  properties.uniqueId = stableGuid(`vmss:${id.toLowerCase()}`);
  properties.timeCreated = "2024-05-02T08:00:00.0000000+00:00";
  return {
    name: spec.name,
    id,
    type: "Microsoft.Compute/virtualMachineScaleSets",
    location: spec.location,
    sku: { name: spec.size, tier: "Standard", capacity: spec.capacity },
    properties,
  };
}

/** A Uniform instance: type virtualMachineScaleSets/virtualMachines, name {set}_{instanceId}, no virtualMachineScaleSet property. */
export function buildUniformInstance(
  set: ScaleSetSpec,
  instanceId: string,
  vm: Omit<VmSpec, "name" | "size">,
): BuiltVm {
  const id = `${scaleSetId(set)}/virtualMachines/${instanceId}`;
  const built = buildVm({ ...vm, name: `${set.name}_${instanceId}`, size: set.size }, id);
  const properties = asObject(built.vm.properties) ?? {};
  const instance: JsonObject = {
    name: `${set.name}_${instanceId}`,
    id,
    type: "Microsoft.Compute/virtualMachineScaleSets/virtualMachines",
    location: set.location,
    sku: { name: set.size, tier: "Standard" },
    instanceId,
    properties: { latestModelApplied: true, modelDefinitionApplied: "VirtualMachineScaleSet", ...properties },
  };
  return { vm: instance, disks: built.disks };
}

/** A Flexible member: an ordinary VM named {set}_{8 hex} whose properties.virtualMachineScaleSet points to the set. */
export function buildFlexibleMember(
  set: ScaleSetSpec,
  vm: Omit<VmSpec, "name" | "size">,
  index = 0,
): BuiltVm {
  const suffix = stableGuid(`flex:${scaleSetId(set).toLowerCase()}:${index}`).slice(0, 8);
  return buildVm({
    ...vm,
    name: `${set.name}_${suffix}`,
    size: set.size,
    properties: { ...vm.properties, virtualMachineScaleSet: { id: scaleSetId(set) }, platformFaultDomain: 0 },
  });
}
