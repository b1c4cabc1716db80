/**
 * Pages of a result. ours: the service's `$skipToken` carries an offset; the simulator's carries the position
 * of the last row served (its sort values and key) and resumes after it, as the ARM lists do (http/paging.ts):
 * rows added or removed between pages never make a page skip or repeat a row that was there throughout. The
 * token is opaque base64 JSON, bound to its query and scope and carrying the page size.
 */
import { compareEntries, type Entry, type ResultSet } from "./executor.js";
import type { Value } from "./values.js";

export interface Cursor {
  key: string;
  sort: Value[];
}

export interface SkipToken {
  /** Which query and scope the token belongs to (see fingerprint()). */
  fingerprint: string;
  /** The page size to go on with when the next request has no `$top`. */
  pageSize: number;
  after: Cursor;
}

export interface PageRequest {
  size: number;
  skip: number;
  after?: Cursor;
}

export interface Page {
  entries: Entry[];
  /** Rows follow this page. */
  more: boolean;
}

export function pageOf(result: ResultSet, request: PageRequest): Page {
  let start = request.after ? firstAfter(result, request.after) : 0;
  // "If you use limit or take in the query, skip is ignored" (working with large data sets).
  if (!result.limited) start += request.skip;
  const end = Math.min(result.entries.length, start + request.size);
  return { entries: result.entries.slice(start, end), more: end < result.entries.length };
}

/** The index of the first entry after the cursor, by binary search in the result's own order. */
function firstAfter(result: ResultSet, cursor: Cursor): number {
  let low = 0;
  let high = result.entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const entry = result.entries[middle] as Entry;
    if (compareEntries(entry, cursor, result.order) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function cursorOf(entry: Entry): Cursor {
  return { key: entry.row.key, sort: entry.sort };
}

export function encodeSkipToken(token: SkipToken): string {
  const json = { v: 1, f: token.fingerprint, n: token.pageSize, k: token.after.key, s: token.after.sort };
  return Buffer.from(JSON.stringify(json), "utf8").toString("base64");
}

/** undefined for anything the simulator did not hand out. */
export function decodeSkipToken(text: string): SkipToken | undefined {
  try {
    const json: unknown = JSON.parse(Buffer.from(text, "base64").toString("utf8"));
    const { v, f, n, k, s } = (json ?? {}) as Record<string, unknown>;
    if (v !== 1 || typeof f !== "string" || typeof k !== "string" || !Array.isArray(s)) return undefined;
    if (!Number.isInteger(n) || (n as number) < 1) return undefined;
    return { fingerprint: f, pageSize: n as number, after: { key: k, sort: s as Value[] } };
  } catch {
    return undefined;
  }
}
