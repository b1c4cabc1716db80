/**
 * Restore point history for a fleet read: each subscription's collections are listed once per report, and each
 * collection that matters to a VM in scope is read once with its points, however many VMs (in however many
 * subscriptions) it matters to. The rules are the single check's (collection-directory.ts, facts-gatherer.ts),
 * applied through indexes so that a large fleet does not compare every VM with every collection. As in a
 * check, subscriptions outside the report's scope only add a moved VM's old collections, best-effort.
 */
import type { CollectionRecord, VmFacts, VmHistory } from "../core/facts.js";
import type { ArmClients } from "./clients.js";
import {
  CollectionDirectory,
  type CollectionSummary,
  forVmSubscription,
  readCollectionWithPoints,
  relatedCollections,
  subscriptionRegionKey,
} from "./collection-directory.js";
import { keepOwnOrMoved } from "./facts-gatherer.js";
import { allCollectionsQuery, toCollectionSummary } from "./graph-queries.js";
import { toCollectionRecord } from "./history.mapper.js";
import { addToList } from "./lists-by-key.js";
import { Gate } from "./paging.js";
import type { ResourceGraph } from "./resource-graph.js";
import { parseResourceId } from "./resource-id.js";

export class CollectionIndex {
  private readonly bySource = new Map<string, number[]>();
  private readonly bySourceVmName = new Map<string, number[]>();
  private readonly perRegion = new Map<string, number>();

  constructor(private readonly collections: readonly CollectionSummary[]) {
    collections.forEach((collection, position) => {
      addToList(this.bySource, collection.sourceId.toLowerCase(), position);
      const vmName = sourceVmName(collection.sourceId);
      if (vmName !== undefined) addToList(this.bySourceVmName, vmName.toLowerCase(), position);
      const region = subscriptionRegionKey(collection.subscriptionId, collection.location);
      this.perRegion.set(region, (this.perRegion.get(region) ?? 0) + 1);
    });
  }

  /** What relatedCollections() returns for the VM, in listing order, without scanning every collection. */
  related(vmId: string, vmName: string): CollectionSummary[] {
    const positions = new Set([
      ...(this.bySource.get(vmId.toLowerCase()) ?? []),
      ...(this.bySourceVmName.get(vmName.toLowerCase()) ?? []),
    ]);
    const candidates = [...positions]
      .sort((a, b) => a - b)
      .flatMap((position) => this.collections[position] ?? []);
    return relatedCollections(candidates, vmId, vmName);
  }

  countInRegion(subscriptionId: string, location: string): number {
    return this.perRegion.get(subscriptionRegionKey(subscriptionId, location)) ?? 0;
  }
}

/** The collections of one report: listings and expansions shared by the subscriptions it reads. */
export class FleetCollections {
  private readonly listings = new Map<string, Promise<CollectionSummary[]>>();
  private readonly records = new Map<string, Promise<CollectionRecord | undefined>>();
  private readonly gates = new Map<string, Gate>();
  private everywhere: Promise<CollectionIndex> | undefined;

  private fromGraph: Promise<Map<string, CollectionSummary[]> | undefined> | undefined;

  constructor(
    private readonly clients: ArmClients,
    /** Every subscription the bot reads, the report's scope or not. */
    private readonly known: readonly string[],
    private readonly concurrency: number,
    /** One query for every subscription's collections; absent or refused: one ARM listing per subscription. */
    private readonly graph?: ResourceGraph,
  ) {}

  /** The subscription's collections as they are now (no cache shared with checks); a failure is the caller's. */
  listing(subscriptionId: string): Promise<CollectionSummary[]> {
    const key = subscriptionId.toLowerCase();
    let listing = this.listings.get(key);
    if (!listing) {
      listing = this.graphListing().then(
        (bySubscription) =>
          bySubscription?.get(key) ??
          (bySubscription
            ? []
            : new CollectionDirectory(this.clients, 0).list(subscriptionId, { fresh: true })),
      );
      this.listings.set(key, listing);
    }
    return listing;
  }

  private graphListing(): Promise<Map<string, CollectionSummary[]> | undefined> {
    const { graph } = this;
    if (!graph) return Promise.resolve(undefined);
    this.fromGraph ??= graph.query(allCollectionsQuery(), this.known, toCollectionSummary).then((answer) => {
      if (!answer.ok) return undefined;
      const bySubscription = new Map<string, CollectionSummary[]>();
      for (const summary of answer.rows) {
        addToList(bySubscription, summary.subscriptionId.toLowerCase(), summary);
      }
      return bySubscription;
    });
    return this.fromGraph;
  }

  /** One index over every known subscription's collections; one that cannot be listed is left out. */
  index(): Promise<CollectionIndex> {
    this.everywhere ??= Promise.all(
      this.known.map((id) => this.listing(id).catch(() => [] as CollectionSummary[])),
    ).then((listings) => new CollectionIndex(listings.flat()));
    return this.everywhere;
  }

  /**
   * Reads each collection once with `$expand=restorePoints`; one deleted since the listing is left out, and so is
   * one outside `subscriptionId` that cannot be read (an error in the VM's own subscription fails the read).
   * Called per VM as VMs are listed: at most `concurrency` reads are in flight per subscription, over all calls.
   */
  async expand(
    subscriptionId: string,
    collections: CollectionSummary[],
  ): Promise<Map<string, CollectionRecord>> {
    const unique = [...new Map(collections.map((c) => [c.id.toLowerCase(), c])).values()];
    const expanded = await Promise.all(
      unique.map((summary) => forVmSubscription(this.record(summary), summary, subscriptionId)),
    );
    const records = new Map<string, CollectionRecord>();
    expanded.forEach((record, position) => {
      const key = unique[position]?.id.toLowerCase();
      if (record && key) records.set(key, record);
    });
    return records;
  }

  private record(summary: CollectionSummary): Promise<CollectionRecord | undefined> {
    const key = summary.id.toLowerCase();
    let record = this.records.get(key);
    if (!record) {
      record = this.gateOf(summary.subscriptionId).run(() =>
        readCollectionWithPoints(this.clients, summary).then(
          (collection) => collection && toCollectionRecord(collection),
        ),
      );
      this.records.set(key, record);
    }
    return record;
  }

  private gateOf(subscriptionId: string): Gate {
    const key = subscriptionId.toLowerCase();
    let gate = this.gates.get(key);
    if (!gate) {
      gate = new Gate(this.concurrency);
      this.gates.set(key, gate);
    }
    return gate;
  }
}

export function historyOf(
  facts: VmFacts,
  related: CollectionSummary[],
  records: Map<string, CollectionRecord>,
  index: CollectionIndex,
): VmHistory {
  const collections = related.flatMap((summary) => records.get(summary.id.toLowerCase()) ?? []);
  return {
    collections: keepOwnOrMoved(collections, facts),
    collectionsInSubscriptionRegion: index.countInRegion(facts.subscriptionId, facts.location),
  };
}

/** The VM name a collection's source names, when the source is a VM (relatedCollections' name rule). */
function sourceVmName(sourceId: string): string | undefined {
  const source = parseResourceId(sourceId);
  if (source?.segments[0]?.[0].toLowerCase() !== "virtualmachines") return undefined;
  return source.segments[source.segments.length - 1]?.[1];
}
