/**
 * Reads a whole scope (a resource group, a subscription, or everything) in bulk for the fleet report: per
 * subscription a handful of list calls (VMs and Uniform instances with instance views, scale sets, disks,
 * collections), then one GET with `$expand=restorePoints` per collection that matters to a VM in scope. The
 * collections of every other subscription the bot reads are listed once too, for VMs moved between them.
 * No per-VM GET: the cost grows with list pages and collections, not with VMs. Reads are paced against ARM's
 * per-subscription read bucket by the clients (read-budget.ts) instead of running into 429s.
 */
import type { VmFacts, VmHistory } from "../core/facts.js";
import type { ArmClients } from "./clients.js";
import { diskGroupsOf, listDisks } from "./disk-listing.js";
import { FleetCollections, historyOf } from "./fleet-history.js";
import { describeScope, type FleetScope, parseFleetScope, subscriptionsOf } from "./fleet-scope.js";
import { mapBounded } from "./paging.js";
import type { ReadBudget } from "./read-budget.js";
import type { ResourceGraph } from "./resource-graph.js";
import { type DiskResource, toVmFacts, withDiskResources } from "./vm-facts.mapper.js";
import { type ListedMachine, listMachines } from "./vm-listing.js";

export interface FleetSource {
  clients: ArmClients;
  /** Empty or absent: every subscription the identity can list (as ArmGatewayOptions.subscriptionIds). */
  subscriptionIds?: readonly string[];
  /** Reads in flight per subscription (default 8). */
  concurrency?: number;
  /** Resource Graph, when in use: every subscription's collections in one query (ARM lists them otherwise). */
  graph?: ResourceGraph;
}

export interface FleetEntry {
  facts: VmFacts;
  history: VmHistory;
}

export interface FleetRead {
  /** "resource group rg-prod", "subscription ...", "all 3 subscriptions". */
  scope: string;
  vms: FleetEntry[];
  /** ARM reads sent in the subscriptions read (retries included; other traffic on them at the same time too). */
  requests: number;
  /** Of those, answered with 429 (the SDK retried them; with pacing this stays 0). */
  throttled: number;
  /** Times a read waited for the read bucket to refill. */
  pauses: number;
}

export type FleetReadResult =
  | ({ ok: true } & FleetRead)
  | { ok: false; code: "scope-not-found"; message: string };

const DEFAULT_CONCURRENCY = 8;
/** Each subscription has its own read bucket; this only bounds sockets and memory. */
const SUBSCRIPTIONS_AT_ONCE = 8;

export async function readFleet(source: FleetSource, scopeText: string): Promise<FleetReadResult> {
  const scope = parseFleetScope(scopeText);
  if (scope.kind === "invalid") return scopeNotFound(scope.reason);
  const known = source.subscriptionIds?.length
    ? [...source.subscriptionIds]
    : await source.clients.listSubscriptions();
  const subscriptions = subscriptionsOf(scope, known);
  if (subscriptions.length === 0) return scopeNotFound(outsideMessage(scope));
  // Subscriptions outside the scope are read too (a moved VM's old collections): count them as well.
  const budgets = known.map((id) => source.clients.readBudget(id));
  const before = budgets.map((budget) => ({ ...budget.counters }));
  const collections = new FleetCollections(source.clients, known, concurrencyOf(source), source.graph);
  const reads = await mapBounded(subscriptions, SUBSCRIPTIONS_AT_ONCE, (id) =>
    readSubscription(source, collections, id, scope),
  );
  const found = reads.filter((read) => read !== undefined);
  if (found.length === 0 && scope.kind === "resource-group") {
    const count = subscriptions.length;
    const where = count === 1 ? "the subscription" : `any of the ${count} subscriptions`;
    return scopeNotFound(`No resource group named ${scope.resourceGroup} in ${where} the bot can read.`);
  }
  return {
    ok: true,
    scope: describeScope(scope, scope.kind === "resource-group" ? found.length : subscriptions.length),
    vms: found.flat(),
    ...countersSince(budgets, before),
  };
}

/** Undefined when the scope's resource group is not in this subscription. */
async function readSubscription(
  source: FleetSource,
  collections: FleetCollections,
  subscriptionId: string,
  scope: FleetScope,
): Promise<FleetEntry[] | undefined> {
  const started = await startReading(source, collections, subscriptionId, scope);
  if (started === "no-machines") return [];
  if (!started) return undefined;
  const { related, facts, index } = started;
  const [records, built] = await Promise.all([collections.expand(subscriptionId, related.flat()), facts]);
  return built.map((vm, position) => ({
    facts: vm,
    history: historyOf(vm, related[position] ?? [], records, index),
  }));
}

