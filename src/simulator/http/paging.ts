/**
 * List responses: `{ value, nextLink }` with an absolute nextLink on the caller's origin (like ARM). The skip
 * token carries the sort key of the last item served, and the next page starts after it: resources added or
 * removed between pages do not shift the pages, so nothing present throughout is skipped or served twice.
 */
import type { Pager } from "../store/sorted-index.js";
import { cloudError } from "./errors.js";
import type { SimRequest, SimResponse } from "./types.js";

const SKIP_TOKEN = "$skiptoken";

export function pagedList<T>(
  request: SimRequest,
  pager: Pager<T>,
  pageSize: number,
  render: (item: T) => unknown,
): SimResponse {
  const cursor = readCursor(request.url);
  if (!cursor.ok) return cloudError(400, "InvalidSkipToken", "The $skiptoken is not valid."); // ours
  const page = pager(cursor.after, pageSize);
  const body: { value: unknown[]; nextLink?: string } = { value: page.items.map(render) };
  if (page.more && page.lastKey !== undefined) body.nextLink = nextLink(request.url, page.lastKey);
  return { status: 200, body };
}

type Cursor = { ok: true; after?: string } | { ok: false };

function readCursor(url: URL): Cursor {
  const token = url.searchParams.get(SKIP_TOKEN);
  if (token === null) return { ok: true };
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    const after = (decoded as { after?: unknown } | null)?.after;
    return typeof after === "string" ? { ok: true, after } : { ok: false };
  } catch {
    return { ok: false };
  }
}

/** Keeps every query parameter of the request (api-version, $expand) and sets the skip token. */
function nextLink(url: URL, lastKey: string): string {
  const next = new URL(url.href);
  next.searchParams.set(
    SKIP_TOKEN,
    Buffer.from(JSON.stringify({ after: lastKey }), "utf8").toString("base64url"),
  );
  return next.href;
}
