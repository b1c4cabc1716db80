/**
 * How the restore point service recognises a VM: by its GUID (`properties.vmId`), which a point records in
 * `sourceMetadata.vmId`. The GUID survives a move to another resource group or subscription; the resource id
 * does not.
 */
import { type JsonObject, stringAt } from "./json.js";
import { resourceKey } from "./resource-id.js";

export function vmGuidOf(vm: JsonObject): string | undefined {
  return stringAt(vm, "properties", "vmId")?.toLowerCase();
}

export function pointVmGuid(point: JsonObject): string | undefined {
  return stringAt(point, "properties", "sourceMetadata", "vmId")?.toLowerCase();
}

/** The key per-VM counts use: the GUID, else (a Uniform instance, a fleet VM without one) the id. */
export function vmKeyOf(vm: JsonObject): string {
  return vmGuidOf(vm) ?? resourceKey(stringAt(vm, "id") ?? "");
}
