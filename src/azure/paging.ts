/** The one owner of ARM paging and bounded fan-out: every list call and every batch of reads goes through here. */

/**
 * Follows every page of an SDK list call (`for await` fetches the next page on demand). `convert` keeps what
 * the caller needs of each item as it arrives, so the SDK's models of a large listing are never all alive.
 */
export async function collect<T, R = T>(
  pages: AsyncIterable<T>,
  convert: (item: T) => R = (item) => item as unknown as R,
  /** Asked after each item; while it returns a promise, the next page waits for it (back-pressure). */
  pause?: () => Promise<void> | undefined,
): Promise<R[]> {
  const items: R[] = [];
  await eachItem(pages, (item) => items.push(convert(item)), pause);
  return items;
}

/** collect() for a caller that hands each item on instead of keeping a list. */
export async function eachItem<T>(
  pages: AsyncIterable<T>,
  onItem: (item: T) => void,
  pause?: () => Promise<void> | undefined,
): Promise<void> {
  for await (const item of pages) {
    onItem(item);
    const wait = pause?.();
    if (wait) await wait;
  }
}

/**
 * Promise.all with at most `limit` calls in flight, results in input order, so a large fleet does not burst
 * ARM's read budget. The first failure rejects the whole map, as Promise.all does.
 */
export async function mapBounded<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}

/** Bounded fan-out shared by many callers (the fleet read's collection GETs per subscription). */
export { ConcurrencyLimit as Gate } from "../concurrency-limit.js";
