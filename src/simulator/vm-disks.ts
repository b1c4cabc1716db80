/** The disks of a VM (or Uniform instance) as the restore point service sees them: model entry + disk resource. */
import { asArray, asNumber, asObject, type JsonObject, objectAt, stringAt } from "./json.js";
import { resourceKey } from "./resource-id.js";
import { DISK } from "./resource-types.js";
import type { ResourceIndex } from "./store/resources.js";

export interface DiskSlot {
  role: "os" | "data";
  name: string;
  lun?: number;
  /** `managedDisk.id` as the VM model has it. */
  id?: string;
  /** Lower-case id, for case-insensitive comparisons. */
  key?: string;
  unmanaged: boolean;
  /** An ephemeral OS disk lives on the host: there is nothing to snapshot. */
  ephemeral: boolean;
  /** Disk `sku.name`, else the model's `managedDisk.storageAccountType`. */
  storageType?: string;
  maxShares: number;
  /** The VM model's entry (`osDisk` or `dataDisks[i]`). */
  model: JsonObject;
  /** The disk resource, when the fleet has it. */
  resource?: JsonObject;
}

export function diskSlots(vm: JsonObject, resources: ResourceIndex): DiskSlot[] {
  const profile = objectAt(vm, "properties", "storageProfile");
  const slots: DiskSlot[] = [];
  const osDisk = asObject(profile?.osDisk);
  if (osDisk) slots.push(slotOf(osDisk, "os", resources));
  for (const entry of asArray(profile?.dataDisks)) {
    const dataDisk = asObject(entry);
    if (dataDisk) slots.push(slotOf(dataDisk, "data", resources));
  }
  return slots;
}

function slotOf(model: JsonObject, role: "os" | "data", resources: ResourceIndex): DiskSlot {
  const id = stringAt(model, "managedDisk", "id");
  const resource = id ? resources.get(id, DISK)?.resource : undefined;
  const ephemeral = role === "os" && stringAt(model, "diffDiskSettings", "option")?.toLowerCase() === "local";
  return {
    role,
    name: stringAt(model, "name") ?? stringAt(resource, "name") ?? "",
    lun: asNumber(model.lun),
    id,
    key: id ? resourceKey(id) : undefined,
    unmanaged: stringAt(model, "vhd", "uri") !== undefined && id === undefined,
    ephemeral,
    storageType: stringAt(resource, "sku", "name") ?? stringAt(model, "managedDisk", "storageAccountType"),
    maxShares: asNumber(objectAt(resource, "properties")?.maxShares) ?? 1,
    model,
    resource,
  };
}
