/** A VM's restore points across every collection whose `source.id` is the VM (how the service counts them). */
import { type JsonObject, stringAt } from "../json.js";
import type { CollectionIndex } from "../store/collections.js";

export function pointsOfVm(collections: CollectionIndex, vmId: string): JsonObject[] {
  return collections.ofSource(vmId).flatMap((collection) => [...collection.points.values()]);
}

export function stateOf(point: JsonObject): string {
  return (stringAt(point, "properties", "provisioningState") ?? "Succeeded").toLowerCase();
}

/** ApplicationConsistent and FileSystemConsistent (the Linux application path) share one family. */
export function isCrashMode(mode: string | undefined): boolean {
  return mode?.toLowerCase() === "crashconsistent";
}

export function timeCreatedMs(point: JsonObject): number | undefined {
  const text = stringAt(point, "properties", "timeCreated");
  const ms = text ? Date.parse(text) : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
}
