/**
 * Human wording of durations and instants, shared by every door (terminal, Slack, Teams, the CLI's text).
 * An instant is worded by the caller's `absolute`: UTC by default (the CLI), the reader's zone in chat
 * (src/dialogs/time-wording.ts).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "45 s", "12 min", "2 h 5 min", "3 days". Rounds up to whole minutes so "in 0 min" never appears. */
export function describeDuration(ms: number): string {
  if (ms < MINUTE) return `${Math.max(1, Math.ceil(ms / 1000))} s`;
  const minutes = Math.ceil(ms / MINUTE);
  if (minutes < 60) return `${minutes} min`;
  if (ms < DAY) {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  const days = Math.round(ms / DAY);
  return days === 1 ? "1 day" : `${days} days`;
}

/** "in 2 h 5 min (2026-11-25 14:00 UTC)", or "now (…)" once the time has come. */
export function describeWhen(at: Date, now: Date, absolute: (at: Date) => string = formatUtc): string {
  const delta = at.getTime() - now.getTime();
  return delta <= 0 ? `now (${absolute(at)})` : `in ${describeDuration(delta)} (${absolute(at)})`;
}

/** "2026-11-25 14:00 UTC": to the minute; seconds and milliseconds are noise to a person. */
export function formatUtc(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** An ISO-8601 instant as the core writes them into its messages ("2026-12-03T19:09:25.688Z"). */
const ISO_INSTANT = /\b\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)/g;

/**
 * A message's ISO instants worded by `absolute` (UTC to the minute by default). The messages themselves stay
 * as they are: they are part of the JSON verdict.
 */
export function rewordInstants(text: string, absolute: (at: Date) => string = formatUtc): string {
  return text.replace(ISO_INSTANT, (iso) => {
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? iso : absolute(at);
  });
}
