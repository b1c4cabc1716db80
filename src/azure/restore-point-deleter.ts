/**
 * The delete side, modelled on the writer: start deleting a restore point or a collection (which takes its points
 * with it), and follow the long-running operation from serialized poller state, so a durable job can pick it up
 * in another process after a restart. Azure's answers are outcomes (delete-outcome.ts); a caller's abort and the
 * bot's own sign-in or role problems (401, 403) throw.
 */
import { restorePoller } from "@azure/arm-compute";
import type { ArmClients } from "./clients.js";
import { type DeleteOutcome, followFailure, startFailure } from "./delete-outcome.js";
import { parseOperationFailure } from "./restore-point-writer.js";

export type { DeleteOutcome, UnknownReason } from "./delete-outcome.js";

export interface CollectionAddress {
  subscriptionId: string;
  resourceGroup: string;
  collectionName: string;
}

export interface RestorePointAddress extends CollectionAddress {
  restorePointName: string;
}

/** What to keep between start and follow (plain JSON): the poller's state holds the absolute operation URL. */
export interface DeleteOperation {
  kind: "restore-point" | "collection";
  subscriptionId: string;
  resourceId: string;
  pollerState: string;
}

export type DeleteStart = { state: "started"; operation: DeleteOperation } | DeleteOutcome;

/** The slice of a delete poller used here (both SDK delete methods return one). */
interface DeletePoller {
  readonly isDone: boolean;
  submitted(): Promise<void>;
  serialize(): Promise<string>;
}

interface SendOptions {
  updateIntervalInMs: number;
  onResponse: (response: { status: number }) => void;
}

export class RestorePointDeleter {
  constructor(
    private readonly clients: ArmClients,
    private readonly pollIntervalMs: number,
  ) {}

  /** Sends the DELETE and returns once ARM answered: 202 starts an operation, 204 says it was not there. */
  start(point: RestorePointAddress): Promise<DeleteStart> {
    const compute = this.clients.compute(point.subscriptionId);
    const target = {
      kind: "restore-point" as const,
      subscriptionId: point.subscriptionId,
      resourceId: `${collectionIdOf(point)}/restorePoints/${point.restorePointName}`,
    };
    return this.begin(target, `deleting restore point ${point.restorePointName}`, (options) =>
      compute.restorePoints.delete(
        point.resourceGroup,
        point.collectionName,
        point.restorePointName,
        options,
      ),
    );
  }

  /** The same for a collection: Azure deletes its restore points with it, and refuses while one is Creating. */
  startCollection(collection: CollectionAddress): Promise<DeleteStart> {
    const compute = this.clients.compute(collection.subscriptionId);
    const target = {
      kind: "collection" as const,
      subscriptionId: collection.subscriptionId,
      resourceId: collectionIdOf(collection),
    };
    return this.begin(target, `deleting restore point collection ${collection.collectionName}`, (options) =>
      compute.restorePointCollections.delete(collection.resourceGroup, collection.collectionName, options),
    );
  }

  /** Polls until the operation ends; works from state another process saved. */
  async follow(operation: DeleteOperation, signal?: AbortSignal): Promise<DeleteOutcome> {
    const { resourceId } = operation;
    const compute = this.clients.compute(operation.subscriptionId);
    const source =
      operation.kind === "collection" ? compute.restorePointCollections.delete : compute.restorePoints.delete;
    try {
      const poller = restorePoller(compute, operation.pollerState, source, {
        updateIntervalInMs: this.pollIntervalMs,
        abortSignal: signal,
      });
      await poller.pollUntilDone({ abortSignal: signal });
      return { state: "deleted", resourceId };
    } catch (error) {
      if (signal?.aborted) throw error;
      const failure = parseOperationFailure(error);
      if (failure) return { state: "failed", resourceId, ...failure };
      return followFailure(error, resourceId, `following the deletion of ${resourceId}`);
    }
  }

  /** Start and follow in one: for short deletes such as an empty collection's. */
  async deleteCollection(collection: CollectionAddress, signal?: AbortSignal): Promise<DeleteOutcome> {
    const started = await this.startCollection(collection);
    return started.state === "started" ? this.follow(started.operation, signal) : started;
  }

  private async begin(
    target: Omit<DeleteOperation, "pollerState">,
    doing: string,
    send: (options: SendOptions) => DeletePoller,
  ): Promise<DeleteStart> {
    let status: number | undefined;
    try {
      const poller = send({
        updateIntervalInMs: this.pollIntervalMs,
        onResponse: (response) => {
          status = response.status;
        },
      });
      await poller.submitted();
      if (status === 204) return { state: "already-gone", resourceId: target.resourceId };
      // 200: deleted at once, nothing to follow.
      if (poller.isDone) return { state: "deleted", resourceId: target.resourceId };
      return { state: "started", operation: { ...target, pollerState: await poller.serialize() } };
    } catch (error) {
      return startFailure(error, target.resourceId, doing);
    }
  }
}

function collectionIdOf(address: CollectionAddress): string {
  const group = `/subscriptions/${address.subscriptionId}/resourceGroups/${address.resourceGroup}`;
  return `${group}/providers/Microsoft.Compute/restorePointCollections/${address.collectionName}`;
}
