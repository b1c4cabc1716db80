/**
 * The service's own creation budget (Microsoft's newer overview, reference 3 and 15.3): about 3 restore point
 * PUTs per VM per hour for each mode family, then 429. It counts accepted PUTs, including points that later
 * failed or were deleted. The policy names of the 429 are ours; the budget left is reported on every accepted
 * PUT under the family's Create…RestorePoint policy, as real Azure's `CreateCrashConsistentRestorePoint;2`
 * after one crash-consistent creation.
 */
import { computeThrottled } from "../http/errors.js";
import type { SimResponse } from "../http/types.js";
import { type CreationLog, type ModeFamily, WINDOW_MS } from "../store/creation-log.js";
import type { CreationLimits } from "./frequency.js";

/** ours: no public source names the policy of the hourly budget. */
export function hourlyPolicy(family: ModeFamily): string {
  return family === "crash"
    ? "PutCrashConsistentRestorePointPerVmHourly"
    : "PutApplicationConsistentRestorePointPerVmHourly";
}

export interface HourlySubject {
  log: CreationLog;
  vmKey: string;
  family: ModeFamily;
  now: Date;
  limits: CreationLimits;
}

export function hourlyRefusal(subject: HourlySubject): SimResponse | undefined {
  const { perHour } = subject.limits;
  const nowMs = subject.now.getTime();
  const recent = subject.log.within(subject.vmKey, subject.family, nowMs);
  if (recent.length < perHour) return undefined;
  // The next creation fits once the oldest of the last `perHour` creations is an hour old.
  const oldest = recent[recent.length - perHour] as number;
  const allowedAt = oldest + WINDOW_MS;
  const retryAfterSeconds = Math.max(1, Math.ceil((allowedAt - nowMs) / 1000));
  return computeThrottled(hourlyPolicy(subject.family), retryAfterSeconds, {
    start: new Date(nowMs - WINDOW_MS),
    end: subject.now,
    allowedRequestCount: perHour,
    measuredRequestCount: recent.length + 1,
  });
}

/** How many more creations the hour allows (after the ones already logged). */
export function hourlyRemaining(subject: HourlySubject): number {
  const recent = subject.log.within(subject.vmKey, subject.family, subject.now.getTime());
  return Math.max(0, subject.limits.perHour - recent.length);
}
