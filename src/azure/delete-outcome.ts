/**
 * What a delete came to, as values: Azure's every answer is an outcome the caller acts on. "unknown" is never a
 * failure: the resource may be gone, so the caller follows again, or sends the DELETE again (ARM answers 204 once
 * it is gone, and the running operation while it is Deleting).
 */
import { type ArmError, toArmError } from "./arm-error.js";

export type DeleteOutcome =
  | { state: "deleted"; resourceId: string }
  /** Nothing to delete: ARM answered 204 (or 404 for its parent). */
  | { state: "already-gone"; resourceId: string }
  /** Azure would not delete it (409 while a point is being created, ...): its code and message, unchanged. */
  | { state: "refused"; resourceId: string; status: number; code: string; message: string }
  /** The operation ended Failed. */
  | { state: "failed"; resourceId: string; code: string; message: string }
  /** ARM throttled the DELETE itself: nothing was started. */
  | { state: "throttled"; resourceId: string; retryAfterSeconds?: number; message: string }
  | {
      state: "unknown";
      resourceId: string;
      reason: UnknownReason;
      message: string;
      retryAfterSeconds?: number;
    };

/**
 * timeout and unreachable: no (complete) answer; server-error: a 5xx; throttled: the polls were throttled;
 * operation-not-found: the operation URL no longer answers (operations expire).
 */
export type UnknownReason = "timeout" | "unreachable" | "server-error" | "throttled" | "operation-not-found";

/** Why the initial DELETE did not start an operation. Throws for the bot's own sign-in or role problems. */
export function startFailure(error: unknown, resourceId: string, doing: string): DeleteOutcome {
  const armError = toArmError(error, doing);
  const status = armError.status;
  if (status === 404) return { state: "already-gone", resourceId };
  if (armError.kind === "throttled") {
    return { state: "throttled", resourceId, message: armError.message, ...retryAfter(armError) };
  }
  const unknown = unknownOf(armError, resourceId);
  if (unknown) return unknown;
  if (status === undefined || armError.kind === "unauthorized" || armError.kind === "forbidden")
    throw armError;
  return {
    state: "refused",
    resourceId,
    status,
    code: armError.armCode ?? `Http${status}`,
    message: serviceMessage(error) ?? armError.message,
  };
}

/** Why following the operation gave no end. A Failed operation is not this: see the caller. */
export function followFailure(error: unknown, resourceId: string, doing: string): DeleteOutcome {
  const armError = toArmError(error, doing);
  if (armError.kind === "unauthorized" || armError.kind === "forbidden") throw armError;
  if (armError.status === 404) {
    return { state: "unknown", resourceId, reason: "operation-not-found", message: armError.message };
  }
  if (armError.kind === "throttled") {
    return {
      state: "unknown",
      resourceId,
      reason: "throttled",
      message: armError.message,
      ...retryAfter(armError),
    };
  }
  // Anything else Azure said about the poll (a 400 for the operation URL, ...) tells nothing about the resource.
  return (
    unknownOf(armError, resourceId) ?? {
      state: "unknown",
      resourceId,
      reason: "server-error",
      message: armError.message,
    }
  );
}

function unknownOf(armError: ArmError, resourceId: string): DeleteOutcome | undefined {
  const { kind, status, message } = armError;
  if (kind === "timeout" || (kind === "unreachable" && status === undefined)) {
    return { state: "unknown", resourceId, reason: kind, message };
  }
  if (status !== undefined && status >= 500) {
    return { state: "unknown", resourceId, reason: "server-error", message };
  }
  return undefined;
}

function retryAfter(armError: ArmError): { retryAfterSeconds?: number } {
  return armError.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: armError.retryAfterSeconds };
}

/** A RestError's message is the service's `error.message`; the caller shows it as Azure said it. */
function serviceMessage(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : undefined;
  return message?.split("\n")[0]?.trim() || undefined;
}
