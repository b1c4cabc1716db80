/**
 * The index of VM names the resolver answers from. Only its first build is waited for: after that a stale
 * index is answered from at once and refreshed in the background (stale-while-revalidate), `keepWarm` refreshes
 * it before it expires, and a failed refresh keeps the old index and says so.
 */
import type { VmRef } from "./vm-ref.js";

/** "graph": Resource Graph when it answers (else ARM); "arm": ARM listings, which never lag. */
export type ListingSource = "graph" | "arm";

export interface NameIndexOptions {
  list(source: ListingSource): Promise<VmRef[]>;
  ttlMs: number;
  now: () => number;
  onRefreshError: (error: unknown) => void;
}

/** keepWarm refreshes at this share of the TTL, so that no one meets an expired listing. */
const REFRESH_AT = 0.8;

/** Runs `refresh` now and at 80% of every TTL after, without keeping the process alive; returns the stop. */
export function refreshBeforeExpiry(ttlMs: number, refresh: () => void): () => void {
  refresh();
  const timer = setInterval(refresh, Math.max(1, ttlMs * REFRESH_AT));
  timer.unref();
  return () => clearInterval(timer);
}

export class NameIndex {
  private entries: VmRef[] | undefined;
  private builtAt = 0;
  private building: Promise<VmRef[]> | undefined;

  constructor(private readonly options: NameIndexOptions) {}

  get built(): boolean {
    return this.entries !== undefined;
  }

  /** When the index was last built (0 before the first build). */
  get age(): number {
    return this.entries ? this.options.now() - this.builtAt : Number.POSITIVE_INFINITY;
  }

  /** What is known now; only a first build is waited for. */
  async current(): Promise<VmRef[]> {
    if (!this.entries) return this.rebuild("graph");
    if (this.age >= this.options.ttlMs) this.refreshInBackground();
    return this.entries;
  }

  /** Whatever is known, without listing anything (for suggestions). */
  known(): VmRef[] {
    return this.entries ?? [];
  }

  /** Builds now and waits; callers at the same time share one build. */
  rebuild(source: ListingSource): Promise<VmRef[]> {
    this.building ??= this.options
      .list(source)
      .then((entries) => {
        this.entries = entries;
        this.builtAt = this.options.now();
        return entries;
      })
      .finally(() => {
        this.building = undefined;
      });
    return this.building;
  }

  /** A VM found by a targeted look-up joins the index until the next build. */
  add(refs: readonly VmRef[]): void {
    if (!this.entries) return;
    const known = new Set(this.entries.map((ref) => ref.id.toLowerCase()));
    this.entries = [...this.entries, ...refs.filter((ref) => !known.has(ref.id.toLowerCase()))];
  }

  forget(): void {
    this.entries = undefined;
  }

  /** Builds now and refreshes before every expiry until the returned stop is called. */
  keepWarm(): () => void {
    return refreshBeforeExpiry(this.options.ttlMs, () => this.refreshInBackground());
  }

  private refreshInBackground(): void {
    if (this.building) return;
    this.rebuild("graph").catch((error: unknown) => this.options.onRefreshError(error));
  }
}
