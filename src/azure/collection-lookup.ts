/**
 * Where a check finds the collections that may hold a VM's points (its own and, for a VM moved between resource
 * groups or subscriptions, its old ones) and how many collections the VM's subscription holds in its region.
 *
 * With Resource Graph: the collections of the VM's name in every subscription, as found with the VM when its
 * name was resolved, else one query; and, only when the check needs them, the per-region counts (shared for a
 * TTL); or, once `keepWarm` runs, a listing of every collection kept in memory, so a burst of checks spends no
 * graph quota. The graph may lag ARM a little: right before a creation, and for a while after
 * the bot changed a subscription, the VM's own subscription is listed through ARM (exact), the graph answering
 * only for the others. Without the graph, or when it refuses: ARM listings of every subscription (one page per
 * 100 collections; other subscriptions best-effort, since one may be unreadable).
 */
import {
  type CollectionDirectory,
  type CollectionSummary,
  relatedCollections,
  sameRegion,
  subscriptionRegionKey,
} from "./collection-directory.js";
import type { CollectionsFoundByName } from "./collections-found-by-name.js";
import {
  allCollectionsQuery,
  collectionCountsQuery,
  collectionsOfVmNameQuery,
  type RegionCount,
  toCollectionSummary,
  toRegionCount,
} from "./graph-queries.js";
import type { KnownSubscriptions } from "./known-subscriptions.js";
import { refreshBeforeExpiry } from "./name-index.js";
import type { GraphScope, ResourceGraph } from "./resource-graph.js";
import { sameId } from "./resource-id.js";
import type { VmRef } from "./vm-ref.js";

export interface CollectionsOfVm {
  related: CollectionSummary[];
  /**
   * Collections of the VM's subscription in a region (the VM's, known once the VM is read). With the graph
   * this may be a query: ask only when the count matters (the VM has no collection of its own there).
   */
  countInRegion(location: string): Promise<number>;
}

export interface CollectionLookupSettings {
  directory: CollectionDirectory;
  subscriptions: Pick<KnownSubscriptions, "list" | "graphScope">;
  /**
   * How old an ARM listing of another subscription's collections may be. Longer than the VM's own: what is
   * looked for there, a moved VM's old collection, gains no points (its source id is gone); the points
   * themselves are read at every check.
   */
  elsewhereMaxAgeMs: number;
  graph?: GraphSettings;
}

export interface GraphSettings {
  graph: ResourceGraph;
  /** How long graph counts and the kept listing are trusted. */
  ttlMs: number;
  /** How long the graph may lag a change the bot made. */
  lagMs: number;
  now: () => number;
  onRefusal: (message: string) => void;
  /** The collections found together with a VM when its name was resolved. */
  foundByName: CollectionsFoundByName;
}

interface GraphListing {
  at: number;
  collections: Promise<CollectionSummary[] | undefined>;
}

export class CollectionLookup {
  private counts: { at: number; counts: Promise<RegionCount[] | undefined> } | undefined;
  private kept: GraphListing | undefined;
  private keeping = false;
  private readonly changedAt = new Map<string, number>();

  constructor(private readonly settings: CollectionLookupSettings) {}

  /** The bot made or removed a collection in the subscription: the next look-ups must see it. */
  invalidate(subscriptionId: string): void {
    this.settings.directory.invalidate(subscriptionId);
    this.changedAt.set(subscriptionId.toLowerCase(), this.settings.graph?.now() ?? 0);
    this.counts = undefined;
  }

  async forVm(ref: VmRef, options: { fresh?: boolean } = {}): Promise<CollectionsOfVm> {
    const { directory } = this.settings;
    const exactOwn =
      !this.settings.graph || options.fresh === true || this.recentlyChanged(ref.subscriptionId);
    const scope = this.settings.subscriptions.graphScope();
    const [fromGraph, own] = await Promise.all([
      this.graphRelated(ref, scope),
      exactOwn ? directory.list(ref.subscriptionId, { fresh: options.fresh }) : undefined,
    ]);
    if (fromGraph && own) {
      const elsewhere = fromGraph.filter((c) => !sameId(c.subscriptionId, ref.subscriptionId));
      return armOwn(ref, own, elsewhere);
    }
    if (fromGraph) return this.withGraphCounts(ref, fromGraph, scope);
    const [listed, elsewhere] = await Promise.all([
      own ?? directory.list(ref.subscriptionId),
      this.armElsewhere(ref.subscriptionId),
    ]);
    return armOwn(ref, listed, elsewhere);
  }

  /** In `rpbot serve`: every collection is kept from the graph and refreshed before it expires. */
  keepWarm(): () => void {
    const { graph } = this.settings;
    if (!graph) return () => {};
    this.keeping = true;
    const stop = refreshBeforeExpiry(graph.ttlMs, () => {
      this.kept = this.listAll();
    });
    return () => {
      this.keeping = false;
      stop();
    };
  }

