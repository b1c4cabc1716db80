/** The bot's one door to ARM for reading: resolve a VM by what a person typed, then gather its facts. */
import { type ArmClients, type ArmConnection, createArmClients, createGraphClient } from "./clients.js";
import { CollectionDirectory } from "./collection-directory.js";
import { CollectionLookup } from "./collection-lookup.js";
import { CollectionsFoundByName } from "./collections-found-by-name.js";
import { FactsGatherer, type GatherResult } from "./facts-gatherer.js";
import { GraphQuota } from "./graph-quota.js";
import { GraphVms } from "./graph-vms.js";
import { KnownSubscriptions } from "./known-subscriptions.js";
import { ResourceGraph } from "./resource-graph.js";
import type { ResolveResult, VmRef } from "./vm-ref.js";
import { VmResolver } from "./vm-resolver.js";

export interface ArmGatewayOptions {
  connection: ArmConnection;
  /** Empty = every subscription the identity can list. */
  subscriptionIds: string[];
  nameIndexTtlMs: number;
  /** How long a subscription's collection listing is trusted (a fresh gather ignores it). */
  collectionListingTtlMs?: number;
  /** Resource Graph for finding VMs and collections (default true; RPBOT_RESOURCE_GRAPH=off). */
  resourceGraph?: boolean;
  /** Told when the graph is refused (the ARM listing answers instead) or a background refresh fails. */
  warn?: (message: string) => void;
  now?: () => number;
}

export interface ArmGateway {
  readonly clients: ArmClients;
  /** Absent when switched off (RPBOT_RESOURCE_GRAPH=off). */
  readonly graph?: ResourceGraph;
  /** The subscriptions the bot reads (configured, or listed and cached), and the names people know them by. */
  readonly subscriptions: Pick<KnownSubscriptions, "list" | "displayNames" | "graphScope">;
  resolve(query: string): Promise<ResolveResult>;
  gather(vm: VmRef, options?: { fresh?: boolean }): Promise<GatherResult>;
  listVms(): Promise<VmRef[]>;
  /** Forget cached listings of a subscription (after the bot changed its collections). */
  invalidate(subscriptionId: string): void;
  /**
   * In `rpbot serve`: the name index and (with Resource Graph) the collection listing are built now and
   * refreshed before they expire, so no one waits for them; returns the stop.
   */
  keepWarm(): () => void;
  /** How old the VM name index is, in milliseconds; undefined before it was first built. */
  nameIndexAgeMs(): number | undefined;
}

const COLLECTION_LISTING_TTL_MS = 30_000;
/** Resource Graph usually follows ARM within seconds to a few minutes; the bot's own changes wait this long. */
const GRAPH_LAG_MS = 10 * 60_000;

export function createArmGateway(options: ArmGatewayOptions): ArmGateway {
  const clients = createArmClients(options.connection);
  const now = options.now ?? Date.now;
  const warn = options.warn ?? (() => {});
  const listingTtlMs = options.collectionListingTtlMs ?? COLLECTION_LISTING_TTL_MS;
  const subscriptions = new KnownSubscriptions(clients, options.subscriptionIds, options.nameIndexTtlMs, now);
  const directory = new CollectionDirectory(clients, listingTtlMs, now);
  const graph =
    options.resourceGraph === false
      ? undefined
      : new ResourceGraph(createGraphClient(options.connection, new GraphQuota()));
  const graphRefused = (message: string) =>
    warn(`Resource Graph refused; listing through ARM instead: ${message}`);
  const foundByName = new CollectionsFoundByName(now);
  const lookup = new CollectionLookup({
    directory,
    subscriptions,
    elsewhereMaxAgeMs: options.nameIndexTtlMs,
    graph: graph && {
      graph,
      ttlMs: listingTtlMs,
      lagMs: GRAPH_LAG_MS,
      now,
      onRefusal: graphRefused,
      foundByName,
    },
  });
  const resolver = new VmResolver({
    clients,
    subscriptionIds: options.subscriptionIds,
    subscriptions,
    ttlMs: options.nameIndexTtlMs,
    now,
    graph: graph && new GraphVms(graph, graphRefused, foundByName),
    onRefreshError: (error) =>
      warn(`Refreshing the VM name index failed; the previous index stays: ${messageOf(error)}`),
  });
  const gatherer = new FactsGatherer(clients, lookup);
  return {
    clients,
    graph,
    subscriptions,
    resolve: (query) => resolver.resolve(query),
    gather: (vm, gatherOptions) => gatherer.gather(vm, gatherOptions),
    listVms: () => resolver.all(),
    invalidate: (subscriptionId) => lookup.invalidate(subscriptionId),
    nameIndexAgeMs: () => resolver.indexAgeMs(),
    keepWarm: () => {
      const stops = [resolver.keepWarm(), lookup.keepWarm()];
      return () => {
        for (const stop of stops) stop();
      };
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
