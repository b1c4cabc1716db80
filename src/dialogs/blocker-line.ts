/**
 * A blocker as chat says it. The core's messages are part of the JSON verdict and carry ISO-8601 UTC
 * instants; chat words them in the reader's zone (time-wording.ts), and says a too-soon time once: when the
 * mode is held back by time alone, its "Next allowed" line says when, so the blocker does not say it again.
 */
import type { Finding, ModeVerdict } from "../core/verdict.js";
import { describeWhen, formatTime, withTimesIn } from "./time-wording.js";

type ModeTime = Pick<ModeVerdict, "nextAllowedAt">;

/** The blocker's sentence for a mode; a blocker both modes share is said with `{ nextAllowedAt: null }`. */
export function blockerLine(finding: Finding, mode: ModeTime, zone: string | undefined, now: Date): string {
  if (finding.rule === "too-soon") {
    const worded = tooSoonLine(finding.message, mode.nextAllowedAt !== null, zone, now);
    if (worded) return worded;
  }
  return withTimesIn(finding.message, zone);
}

/** "Next allowed in 59 min (2026-12-03 20:09 CET)." when only time stands in the mode's way. */
export function nextAllowedLine(mode: ModeTime, zone: string | undefined, now: Date): string | undefined {
  return mode.nextAllowedAt
    ? `Next allowed ${describeWhen(new Date(mode.nextAllowedAt), now, zone)}.`
    : undefined;
}

/** The core's too-soon sentence (src/core/matrix-frequency-rows.ts), whose two instants chat rewords. */
const TOO_SOON =
  /^(?<newest>.+) was created at (?<created>\S+); at least (?<interval>.+) must pass between two, so the next one is possible at (?<next>\S+)\.$/;

/** Undefined when the core's sentence has another shape: the caller then rewords its instants only. */
function tooSoonLine(message: string, saidByNextLine: boolean, zone: string | undefined, now: Date) {
  const parts = TOO_SOON.exec(message)?.groups;
  if (!parts?.newest || !parts.created || !parts.interval || !parts.next) return undefined;
  const created = new Date(parts.created);
  const next = new Date(parts.next);
  if (Number.isNaN(created.getTime()) || Number.isNaN(next.getTime())) return undefined;
  const rule = `${parts.newest} was created at ${formatTime(created, zone)}; at least ${parts.interval} must pass between two`;
  return saidByNextLine
    ? `${rule}.`
    : `${rule}, so the next one is possible ${describeWhen(next, now, zone)}.`;
}
