/**
 * A VM's restore points, as the service counts them "irrespective of the number of restore point collections":
 * every point whose `sourceMetadata.vmId` is the VM's GUID, in any collection, resource group or subscription
 * (a collection left behind by a move still counts), plus the points of collections whose `source.id` is the VM
 * (a fleet file may give points without sourceMetadata).
 */
import { type JsonObject, stringAt } from "../json.js";
import type { CollectionIndex } from "../store/collections.js";
import { modeFamily } from "../store/creation-log.js";
import { vmGuidOf } from "../vm-identity.js";

export function pointsOfVm(collections: CollectionIndex, vm: JsonObject): JsonObject[] {
  const points = new Set<JsonObject>();
  for (const collection of collections.ofSource(stringAt(vm, "id") ?? "")) {
    for (const point of collection.points.values()) points.add(point);
  }
  const guid = vmGuidOf(vm);
  if (guid) for (const point of collections.pointsOfVmGuid(guid)) points.add(point);
  return [...points];
}

export function stateOf(point: JsonObject): string {
  return (stringAt(point, "properties", "provisioningState") ?? "Succeeded").toLowerCase();
}

/** ApplicationConsistent and FileSystemConsistent (the Linux application path) share one family. */
export function isCrashMode(mode: string | undefined): boolean {
  return modeFamily(mode) === "crash";
}

export function timeCreatedMs(point: JsonObject): number | undefined {
  const text = stringAt(point, "properties", "timeCreated");
  const ms = text ? Date.parse(text) : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
}
