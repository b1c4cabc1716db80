/**
 * Collections whose source is a VM of a given name, as Resource Graph returned them together with the VM
 * when a name was resolved (one query finds both, graph-queries.ts). The check that follows the resolution
 * takes them instead of asking the graph again: a cold `rpbot check` then spends one graph query, not two.
 * An answer is taken once and only while young, so it is never older than the look-up it came with.
 */
import type { CollectionSummary } from "./collection-directory.js";

const MAX_AGE_MS = 30_000;
/** A burst of look-ups of names never checked stays bounded. */
const CAPACITY = 256;

export class CollectionsFoundByName {
  private readonly found = new Map<string, { at: number; collections: CollectionSummary[] }>();

  constructor(private readonly now: () => number) {}

  put(vmName: string, collections: CollectionSummary[]): void {
    const key = vmName.toLowerCase();
    this.found.delete(key);
    this.found.set(key, { at: this.now(), collections });
    for (const oldest of this.found.keys()) {
      if (this.found.size <= CAPACITY) break;
      this.found.delete(oldest);
    }
  }

  /** The collections found with the name a moment ago, once; undefined when there is no young answer. */
  take(vmName: string): CollectionSummary[] | undefined {
    const key = vmName.toLowerCase();
    const entry = this.found.get(key);
    this.found.delete(key);
    return entry && this.now() - entry.at < MAX_AGE_MS ? entry.collections : undefined;
  }
}
