/**
 * Items kept in the order of a string key (a lower-case resource id), so a list page can resume after the last
 * key it served: items added or removed between pages are then neither skipped nor repeated. The order is
 * built once, lazily (a fleet loads thousands of items), then kept up to date by binary insertion.
 */

export interface Page<T> {
  items: T[];
  /** The key of the last item served; undefined when the page is empty. */
  lastKey?: string;
  /** True when at least one more item follows. */
  more: boolean;
}

/** Items after `after` (exclusive; from the start when undefined), at most `limit` of them. */
export type Pager<T> = (after: string | undefined, limit: number) => Page<T>;

export const EMPTY_PAGER: Pager<never> = () => ({ items: [], more: false });

export class SortedIndex<T> {
  private readonly items = new Map<string, T>();
  /** Sorted keys; undefined until first needed after a bulk load. */
  private sorted: string[] | undefined = [];

  set(key: string, item: T): void {
    const isNew = !this.items.has(key);
    this.items.set(key, item);
    if (!isNew || !this.sorted) return;
    // An empty order is rebuilt on the next read instead: while a fleet loads, one sort beats many insertions.
    if (this.sorted.length > 0) {
      this.sorted.splice(lowerBound(this.sorted, key), 0, key);
    } else {
      this.sorted = undefined;
    }
  }

  delete(key: string): void {
    if (!this.items.delete(key) || !this.sorted) return;
    const index = lowerBound(this.sorted, key);
    if (this.sorted[index] === key) this.sorted.splice(index, 1);
  }

  /** A pager over the items, optionally only those `accept` lets through. */
  pager(accept?: (item: T) => boolean): Pager<T> {
    return (after, limit) => this.page(after, limit, accept);
  }

  private page(after: string | undefined, limit: number, accept?: (item: T) => boolean): Page<T> {
    const keys = this.keys();
    let index = after === undefined ? 0 : upperBound(keys, after);
    const page: Page<T> = { items: [], more: false };
    for (; index < keys.length; index += 1) {
      const key = keys[index] as string;
      const item = this.items.get(key) as T;
      if (accept && !accept(item)) continue;
      if (page.items.length === limit) {
        page.more = true;
        break;
      }
      page.items.push(item);
      page.lastKey = key;
    }
    return page;
  }

  private keys(): string[] {
    this.sorted ??= [...this.items.keys()].sort(compare);
    return this.sorted;
  }
}

/** One SortedIndex per named scope (a subscription, a resource group, a parent), each created on first use. */
export class ScopedIndexes<T> {
  private readonly scopes = new Map<string, SortedIndex<T>>();

  set(scope: string, key: string, item: T): void {
    let index = this.scopes.get(scope);
    if (!index) {
      index = new SortedIndex();
      this.scopes.set(scope, index);
    }
    index.set(key, item);
  }

  delete(scope: string, key: string): void {
    this.scopes.get(scope)?.delete(key);
  }

  /** The scope's pager; an empty one for a scope that never held an item. */
  pager(scope: string, accept?: (item: T) => boolean): Pager<T> {
    return this.scopes.get(scope)?.pager(accept) ?? EMPTY_PAGER;
  }
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** The first index whose key is >= key. */
function lowerBound(keys: readonly string[], key: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((keys[middle] as string) < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first index whose key is > key. */
function upperBound(keys: readonly string[], key: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((keys[middle] as string) <= key) low = middle + 1;
    else high = middle;
  }
  return low;
}
