/** List responses: `{ value, nextLink }` with an absolute nextLink on the caller's origin (like ARM). */
import { cloudError } from "./errors.js";
import type { SimRequest, SimResponse } from "./types.js";

const SKIP_TOKEN = "$skiptoken";

export function pagedList<T>(
  request: SimRequest,
  items: readonly T[],
  pageSize: number,
  render: (item: T) => unknown,
): SimResponse {
  const offset = skipOffset(request.url);
  if (offset === undefined) return cloudError(400, "InvalidSkipToken", "The $skiptoken is not valid."); // ours
  const end = offset + pageSize;
  const value = items.slice(offset, end).map(render);
  const body: { value: unknown[]; nextLink?: string } = { value };
  if (end < items.length) body.nextLink = nextLink(request.url, end);
  return { status: 200, body };
}

function skipOffset(url: URL): number | undefined {
  const token = url.searchParams.get(SKIP_TOKEN);
  if (token === null) return 0;
  const offset = Number.parseInt(Buffer.from(token, "base64url").toString("utf8"), 10);
  return Number.isSafeInteger(offset) && offset >= 0 ? offset : undefined;
}

/** Keeps every query parameter of the request (api-version, $expand) and sets the skip token. */
function nextLink(url: URL, offset: number): string {
  const next = new URL(url.href);
  next.searchParams.set(SKIP_TOKEN, Buffer.from(String(offset), "utf8").toString("base64url"));
  return next.href;
}
