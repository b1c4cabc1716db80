/** Human wording of durations and instants, shared by every door (terminal, Slack, Teams). */

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

/** "in 2 h 5 min (2026-11-25 14:00 UTC)" */
export function describeWhen(at: Date, now: Date): string {
  const delta = at.getTime() - now.getTime();
  const absolute = formatUtc(at);
  if (delta <= 0) return `now (${absolute})`;
  return `in ${describeDuration(delta)} (${absolute})`;
}

export function formatUtc(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
