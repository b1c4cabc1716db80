/**
 * The seed's minimum interval per VM and mode family (default 3 h application-consistent, 1 h crash-consistent;
 * a fleet file may change them), counted from the newest non-failed point that is not Creating; a point being
 * deleted still counts until it is gone. Over it: 429 with Retry-After and the Compute throttling body
 * (reference 14.2, 15.3). The policy name CreateCrashConsistentRestorePoint is from real traffic;
 * CreateApplicationConsistentRestorePoint is ours.
 */
import { computeThrottled } from "../http/errors.js";
import type { SimResponse } from "../http/types.js";
import { type JsonObject, stringAt } from "../json.js";
import { isCrashMode, stateOf, timeCreatedMs } from "./history.js";
import type { ConsistencyMode } from "./request.js";

const HOUR_MS = 60 * 60 * 1000;
export const APPLICATION_INTERVAL_MS = 3 * HOUR_MS;
export const CRASH_INTERVAL_MS = HOUR_MS;

/** How often the service lets a VM get a restore point. */
export interface CreationLimits {
  /** Minimum time between application-consistent points (0: no minimum). */
  applicationIntervalMs: number;
  /** Minimum time between crash-consistent points (0: no minimum). */
  crashIntervalMs: number;
  /** Accepted creations per VM, mode family and trailing hour (Microsoft's newer overview: about 3). */
  perHour: number;
}

export const DEFAULT_CREATION_LIMITS: CreationLimits = {
  applicationIntervalMs: APPLICATION_INTERVAL_MS,
  crashIntervalMs: CRASH_INTERVAL_MS,
  perHour: 3,
};

export function intervalPolicy(crash: boolean): string {
  return crash ? "CreateCrashConsistentRestorePoint" : "CreateApplicationConsistentRestorePoint";
}

export function tooSoonRefusal(
  points: readonly JsonObject[],
  mode: ConsistencyMode,
  now: Date,
  limits: CreationLimits,
): SimResponse | undefined {
  const crash = isCrashMode(mode);
  const intervalMs = crash ? limits.crashIntervalMs : limits.applicationIntervalMs;
  if (intervalMs <= 0) return undefined;
  const newest = newestFinished(points, crash);
  if (newest === undefined) return undefined;
  const allowedAt = newest + intervalMs;
  if (now.getTime() >= allowedAt) return undefined;
  const retryAfterSeconds = Math.max(1, Math.ceil((allowedAt - now.getTime()) / 1000));
  return computeThrottled(intervalPolicy(crash), retryAfterSeconds, {
    start: new Date(newest),
    end: new Date(allowedAt),
  });
}

/** Creating points are left to the concurrency rule; failed ones never count; Deleting ones do. */
function newestFinished(points: readonly JsonObject[], crash: boolean): number | undefined {
  let newest: number | undefined;
  for (const point of points) {
    const state = stateOf(point);
    if (state === "failed" || state === "creating") continue;
    if (isCrashMode(stringAt(point, "properties", "consistencyMode")) !== crash) continue;
    const created = timeCreatedMs(point);
    if (created !== undefined && (newest === undefined || created > newest)) newest = created;
  }
  return newest;
}
