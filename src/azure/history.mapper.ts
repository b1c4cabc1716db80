/** ARM restore point collections -> the SDK-free history the core reads. */
import type { RestorePoint, RestorePointCollection } from "@azure/arm-compute";
import type { CollectionRecord, RestorePointRecord } from "../core/facts.js";
import { lastName } from "./resource-id.js";

export function toCollectionRecord(collection: RestorePointCollection): CollectionRecord {
  const id = collection.id ?? "";
  return {
    id,
    name: collection.name ?? lastName(id),
    location: collection.location,
    sourceId: collection.source?.id ?? "",
    restorePoints: (collection.restorePoints ?? []).map(toRestorePointRecord),
  };
}

export function toRestorePointRecord(point: RestorePoint): RestorePointRecord {
  const id = point.id ?? "";
  return {
    id,
    name: point.name ?? lastName(id),
    consistencyMode: point.consistencyMode,
    provisioningState: point.provisioningState ?? "Unknown",
    timeCreated: point.timeCreated ? toIso(point.timeCreated) : undefined,
    sourceVmId: point.sourceMetadata?.vmId,
  };
}

function toIso(value: Date | string): string | undefined {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
