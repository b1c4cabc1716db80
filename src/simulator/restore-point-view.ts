/** How a restore point looks on the wire: the stored body, plus `instanceView` when asked for. */
import { randomGuid } from "./ids.js";
import { asObject, clone, type JsonObject, objectAt, objectsIn, stringAt } from "./json.js";
import { resourceKey } from "./resource-id.js";
import type { DiskSlot } from "./vm-disks.js";

/** Marks each captured disk of a finished point with its disk restore point, as real Azure does. */
export function addDiskRestorePoints(
  point: JsonObject,
  captured: readonly DiskSlot[],
  capturedKeys: ReadonlySet<string>,
): void {
  const pointId = stringAt(point, "id") ?? "";
  for (const entry of metadataDisks(point)) {
    const id = stringAt(entry, "managedDisk", "id");
    if (!id || !capturedKeys.has(resourceKey(id))) continue;
    const slot = captured.find((candidate) => candidate.key === resourceKey(id));
    const encryption = objectAt(slot?.resource, "properties", "encryption");
    const restoreEncryption: JsonObject = {
      type: stringAt(encryption, "type") ?? "EncryptionAtRestWithPlatformKey",
    };
    const setId = stringAt(encryption, "diskEncryptionSetId");
    if (setId) restoreEncryption.diskEncryptionSet = { id: setId };
    entry.diskRestorePoint = {
      id: `${pointId}/diskRestorePoints/${stringAt(entry, "name") ?? "disk"}_${randomGuid()}`,
      encryption: restoreEncryption,
    };
  }
}

export function renderPoint(point: JsonObject, withInstanceView: boolean): JsonObject {
  const body = clone(point);
  if (withInstanceView) {
    const properties = asObject(body.properties) ?? {};
    properties.instanceView = instanceViewOf(point);
    body.properties = properties;
  }
  return body;
}

const DISPLAY_STATUS: Record<string, string> = {
  succeeded: "Provisioning succeeded",
  failed: "Provisioning failed",
  creating: "Creating",
  deleting: "Deleting",
};

function instanceViewOf(point: JsonObject): JsonObject {
  const state = stringAt(point, "properties", "provisioningState") ?? "Succeeded";
  const failed = state.toLowerCase() === "failed";
  const diskRestorePoints = metadataDisks(point).flatMap((entry) => {
    const id = stringAt(entry, "diskRestorePoint", "id");
    if (!id) return [];
    return [
      {
        id,
        replicationStatus: {
          status: { code: "ReplicationState/succeeded", level: "Info", displayStatus: "Succeeded" },
          completionPercent: 100,
        },
        snapshotAccessState: "Available",
      },
    ];
  });
  return {
    statuses: [
      {
        code: `ProvisioningState/${state.toLowerCase()}`,
        level: failed ? "Error" : "Info",
        displayStatus: DISPLAY_STATUS[state.toLowerCase()] ?? state,
        time: stringAt(point, "properties", "timeCreated"),
      },
    ],
    diskRestorePoints,
  };
}

function metadataDisks(point: JsonObject): JsonObject[] {
  const profile = objectAt(point, "properties", "sourceMetadata", "storageProfile");
  const osDisk = asObject(profile?.osDisk);
  const dataDisks = objectsIn(profile?.dataDisks);
  return osDisk ? [osDisk, ...dataDisks] : dataDisks;
}
