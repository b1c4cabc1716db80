/**
 * How long to wait, in words a person reads at a glance: a Retry-After of 37 seconds is "about 37 seconds",
 * 5,400 "about 2 hours". Rounded to the unit that reads best, and promoted when rounding reaches the next one
 * (3,590 seconds is "about an hour", not "about 60 minutes"). Pure, so every dialog words waits alike.
 */

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "about 30 seconds", "about a minute", "about 5 minutes", "about an hour", "about 3 days". */
export function describeWait(seconds: number): string {
  if (Number.isNaN(seconds) || seconds <= 0) return "a moment";
  if (!Number.isFinite(seconds)) return "a long while";
  const wholeSeconds = Math.max(1, Math.round(seconds));
  if (wholeSeconds < MINUTE) return about(wholeSeconds, "second", "a second");
  const minutes = Math.round(seconds / MINUTE);
  if (minutes < 60) return about(minutes, "minute", "a minute");
  const hours = Math.round(seconds / HOUR);
  if (hours < 24) return about(hours, "hour", "an hour");
  return about(Math.round(seconds / DAY), "day", "a day");
}

function about(count: number, unit: string, one: string): string {
  return count === 1 ? `about ${one}` : `about ${count} ${unit}s`;
}
