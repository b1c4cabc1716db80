/** The one owner of ARM paging and bounded fan-out: every list call and every batch of reads goes through here. */

/**
 * Follows every page of an SDK list call (`for await` fetches the next page on demand). `convert` keeps what
 * the caller needs of each item as it arrives, so the SDK's models of a large listing are never all alive.
 */
export async function collect<T, R = T>(
  pages: AsyncIterable<T>,
  convert: (item: T) => R = (item) => item as unknown as R,
): Promise<R[]> {
  const items: R[] = [];
  for await (const item of pages) items.push(convert(item));
  return items;
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
