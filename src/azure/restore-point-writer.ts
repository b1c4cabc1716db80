/**
 * The write side: create a restore point collection when needed, start a restore point, and follow its
 * long-running operation from serialized poller state (so another process can take over after a restart).
 */
import { type RestorePoint, restorePoller } from "@azure/arm-compute";
import type { ConsistencyMode } from "../core/facts.js";
import { toArmError } from "./arm-error.js";
import type { ArmClients } from "./clients.js";

export interface CollectionTarget {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  /** The VM the collection belongs to (`source.id`). */
  vmId: string;
}

export interface RestorePointRequest {
  subscriptionId: string;
  resourceGroup: string;
  collectionName: string;
  restorePointName: string;
  mode: ConsistencyMode;
  excludeDiskIds: string[];
}

export interface StartedRestorePoint {
  restorePointId: string;
  /** Opaque; hand it to `waitForResult` in this process or another. */
  pollerState: string;
}

export type RestorePointResult =
  | { state: "succeeded"; restorePointId: string; timeCreated?: string; capturedDisks: string[] }
  | { state: "failed"; code: string; message: string };

export class RestorePointWriter {
  constructor(
    private readonly clients: ArmClients,
    private readonly pollIntervalMs: number,
  ) {}

  async ensureCollection(target: CollectionTarget): Promise<string> {
    const compute = this.clients.compute(target.subscriptionId);
    try {
      const collection = await compute.restorePointCollections.createOrUpdate(
        target.resourceGroup,
        target.name,
        {
          location: target.location,
          source: { id: target.vmId },
          tags: { "created-by": "restore-point-bot" },
        },
      );
      return collection.id ?? "";
    } catch (error) {
      throw toArmError(error, `creating restore point collection ${target.name}`);
    }
  }

  /** Sends the PUT and returns as soon as ARM accepted it (201); the operation runs on in Azure. */
  async start(request: RestorePointRequest): Promise<StartedRestorePoint> {
    const compute = this.clients.compute(request.subscriptionId);
    const excludeDisks = request.excludeDiskIds.map((id) => ({ id }));
    try {
      const poller = compute.restorePoints.create(
        request.resourceGroup,
        request.collectionName,
        request.restorePointName,
        {
          // The API accepts only CrashConsistent as input; left out, the point is application-consistent
          // (file-system-consistent on Linux). Sending ApplicationConsistent is refused.
          ...(request.mode === "CrashConsistent" ? { consistencyMode: "CrashConsistent" } : {}),
          ...(excludeDisks.length > 0 ? { excludeDisks } : {}),
        },
        { updateIntervalInMs: this.pollIntervalMs },
      );
      await poller.submitted();
      const base = `/subscriptions/${request.subscriptionId}/resourceGroups/${request.resourceGroup}`;
      return {
        restorePointId: `${base}/providers/Microsoft.Compute/restorePointCollections/${request.collectionName}/restorePoints/${request.restorePointName}`,
        pollerState: await poller.serialize(),
      };
    } catch (error) {
      throw toArmError(error, `starting restore point ${request.restorePointName}`);
    }
  }

  read(
    request: Pick<
      RestorePointRequest,
      "subscriptionId" | "resourceGroup" | "collectionName" | "restorePointName"
    >,
  ) {
    return readRestorePoint(this.clients, request);
  }

  /** Polls until the operation ends. ARM failures of the operation are a result; transport failures throw. */
  async waitForResult(
    subscriptionId: string,
    pollerState: string,
    signal?: AbortSignal,
  ): Promise<RestorePointResult> {
    const compute = this.clients.compute(subscriptionId);
    const poller = restorePoller(
      this.clients.compute(subscriptionId),
      pollerState,
      compute.restorePoints.create,
      {
        updateIntervalInMs: this.pollIntervalMs,
        abortSignal: signal,
      },
    );
    try {
      const point: RestorePoint = await poller.pollUntilDone({ abortSignal: signal });
      if (point.provisioningState && point.provisioningState !== "Succeeded") {
        return {
          state: "failed",
          code: point.provisioningState,
          message: `The restore point ended ${point.provisioningState}.`,
        };
      }
      return {
        state: "succeeded",
        restorePointId: point.id ?? "",
        timeCreated: point.timeCreated ? new Date(point.timeCreated).toISOString() : undefined,
        capturedDisks: capturedDisks(point),
      };
    } catch (error) {
      const failure = parseOperationFailure(error);
      if (failure) return { state: "failed", ...failure };
      throw toArmError(error, "following the restore point operation");
    }
  }
}

function capturedDisks(point: RestorePoint): string[] {
  const profile = point.sourceMetadata?.storageProfile;
  const disks = [profile?.osDisk, ...(profile?.dataDisks ?? [])];
  return disks.flatMap((disk) => (disk?.name ? [disk.name] : []));
}

/** What a restore point looks like now; undefined when it does not exist (never created, or deleted). */
export interface RestorePointReading {
  provisioningState: string;
  restorePointId: string;
  timeCreated?: string;
  capturedDisks: string[];
}

export async function readRestorePoint(
  clients: ArmClients,
  request: Pick<
    RestorePointRequest,
    "subscriptionId" | "resourceGroup" | "collectionName" | "restorePointName"
  >,
): Promise<RestorePointReading | undefined> {
  const compute = clients.compute(request.subscriptionId);
  try {
    const point = await compute.restorePoints.get(
      request.resourceGroup,
      request.collectionName,
      request.restorePointName,
    );
    return {
      provisioningState: point.provisioningState ?? "Unknown",
      restorePointId: point.id ?? "",
      timeCreated: point.timeCreated ? new Date(point.timeCreated).toISOString() : undefined,
      capturedDisks: capturedDisks(point),
    };
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw toArmError(error, `reading restore point ${request.restorePointName}`);
  }
}

/** core-lro reports a failed operation as a plain Error: "The long-running operation has failed. CODE. message". */
export function parseOperationFailure(error: unknown): { code: string; message: string } | undefined {
  if (!(error instanceof Error) || (error as { statusCode?: number }).statusCode !== undefined)
    return undefined;
  const match = /long-running operation has failed\.?\s*([A-Za-z][\w.]*?)\.\s+([\s\S]*)$/i.exec(
    error.message,
  );
  if (match?.[1] && match[2] !== undefined) return { code: match[1], message: match[2].trim() };
  if (/long-running operation has failed/i.test(error.message)) {
    return { code: "OperationFailed", message: error.message };
  }
  return undefined;
}
