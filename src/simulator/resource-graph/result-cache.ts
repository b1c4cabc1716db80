/**
 * Results kept between the pages of a query, so that a page costs its own size and a binary search instead of
 * a new scan, filter and sort of the whole fleet. An entry is used only while the store has not changed
 * (FleetState.version); a first page (no skip token) always computes afresh. ours: the real service's
 * caching is not documented.
 */
import type { ResultSet } from "./executor.js";

interface CachedResult {
  version: number;
  result: ResultSet;
}

/** A few concurrent paging walks are enough for tests and benchmarks; the oldest entry goes first. */
const CAPACITY = 16;

export class ResultCache {
  private readonly entries = new Map<string, CachedResult>();

  get(fingerprint: string, version: number): ResultSet | undefined {
    const cached = this.entries.get(fingerprint);
    if (!cached || cached.version !== version) return undefined;
    this.entries.delete(fingerprint);
    this.entries.set(fingerprint, cached);
    return cached.result;
  }

  put(fingerprint: string, version: number, result: ResultSet): void {
    this.entries.delete(fingerprint);
    this.entries.set(fingerprint, { version, result });
    while (this.entries.size > CAPACITY) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
