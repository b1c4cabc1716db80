/**
 * The fleet file's optional `simulator` object: knobs of the simulated service that a fleet may need to show a
 * scenario (docs/fleet-file.md): the seed's minimum intervals between restore points, which a fleet may shorten
 * or switch off (0) so that the service's hourly budget can be reached, and how long a delete runs.
 */
import { isObject } from "./json.js";
import { type CreationLimits, DEFAULT_CREATION_LIMITS } from "./rules/frequency.js";

export interface FleetSettings {
  minimumIntervalMinutes?: { applicationConsistent?: number; crashConsistent?: number };
  /** How long a restore point or collection stays Deleting (default: simulator.ts). */
  deleteDurationMs?: number;
}

const KNOWN_SETTINGS = ["minimumIntervalMinutes", "deleteDurationMs"];

const INTERVAL_FIELDS = ["applicationConsistent", "crashConsistent"] as const;

/** Problems with `simulator`, as "field ... message" lines; empty when it is absent or fine. */
export function settingsProblems(value: unknown): string[] {
  if (value === undefined) return [];
  if (!isObject(value)) return ['field "simulator" must be an object'];
  const problems: string[] = [];
  for (const key of Object.keys(value)) {
    if (!KNOWN_SETTINGS.includes(key)) problems.push(`field "simulator.${key}" is not a known setting`);
  }
  const deleteMs = value.deleteDurationMs;
  if (deleteMs !== undefined && !(Number.isSafeInteger(deleteMs) && (deleteMs as number) >= 0)) {
    problems.push('field "simulator.deleteDurationMs" must be a whole number of milliseconds, 0 or more');
  }
  const intervals = value.minimumIntervalMinutes;
  if (intervals === undefined) return problems;
  if (!isObject(intervals))
    return [...problems, 'field "simulator.minimumIntervalMinutes" must be an object'];
  for (const [key, minutes] of Object.entries(intervals)) {
    const field = `simulator.minimumIntervalMinutes.${key}`;
    if (!(INTERVAL_FIELDS as readonly string[]).includes(key)) {
      problems.push(`field "${field}" is not a known setting (applicationConsistent, crashConsistent)`);
    } else if (typeof minutes !== "number" || !Number.isFinite(minutes) || minutes < 0) {
      problems.push(`field "${field}" must be a number of minutes, 0 or more`);
    }
  }
  return problems;
}

/** The creation limits a fleet asks for, over the defaults; `settings` must have passed settingsProblems(). */
export function limitsOf(
  settings: FleetSettings | undefined,
  overrides: Partial<CreationLimits> = {},
): CreationLimits {
  const minutes = settings?.minimumIntervalMinutes;
  const limits: CreationLimits = {
    applicationIntervalMs:
      minutesToMs(minutes?.applicationConsistent) ?? DEFAULT_CREATION_LIMITS.applicationIntervalMs,
    crashIntervalMs: minutesToMs(minutes?.crashConsistent) ?? DEFAULT_CREATION_LIMITS.crashIntervalMs,
    perHour: DEFAULT_CREATION_LIMITS.perHour,
    // An option given as undefined keeps the fleet's or the default value.
    ...Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)),
  };
  // A budget below one would refuse every creation; that is not a limit Azure has.
  return { ...limits, perHour: Math.max(1, Math.floor(limits.perHour)) };
}

function minutesToMs(minutes: number | undefined): number | undefined {
  return minutes === undefined ? undefined : minutes * 60_000;
}
