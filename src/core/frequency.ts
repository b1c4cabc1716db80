/**
 * The minimum interval between two restore points of the same mode (seed: 3 hours application-consistent,
 * 1 hour crash-consistent; "taking restore points at a frequency lower than supported would result in failure").
 */
import type { ConsistencyMode } from "./facts.js";
import type { HistorySummary } from "./history.js";
import type { Limits } from "./limits.js";
import { formatDuration, modeLabel } from "./text.js";
import { isoString } from "./timestamps.js";
import type { Finding } from "./verdict.js";

export interface TooSoon {
  finding: Finding;
  nextAllowedAt: string;
}

export function intervalFor(mode: ConsistencyMode, limits: Limits): number {
  return mode === "ApplicationConsistent"
    ? limits.applicationConsistentIntervalMs
    : limits.crashConsistentIntervalMs;
}

/** Exactly one interval after the newest point is allowed again: the interval is a minimum, not a gap. */
export function tooSoon(
  mode: ConsistencyMode,
  summary: HistorySummary,
  now: Date,
  limits: Limits,
): TooSoon | undefined {
  const newest = summary.newest[mode];
  if (!newest) return undefined;
  const interval = intervalFor(mode, limits);
  const nextAllowedMs = newest.createdAtMs + interval;
  if (now.getTime() >= nextAllowedMs) return undefined;
  const nextAllowedAt = isoString(nextAllowedMs);
  const createdAt = isoString(newest.createdAtMs);
  return {
    nextAllowedAt,
    finding: {
      rule: "too-soon",
      message: `The newest ${modeLabel(mode)} restore point (${newest.point.name}) was created at ${createdAt}; at least ${formatDuration(interval)} must pass between two, so the next one is possible at ${nextAllowedAt}.`,
    },
  };
}
