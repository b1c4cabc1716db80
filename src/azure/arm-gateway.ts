/** The bot's one door to ARM for reading: resolve a VM by what a person typed, then gather its facts. */
import { type ArmClients, type ArmConnection, createArmClients } from "./clients.js";
import { CollectionDirectory } from "./collection-directory.js";
import { FactsGatherer, type GatherResult } from "./facts-gatherer.js";
import { KnownSubscriptions } from "./known-subscriptions.js";
import type { ResolveResult, VmRef } from "./vm-ref.js";
import { VmResolver } from "./vm-resolver.js";

export interface ArmGatewayOptions {
  connection: ArmConnection;
  /** Empty = every subscription the identity can list. */
  subscriptionIds: string[];
  nameIndexTtlMs: number;
  /** How long a subscription's collection listing is trusted (a fresh gather ignores it). */
  collectionListingTtlMs?: number;
  now?: () => number;
}

export interface ArmGateway {
  readonly clients: ArmClients;
  resolve(query: string): Promise<ResolveResult>;
  gather(vm: VmRef, options?: { fresh?: boolean }): Promise<GatherResult>;
  listVms(): Promise<VmRef[]>;
  /** Forget cached listings of a subscription (after the bot changed its collections). */
  invalidate(subscriptionId: string): void;
}

export function createArmGateway(options: ArmGatewayOptions): ArmGateway {
  const clients = createArmClients(options.connection);
  const now = options.now ?? Date.now;
  const resolver = new VmResolver({
    clients,
    subscriptionIds: options.subscriptionIds,
    ttlMs: options.nameIndexTtlMs,
    now,
  });
  const directory = new CollectionDirectory(clients, options.collectionListingTtlMs ?? 30_000, now);
  const subscriptions = new KnownSubscriptions(clients, options.subscriptionIds, options.nameIndexTtlMs, now);
  const gatherer = new FactsGatherer(clients, directory, {
    subscriptions,
    listingMaxAgeMs: options.nameIndexTtlMs,
  });
  return {
    clients,
    resolve: (query) => resolver.resolve(query),
    gather: (vm, gatherOptions) => gatherer.gather(vm, gatherOptions),
    listVms: () => resolver.all(),
    invalidate: (subscriptionId) => directory.invalidate(subscriptionId),
  };
}
