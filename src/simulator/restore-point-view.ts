/** How a restore point looks on the wire: the stored body, plus `instanceView` when asked for (reference 5.3). */
import { isAtLeast } from "./api-versions.js";
import { randomGuid } from "./ids.js";
import { asNumber, asObject, clone, type JsonObject, objectAt, objectsIn, stringAt } from "./json.js";
import { resourceKey } from "./resource-id.js";
import type { OperationError } from "./store/operations.js";
import type { DiskSlot } from "./vm-disks.js";

/** Why a point ended Failed, for its instance view; kept beside the served body, which has no place for it. */
const failures = new WeakMap<JsonObject, OperationError>();

export function noteFailure(point: JsonObject, error: OperationError): void {
  failures.set(point, error);
}

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

/** What the instance view depends on besides the point: the request's api-version and the clock. */
export interface ViewRequest {
  apiVersion: string;
  now: Date;
}

/** The point as served; with `view`, also its instance view ($expand=instanceView). */
export function renderPoint(point: JsonObject, view?: ViewRequest): JsonObject {
  const body = clone(point);
  if (view) {
    const properties = asObject(body.properties) ?? {};
    properties.instanceView = instanceViewOf(point, view);
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

/** ours: a fleet file's Failed point carries no reason; this stands in for one. */
const UNKNOWN_FAILURE = "The restore point creation failed.";

function instanceViewOf(point: JsonObject, view: ViewRequest): JsonObject {
  return { statuses: [provisioningStatus(point)], diskRestorePoints: diskViews(point, view) };
}

/**
 * Local points have one ProvisioningState status; ReplicationState statuses belong to cross-region copies,
 * which the simulator does not make.
 */
function provisioningStatus(point: JsonObject): JsonObject {
  const state = stringAt(point, "properties", "provisioningState") ?? "Succeeded";
  const lower = state.toLowerCase();
  const status: JsonObject = {
    code: `ProvisioningState/${lower}`,
    level: lower === "failed" ? "Error" : "Info",
    displayStatus: DISPLAY_STATUS[lower] ?? state,
  };
  if (lower === "failed") status.message = failures.get(point)?.message ?? UNKNOWN_FAILURE;
  const time = stringAt(point, "properties", "timeCreated");
  if (time) status.time = time;
  return status;
}

/** One entry per disk restore point; a point still Creating has none yet (they appear when it finishes). */
function diskViews(point: JsonObject, view: ViewRequest): JsonObject[] {
  // snapshotAccessState exists from 2025-04-01 (the Instant Access additions, reference section 4).
  const withAccessState = isAtLeast(view.apiVersion, "2025-04-01");
  const accessState = instantAccessActive(point, view.now) ? "AvailableWithInstantAccess" : "Available";
  return metadataDisks(point).flatMap((entry) => {
    const id = stringAt(entry, "diskRestorePoint", "id");
    if (!id) return [];
    const disk: JsonObject = {
      id,
      replicationStatus: {
        status: { code: "ReplicationState/succeeded", level: "Info", displayStatus: "Succeeded" },
        completionPercent: 100,
      },
    };
    if (withAccessState) disk.snapshotAccessState = accessState;
    return [disk];
  });
}

function instantAccessActive(point: JsonObject, now: Date): boolean {
  const minutes = asNumber(objectAt(point, "properties")?.instantAccessDurationMinutes);
  const created = Date.parse(stringAt(point, "properties", "timeCreated") ?? "");
  if (minutes === undefined || !Number.isFinite(created)) return false;
  return now.getTime() < created + minutes * 60_000;
}

function metadataDisks(point: JsonObject): JsonObject[] {
  const profile = objectAt(point, "properties", "sourceMetadata", "storageProfile");
  const osDisk = asObject(profile?.osDisk);
  const dataDisks = objectsIn(profile?.dataDisks);
  return osDisk ? [osDisk, ...dataDisks] : dataDisks;
}
