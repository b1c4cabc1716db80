/**
 * Failures that arrive as a Failed operation (201 first, then `status: "Failed"` with error{code,message}).
 * Codes and messages are Microsoft's documented ones (restore-point-troubleshooting.md, reference section 14.1;
 * the documented openings, without the troubleshooting advice that follows them).
 * Failures found by validation end at once; those that happen while snapshotting take the full duration.
 */
import type { FaultState } from "../faults.js";
import type { JsonObject } from "../json.js";
import type { OperationError } from "../store/operations.js";
import { isAgentReady, isRunning } from "../vm-status.js";
import { stateOf } from "./history.js";
import type { CreationSubject } from "./up-front.js";

export interface PlannedFailure {
  error: OperationError;
  /** True: the operation ends Failed at once; false: after the usual duration. */
  immediate: boolean;
}

export const MAX_POINTS_PER_VM = 500;

export const MESSAGES = {
  concurrent:
    "RestorePoint creation failed since a concurrent 'Create RestorePoint' operation was triggered on the VM.",
  sharedDisk: "Creation of Restore Point of a Virtual Machine with Shared disks is not supported.",
  snapshotLimit:
    "Restore Point creation failed as the maximum allowed snapshot limit of one or more disk blobs has been reached.",
  agent: "VM has not reported status for VM agent or extensions.",
} as const;

export function plannedFailure(
  subject: CreationSubject,
  points: readonly JsonObject[],
  faults: FaultState,
): PlannedFailure | undefined {
  const injected = faults.takeCreationFailure();
  if (injected) return { error: injected, immediate: false };
  if (points.some((point) => stateOf(point) === "creating")) return clientError(MESSAGES.concurrent);
  // Every point that still exists counts, Failed and Deleting ones included: a failed point is retained
  // until it is deleted.
  if (points.length >= MAX_POINTS_PER_VM) return clientError(MESSAGES.snapshotLimit);
  const shared = subject.slots.some(
    (slot) => slot.maxShares > 1 && (!slot.key || !subject.excludeKeys.has(slot.key)),
  );
  if (shared) return clientError(MESSAGES.sharedDisk);
  if (subject.mode !== "CrashConsistent" && !(isRunning(subject.vm) && isAgentReady(subject.vm))) {
    return { error: { code: "VMAgentStatusCommunicationError", message: MESSAGES.agent }, immediate: false };
  }
  return undefined;
}

function clientError(message: string): PlannedFailure {
  return { error: { code: "VMRestorePointClientError", message }, immediate: true };
}