/**
 * Lists the machines as facts (the SDK's models, with their instance views and the parsed JSON they keep,
 * live only while their page is read: a whole fleet of them kept 470 MiB alive), finds their collections, and
 * completes the facts with the disk resources once the disks are listed.
 */
async function startReading(
  source: FleetSource,
  collections: FleetCollections,
  subscriptionId: string,
  scope: FleetScope,
) {
  const listed =
    scope.kind === "resource-group"
      ? await listGroup(source, collections, subscriptionId, scope.resourceGroup)
      : await listSubscription(source, collections, subscriptionId);
  if (!listed) return undefined;
  const { vms, disks } = listed;
  if (vms.length === 0) return "no-machines";
  // The collections are read as soon as machines and collections are known, while the disks are still listed.
  const index = await collections.index();
  const related = vms.map((vm) => index.related(vm.id, vm.name));
  const facts = disks.then((resources) => vms.map((vm) => withDiskResources(vm, resources)));
  return { related, facts, index };
}

interface Listing {
  /** Facts from the VM models alone (withDiskResources completes them). */
  vms: VmFacts[];
  /** Still being listed when the machines and collections are known. */
  disks: Promise<Map<string, DiskResource>>;
}

const NO_DISKS: ReadonlyMap<string, DiskResource> = new Map();

function machineFacts({ machine, ref }: ListedMachine): VmFacts {
  return toVmFacts(machine, ref, NO_DISKS);
}

/** The subscription's collections are listed beside its machines (all of them: region counts and moved VMs). */
async function listSubscription(
  source: FleetSource,
  collections: FleetCollections,
  subscriptionId: string,
): Promise<Listing> {
  const compute = source.clients.compute(subscriptionId);
  const disks = listDisks(compute, subscriptionId, "all", concurrencyOf(source));
  disks.catch(() => {}); // awaited by the caller; this only keeps an early failure from going unhandled
  const listing = { instanceView: true, concurrency: concurrencyOf(source) };
  const [vms] = await Promise.all([
    listMachines(compute, subscriptionId, listing, machineFacts),
    collections.listing(subscriptionId),
  ]);
  return { vms: vms ?? [], disks };
}

/** The group's machines first: a subscription without the group costs one list call, not the collection list. */
async function listGroup(
  source: FleetSource,
  collections: FleetCollections,
  subscriptionId: string,
  resourceGroup: string,
): Promise<Listing | undefined> {
  const compute = source.clients.compute(subscriptionId);
  const listing = { resourceGroup, instanceView: true, concurrency: concurrencyOf(source) };
  const vms = await listMachines(compute, subscriptionId, listing, machineFacts);
  if (!vms || vms.length === 0) return vms && { vms, disks: Promise.resolve(new Map()) };
  const disks = listDisks(compute, subscriptionId, diskGroupsOf(vms, subscriptionId), concurrencyOf(source));
  disks.catch(() => {});
  await collections.listing(subscriptionId);
  return { vms, disks };
}

function concurrencyOf(source: FleetSource): number {
  return Math.max(1, source.concurrency ?? DEFAULT_CONCURRENCY);
}

function countersSince(budgets: ReadBudget[], before: ReadBudget["counters"][]) {
  const delta = { requests: 0, throttled: 0, pauses: 0 };
  budgets.forEach((budget, index) => {
    const start = before[index] ?? { sent: 0, throttled: 0, pauses: 0 };
    delta.requests += budget.counters.sent - start.sent;
    delta.throttled += budget.counters.throttled - start.throttled;
    delta.pauses += budget.counters.pauses - start.pauses;
  });
  return delta;
}

function outsideMessage(scope: FleetScope): string {
  if (scope.kind === "all" || scope.subscriptionId === undefined) {
    return "The bot's identity can read no subscription: check its role assignments.";
  }
  return `Subscription ${scope.subscriptionId} is not one the bot can read (AZURE_SUBSCRIPTION_IDS, role assignments).`;
}

function scopeNotFound(message: string): FleetReadResult {
  return { ok: false, code: "scope-not-found", message };
}
