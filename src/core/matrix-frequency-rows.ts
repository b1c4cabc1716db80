/**
 * The seed table's minimum intervals between two restore points of the same mode (3 hours application-
 * consistent, 1 hour crash-consistent; taking them more often fails). Each row owns its mode's too-soon blocker.
 */
import type { ConsistencyMode } from "./facts.js";
import type { HistorySummary, NewestPoint } from "./history.js";
import type { Limits } from "./limits.js";
import { always, type MatrixContext, type MatrixEntry, type ModeOutcome, perMode } from "./matrix-entry.js";
import { formatDuration, modeLabel } from "./text.js";
import { isoString } from "./timestamps.js";

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
): { message: string; nextAllowedAt: string } | undefined {
  const newest = summary.newest[mode];
  if (!newest) return undefined;
  const interval = intervalFor(mode, limits);
  const nextAllowedMs = newest.createdAtMs + interval;
  if (now.getTime() >= nextAllowedMs) return undefined;
  const nextAllowedAt = isoString(nextAllowedMs);
  const createdAt = isoString(newest.createdAtMs);
  return {
    nextAllowedAt,
    message: `The newest ${modeLabel(mode)} restore point (${newest.point.name}${beingDeleted(newest)}) was created at ${createdAt}; at least ${formatDuration(interval)} must pass between two, so the next one is possible at ${nextAllowedAt}.`,
  };
}

/** Azure counts a point for the interval until it is gone, so deleting it does not make room sooner. */
function beingDeleted(newest: NewestPoint): string {
  return newest.point.provisioningState.toLowerCase() === "deleting"
    ? ", being deleted: it counts until it is gone"
    : "";
}

function describeFrequency(mode: ConsistencyMode) {
  return (vm: MatrixContext): string => {
    const newest = vm.summary.newest[mode];
    const interval = formatDuration(intervalFor(mode, vm.limits));
    if (!newest)
      return `No earlier ${modeLabel(mode)} restore point; the ${interval} interval does not hold one back.`;
    return `The newest ${modeLabel(mode)} restore point is from ${new Date(newest.createdAtMs).toISOString()}, at least ${interval} ago.`;
  };
}

const OWN_INTERVAL: ModeOutcome = {
  support: "supported",
  text: "Not concerned: this mode has its own interval.",
};

/** The row's outcome limits its own mode only, so its blocker is asked in that mode only. */
const tooSoonBlocker = (vm: MatrixContext, mode: ConsistencyMode) =>
  tooSoon(mode, vm.summary, vm.now, vm.limits);

export const FREQUENCY_ROWS: readonly MatrixEntry[] = [
  {
    rule: "too-soon",
    scenario: "Minimum time between application-consistent restore points",
    outcome: perMode({ support: "limited", text: "At most one every 3 hours." }, OWN_INTERVAL),
    source: "seed",
    row: "minimum-interval-application",
    applies: always,
    describe: describeFrequency("ApplicationConsistent"),
    blocker: tooSoonBlocker,
  },
  {
    rule: "too-soon",
    scenario: "Minimum time between crash-consistent restore points",
    outcome: perMode(OWN_INTERVAL, { support: "limited", text: "At most one every hour." }),
    source: "seed",
    row: "minimum-interval-crash",
    applies: always,
    describe: describeFrequency("CrashConsistent"),
    blocker: tooSoonBlocker,
  },
];
