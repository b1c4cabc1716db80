/**
 * The seed's minimum interval per VM and mode family: 3 h application-consistent, 1 h crash-consistent,
 * counted from the newest finished, non-failed point. Over it: 429 with Retry-After and the Compute throttling
 * body (reference 14.2, 15.3). The policy name CreateCrashConsistentRestorePoint is from real traffic;
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

export function tooSoonRefusal(
  points: readonly JsonObject[],
  mode: ConsistencyMode,
  now: Date,
): SimResponse | undefined {
  const crash = isCrashMode(mode);
  const intervalMs = crash ? CRASH_INTERVAL_MS : APPLICATION_INTERVAL_MS;
  const newest = newestFinished(points, crash);
  if (newest === undefined) return undefined;
  const allowedAt = newest + intervalMs;
  if (now.getTime() >= allowedAt) return undefined;
  const policy = crash ? "CreateCrashConsistentRestorePoint" : "CreateApplicationConsistentRestorePoint";
  const retryAfterSeconds = Math.max(1, Math.ceil((allowedAt - now.getTime()) / 1000));
  return computeThrottled(policy, retryAfterSeconds, { start: new Date(newest), end: new Date(allowedAt) });
}

/** Creating points are left to the concurrency rule; failed ones never count. */
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
