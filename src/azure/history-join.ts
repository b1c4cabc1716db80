/**
 * Gives each VM of a fleet read its restore point history and hands it on as soon as it can: the VM's
 * collections are looked up, and read with their points, the moment it is listed (while its disks are still
 * being listed), and the VM goes to `onEntry` once its facts are complete too. Most VMs have no collection:
 * they pass straight through, so a large fleet is never held in memory whole.
 */
import type { CollectionRecord, VmFacts, VmHistory } from "../core/facts.js";
import type { CollectionSummary } from "./collection-directory.js";
import { type CollectionIndex, type FleetCollections, historyOf } from "./fleet-history.js";

export interface FleetEntry {
  facts: VmFacts;
  history: VmHistory;
}

interface FoundCollections {
  related: CollectionSummary[];
  records: Map<string, CollectionRecord>;
  index: CollectionIndex;
}

const NO_RECORDS: ReadonlyMap<string, CollectionRecord> = new Map();

export class HistoryJoin {
  private readonly found = new Map<string, Promise<FoundCollections>>();
  private readonly handing = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(
    /** Asked for its index when the first VM is listed: a group that is not in the subscription costs nothing. */
    private readonly collections: FleetCollections,
    /** The subscription being read: an error reading a collection of its own fails the read. */
    private readonly subscriptionId: string,
    private readonly onEntry: (entry: FleetEntry) => void,
  ) {}

  /** A VM listed (facts from its model alone): starts reading its collections. */
  listed(facts: VmFacts): void {
    const { id, name } = facts;
    const found = this.collections.index().then(async (index) => {
      const related = index.related(id, name);
      const records =
        related.length === 0
          ? (NO_RECORDS as Map<string, CollectionRecord>)
          : await this.collections.expand(this.subscriptionId, related);
      return { related, records, index };
    });
    found.catch(() => {}); // observed by complete(); a VM whose listing failed midway never gets there
    this.found.set(id.toLowerCase(), found);
  }

  /** The VM's facts are complete: it is handed on once its collections are read. */
  complete(facts: VmFacts): void {
    const key = facts.id.toLowerCase();
    if (!this.found.has(key)) this.listed(facts);
    const found = this.found.get(key);
    this.found.delete(key);
    const handed = (found as Promise<FoundCollections>)
      .then(({ related, records, index }) =>
        this.onEntry({ facts, history: historyOf(facts, related, records, index) }),
      )
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.handing.delete(handed));
    this.handing.add(handed);
  }

  /** Resolves when every completed VM has been handed on; rejects with the first failure. */
  async settled(): Promise<void> {
    while (this.handing.size > 0) await Promise.all([...this.handing]);
    if (this.failure) throw this.failure.error;
  }
}
