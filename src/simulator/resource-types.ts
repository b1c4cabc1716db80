/** The ARM resource types the simulator understands (compared case-insensitively). */

export const VIRTUAL_MACHINE = "Microsoft.Compute/virtualMachines";
export const SCALE_SET = "Microsoft.Compute/virtualMachineScaleSets";
export const SCALE_SET_VM = "Microsoft.Compute/virtualMachineScaleSets/virtualMachines";
export const DISK = "Microsoft.Compute/disks";
export const AVAILABILITY_SET = "Microsoft.Compute/availabilitySets";
export const RESTORE_POINT_COLLECTION = "Microsoft.Compute/restorePointCollections";
export const RESTORE_POINT = "Microsoft.Compute/restorePointCollections/restorePoints";
export const SUBSCRIPTION = "Microsoft.Resources/subscriptions";
export const RESOURCE_GROUP = "Microsoft.Resources/resourceGroups";

export function isType(type: string | undefined, expected: string): boolean {
  return type !== undefined && type.toLowerCase() === expected.toLowerCase();
}