  /**
   * From the kept listing when there is one, else what was found with the VM's name, else one query for the
   * name; undefined when refused.
   */
  private async graphRelated(ref: VmRef, scope: GraphScope) {
    const { graph } = this.settings;
    if (!graph) return undefined;
    const kept = this.keeping ? await this.kept?.collections : undefined;
    if (kept) return relatedCollections(kept, ref.id, ref.name);
    const found = graph.foundByName.take(ref.name);
    if (found) return relatedCollections(found, ref.id, ref.name);
    const answer = await graph.graph.query(collectionsOfVmNameQuery(ref.name), scope, toCollectionSummary);
    if (!answer.ok) return this.refused(answer.refusal.message);
    return relatedCollections(answer.rows, ref.id, ref.name);
  }

  /**
   * The graph's related collections, counted per region by the graph when asked; a refused count falls back
   * to listing the VM's subscription through ARM.
   */
  private withGraphCounts(ref: VmRef, related: CollectionSummary[], scope: GraphScope): CollectionsOfVm {
    return {
      related,
      countInRegion: async (location) => {
        const counts = await this.graphCounts(scope);
        if (counts) return countOf(counts, ref.subscriptionId, location);
        const own = await this.settings.directory.list(ref.subscriptionId);
        return own.filter((c) => sameRegion(c.location, location)).length;
      },
    };
  }

  /** Counted from the kept listing, else one shared query per TTL; a refused query is not kept. */
  private async graphCounts(scope: GraphScope): Promise<RegionCount[] | undefined> {
    const graph = this.settings.graph;
    if (!graph) return undefined;
    const kept = this.keeping ? await this.kept?.collections : undefined;
    if (kept) return countsOf(kept);
    if (this.counts && graph.now() - this.counts.at < graph.ttlMs) return this.counts.counts;
    const counts = graph.graph.query(collectionCountsQuery(), scope, toRegionCount).then((answer) => {
      if (answer.ok) return answer.rows;
      this.counts = undefined;
      return this.refused(answer.refusal.message);
    });
    this.counts = { at: graph.now(), counts };
    return counts;
  }

  private listAll(): GraphListing {
    const graph = this.settings.graph as GraphSettings;
    const previous = this.kept;
    const collections = graph.graph
      .query(allCollectionsQuery(), this.settings.subscriptions.graphScope(), toCollectionSummary)
      .then((answer) => {
        if (answer.ok) return answer.rows;
        graph.onRefusal(answer.refusal.message);
        return previous?.collections; // keep the last good listing
      })
      .catch(() => previous?.collections);
    return { at: graph.now(), collections };
  }

  private async armElsewhere(subscriptionId: string): Promise<CollectionSummary[]> {
    const { directory, elsewhereMaxAgeMs, subscriptions } = this.settings;
    const known = await subscriptions.list().catch(() => [] as readonly string[]);
    const others = known.filter((id) => !sameId(id, subscriptionId));
    const listings = await Promise.all(
      others.map((id) => directory.list(id, { maxAgeMs: elsewhereMaxAgeMs }).catch(() => [])),
    );
    return listings.flat();
  }

  /** A collection the bot made a moment ago may not be in the graph yet. */
  private recentlyChanged(subscriptionId: string): boolean {
    const graph = this.settings.graph;
    const at = this.changedAt.get(subscriptionId.toLowerCase());
    return graph !== undefined && at !== undefined && graph.now() - at < graph.lagMs;
  }

  private refused(message: string): undefined {
    this.settings.graph?.onRefusal(message);
    return undefined;
  }
}

/** The VM's own subscription as ARM lists it, plus what other subscriptions hold. */
function armOwn(ref: VmRef, own: CollectionSummary[], elsewhere: CollectionSummary[]): CollectionsOfVm {
  return {
    related: relatedCollections([...own, ...elsewhere], ref.id, ref.name),
    countInRegion: async (location) => own.filter((c) => sameRegion(c.location, location)).length,
  };
}

function countOf(counts: RegionCount[], subscriptionId: string, location: string): number {
  const found = counts.find(
    (count) => sameId(count.subscriptionId, subscriptionId) && sameRegion(count.location, location),
  );
  return found?.count ?? 0;
}

function countsOf(collections: CollectionSummary[]): RegionCount[] {
  const counts = new Map<string, RegionCount>();
  for (const { subscriptionId, location } of collections) {
    const key = subscriptionRegionKey(subscriptionId, location);
    const count = counts.get(key) ?? { subscriptionId, location, count: 0 };
    count.count += 1;
    counts.set(key, count);
  }
  return [...counts.values()];
}
