/** Refusals on a restore point collection PUT. */
import { cloudError, resourceNotFound } from "../http/errors.js";
import type { SimResponse } from "../http/types.js";
import { parseResourceId } from "../resource-id.js";
import { isType, RESTORE_POINT_COLLECTION, SCALE_SET_VM, VIRTUAL_MACHINE } from "../resource-types.js";
import type { FleetState } from "../store/state.js";
import { uniformInstanceRefusal } from "./up-front.js";

export const MAX_COLLECTIONS_PER_REGION = 10_000;

export interface NewCollection {
  subscriptionId: string;
  location: string;
  sourceId: string | undefined;
}

export function collectionRefusal(state: FleetState, collection: NewCollection): SimResponse | undefined {
  return sourceRefusal(state, collection.sourceId) ?? regionLimitRefusal(state, collection);
}

function sourceRefusal(state: FleetState, sourceId: string | undefined): SimResponse | undefined {
  if (!sourceId) {
    return cloudError(400, "InvalidParameter", "The property 'properties.source.id' is required."); // ours
  }
  const parsed = parseResourceId(sourceId);
  const type = parsed?.provider ? [parsed.provider, ...parsed.types].join("/") : undefined;
  if (isType(type, SCALE_SET_VM)) return uniformInstanceRefusal();
  if (isType(type, RESTORE_POINT_COLLECTION)) {
    // ours: cross-region copies are outside what the simulator implements.
    return cloudError(
      400,
      "InvalidParameter",
      "The simulator does not implement cross-region restore point copies.",
    );
  }
  if (state.resources.get(sourceId, VIRTUAL_MACHINE)) return undefined;
  return resourceNotFound(VIRTUAL_MACHINE, parsed?.names.at(-1) ?? sourceId, parsed?.resourceGroup ?? "");
}

/** ours: the seed's 10,000 limit has no documented error (reference section 14.3). */
function regionLimitRefusal(state: FleetState, collection: NewCollection): SimResponse | undefined {
  if (
    state.collections.countInRegion(collection.subscriptionId, collection.location) <
    MAX_COLLECTIONS_PER_REGION
  ) {
    return undefined;
  }
  return cloudError(
    409,
    "OperationNotAllowed",
    `The subscription '${collection.subscriptionId}' already has the maximum of ${MAX_COLLECTIONS_PER_REGION} restore point collections in region '${collection.location}'.`,
  );
}
