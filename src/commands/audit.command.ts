/** `rpbot audit [--since 2h|ISO-8601] [--json] [--limit N]`: who checked, created, confirmed or was refused what. */
import { parseDuration } from "../config.js";
import type { Store } from "../store/store.port.js";
import { CliUsageError } from "./cli-failure.js";
import type { CommandIo } from "./io.js";
import { formatTime, renderAuditJsonLines, renderAuditText } from "./render-audit.js";

export interface AuditArgs {
  /** A duration ("90s", "15m", "3h", "2d": that long ago) or an ISO-8601 time; unset = the whole log. */
  since?: string;
  json: boolean;
  /** Show only the newest N entries of the window (still printed oldest first), like `tail -n`. */
  limit?: number;
}

export async function runAuditCommand(
  args: AuditArgs,
  store: Pick<Store, "audit">,
  io: CommandIo,
  now: () => Date,
): Promise<number> {
  const since = args.since === undefined ? undefined : parseSince(args.since, now());
  const limit = checkLimit(args.limit);
  // The port's `limit` keeps the oldest entries; an operator asking for N wants the latest N, so the window is
  // read whole and its tail kept.
  const all = await store.audit.list(since ? { since } : {});
  const entries = limit === undefined ? all : all.slice(-limit);
  if (entries.length === 0) {
    const notice = `No audit entries since ${since ? formatTime(since) : "the log began"}.`;
    // With --json, stdout holds JSON lines only, so a script reads an empty answer as zero lines.
    if (args.json) io.err(notice);
    else io.out(notice);
    return 0;
  }
  if (entries.length < all.length)
    io.err(`Showing the newest ${entries.length} of ${all.length} entries; raise --limit to see more.`);
  io.out(args.json ? renderAuditJsonLines(entries) : renderAuditText(entries));
  return 0;
}

const DURATION_WITH_UNIT = /^\d+(?:\.\d+)?\s*(?:ms|s|m|h|d)$/i;
const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/i;

/** A duration means "that long ago"; a bare number is refused, as "2026" could be a year as well as ms. */
export function parseSince(text: string, now: Date): Date {
  const value = text.trim();
  const ms = DURATION_WITH_UNIT.test(value) ? parseDuration(value) : undefined;
  if (ms !== undefined) return new Date(now.getTime() - ms);
  const at = parseIsoTime(value);
  if (at) return at;
  throw new CliUsageError(
    `--since takes a duration like 90s, 15m, 3h or 2d, or an ISO-8601 time like 2026-11-25T10:00:00Z (got "${value.slice(0, 40)}")`,
  );
}

/** Times without a zone are read as UTC, the zone every audit line is printed in. */
function parseIsoTime(value: string): Date | undefined {
  const match = ISO_TIME.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, , zone] = match;
  const normalised = value.replace(" ", "T") + (hour !== undefined && zone === undefined ? "Z" : "");
  const at = new Date(normalised);
  if (Number.isNaN(at.getTime())) return undefined;
  // Date accepts 2026-02-30 as 2 March; refuse days the month does not have.
  const calendarDay = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const exists = calendarDay.toISOString().startsWith(`${year}-${month}-${day}`);
  return exists ? at : undefined;
}

function checkLimit(limit: number | undefined): number | undefined {
  if (limit === undefined || (Number.isInteger(limit) && limit >= 1)) return limit;
  throw new CliUsageError(`--limit takes a whole number from 1 (got ${limit})`);
}
