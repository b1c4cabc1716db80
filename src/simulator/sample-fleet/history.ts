/** Restore point collections with points, as `GET ...?$expand=restorePoints` returns them. */
import { stableGuid } from "../ids.js";
import { asArray, asObject, type JsonObject, objectAt, stringAt } from "../json.js";
import { displayLocation } from "../locations.js";
import { computeId, parseResourceId } from "../resource-id.js";

export type PointMode = "ApplicationConsistent" | "CrashConsistent" | "FileSystemConsistent";

export interface PointSpec {
  mode: PointMode;
  createdAt: Date;
  state?: "Succeeded" | "Failed" | "Creating";
  /** Default: rp-YYYYMMDD-HHMM from createdAt. */
  name?: string;
}

export interface CollectionSpec {
  name: string;
  /** Default: the VM's subscription (a VM moved from another subscription leaves its collection there). */
  subscriptionId?: string;
  /** Default: the VM's resource group. */
  resourceGroup?: string;
  /** Default: the VM's id (a moved VM's collection keeps its old id). */
  sourceId?: string;
  points: PointSpec[];
}

export function buildCollection(vm: JsonObject, spec: CollectionSpec): JsonObject {
  const vmId = stringAt(vm, "id") ?? "";
  const parsed = parseResourceId(vmId);
  const subscriptionId = spec.subscriptionId ?? parsed?.subscriptionId ?? "";
  const id = computeId(
    subscriptionId,
    spec.resourceGroup ?? parsed?.resourceGroup ?? "",
    "restorePointCollections",
    spec.name,
  );
  const location = stringAt(vm, "location") ?? "";
  return {
    name: spec.name,
    id,
    type: "Microsoft.Compute/restorePointCollections",
    location,
    tags: {},
    properties: {
      source: { id: spec.sourceId ?? vmId, location: displayLocation(location) },
      restorePointCollectionId: stableGuid(`rpc:${id.toLowerCase()}`),
      provisioningState: "Succeeded",
      restorePoints: spec.points.map((point) => buildPoint(vm, id, point)),
    },
  };
}

export function pointName(createdAt: Date): string {
  const iso = createdAt.toISOString();
  return `rp-${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 16).replace(":", "")}`;
}

function buildPoint(vm: JsonObject, collectionId: string, spec: PointSpec): JsonObject {
  const name = spec.name ?? pointName(spec.createdAt);
  const id = `${collectionId}/restorePoints/${name}`;
  const state = spec.state ?? "Succeeded";
  return {
    name,
    id,
    properties: {
      sourceMetadata: sourceMetadata(vm, state === "Succeeded" ? id : undefined),
      provisioningState: state,
      consistencyMode: spec.mode,
      timeCreated: spec.createdAt.toISOString(),
    },
  };
}

function sourceMetadata(vm: JsonObject, pointId: string | undefined): JsonObject {
  const properties = asObject(vm.properties) ?? {};
  const profile = objectAt(properties, "storageProfile");
  const disk = (entry: unknown): JsonObject => {
    const source = asObject(entry) ?? {};
    const copy: JsonObject = { ...source };
    delete copy.createOption;
    delete copy.deleteOption;
    delete copy.toBeDetached;
    const ephemeral = objectAt(source, "diffDiskSettings") !== undefined;
    if (pointId && !ephemeral) {
      const name = stringAt(source, "name") ?? "disk";
      copy.diskRestorePoint = {
        id: `${pointId}/diskRestorePoints/${name}_${stableGuid(`${pointId}:${name}`)}`,
        encryption: { type: "EncryptionAtRestWithPlatformKey" },
      };
    }
    return copy;
  };
  return {
    vmId: properties.vmId,
    location: displayLocation(stringAt(vm, "location") ?? ""),
    hyperVGeneration: stringAt(properties, "instanceView", "hyperVGeneration") ?? "V1",
    hardwareProfile: properties.hardwareProfile,
    storageProfile: { osDisk: disk(profile?.osDisk), dataDisks: asArray(profile?.dataDisks).map(disk) },
  };
}

const HOUR_MS = 60 * 60 * 1000;

/** `count` points, newest `newestAgoMs` before `now`, one every `spacingHours`, alternating modes. */
export function pointSeries(
  now: Date,
  count: number,
  newestAgoMs: number,
  spacingHours: number,
): PointSpec[] {
  return Array.from({ length: count }, (_, index) => ({
    mode: index % 2 === 0 ? "ApplicationConsistent" : "CrashConsistent",
    createdAt: new Date(now.getTime() - newestAgoMs - index * spacingHours * HOUR_MS),
  }));
}

export const MINUTE_MS = 60 * 1000;
export { HOUR_MS };
