/**
 * Reads a whole scope (a resource group, a subscription, or everything) in bulk for the fleet report: per
 * subscription a handful of list calls (VMs and Uniform instances with instance views, scale sets, disks,
 * collections), then one GET with `$expand=restorePoints` per collection that matters to a VM in scope. The
 * collections of every other subscription the bot reads are listed once too, for VMs moved between them.
 * No per-VM GET: the cost grows with list pages and collections, not with VMs. Reads are paced against ARM's
 * per-subscription read bucket by the clients (read-budget.ts) instead of running into 429s.
 */
import type { VmFacts } from "../core/facts.js";
import type { ArmClients } from "./clients.js";
import { DiskJoin } from "./disk-join.js";
import { diskGroupsOf, listDisks } from "./disk-listing.js";
import { FleetCollections } from "./fleet-history.js";
import { describeScope, type FleetScope, parseFleetScope, subscriptionsOf } from "./fleet-scope.js";
import { type FleetEntry, HistoryJoin } from "./history-join.js";
import { KnownSubscriptions } from "./known-subscriptions.js";
import { mapBounded } from "./paging.js";
import type { ReadBudget } from "./read-budget.js";
import type { ResourceGraph } from "./resource-graph.js";
import { type DiskResource, toVmFacts } from "./vm-facts.mapper.js";
import { type ListedMachine, listMachines } from "./vm-listing.js";

export interface FleetSource {
  clients: ArmClients;
  /** Empty or absent: every subscription the identity can list (as ArmGatewayOptions.subscriptionIds). */
  subscriptionIds?: readonly string[];
  /** The gateway's subscriptions and their names, listed and cached once for the whole bot. */
  subscriptions?: Pick<KnownSubscriptions, "list" | "displayNames">;
  /** Reads in flight per subscription (default 8). */
  concurrency?: number;
  /** Resource Graph, when in use: every subscription's collections in one query (ARM lists them otherwise). */
  graph?: ResourceGraph;
}

export type { FleetEntry } from "./history-join.js";

export interface FleetReadSummary {
  /** "resource group rg-prod", "subscription ...", "all 3 subscriptions". */
  scope: string;
  /** VMs handed on. */
  vmCount: number;
  /** ARM reads sent in the subscriptions read (retries included; other traffic on them at the same time too). */
  requests: number;
  /** Of those, answered with 429 (the SDK retried them; with pacing this stays 0). */
  throttled: number;
  /** Times a read waited for the read bucket to refill. */
  pauses: number;
}

export interface FleetRead extends FleetReadSummary {
  vms: FleetEntry[];
}

export interface ScopeNotFound {
  ok: false;
  code: "scope-not-found";
  message: string;
}

export type FleetReadEachResult = ({ ok: true } & FleetReadSummary) | ScopeNotFound;

export type FleetReadResult = ({ ok: true } & FleetRead) | ScopeNotFound;

const DEFAULT_CONCURRENCY = 8;
/** Each subscription has its own read bucket; this only bounds sockets and memory. */
const SUBSCRIPTIONS_AT_ONCE = 8;

/** The whole read as one array: for tests and small scopes (the report streams, see readFleetEach). */
export async function readFleet(source: FleetSource, scopeText: string): Promise<FleetReadResult> {
  const vms: FleetEntry[] = [];
  const read = await readFleetEach(source, scopeText, (entry) => vms.push(entry));
  return read.ok ? { ...read, vms } : read;
}

/**
 * Hands each VM of the scope to `onEntry` as soon as its facts and history are read, in no particular order, so
 * that a report of 50,000 VMs keeps only what it counts instead of every VM's facts.
 */
export async function readFleetEach(
  source: FleetSource,
  scopeText: string,
  onEntry: (entry: FleetEntry) => void,
): Promise<FleetReadEachResult> {
  const scope = parseFleetScope(scopeText);
  if (scope.kind === "invalid") return scopeNotFound(scope.reason);
  const directory = subscriptionDirectory(source);
  const known = [...(await directory.list())];
  const subscriptions = subscriptionsOf(scope, known);
  if (subscriptions.length === 0) return scopeNotFound(outsideMessage(scope));
  // Subscriptions outside the scope are read too (a moved VM's old collections): count them as well.
  const budgets = known.map((id) => source.clients.readBudget(id));
  const before = budgets.map((budget) => ({ ...budget.counters }));
  const collections = new FleetCollections(source.clients, known, concurrencyOf(source), source.graph);
  const reads = await mapBounded(subscriptions, SUBSCRIPTIONS_AT_ONCE, (id) => {
    const history = new HistoryJoin(collections, id, onEntry);
    const read = { source, collections, history, subscriptionId: id };
    return scope.kind === "resource-group" ? readGroup(read, scope.resourceGroup) : readSubscription(read);
  });
  const found = reads.filter((count) => count !== undefined);
  if (found.length === 0 && scope.kind === "resource-group") {
    const count = subscriptions.length;
    const where = count === 1 ? "the subscription" : `any of the ${count} subscriptions`;
    return scopeNotFound(`No resource group named ${scope.resourceGroup} in ${where} the bot can read.`);
  }
  const names = await directory.displayNames();
  return {
    ok: true,
    scope: describeScope(scope, scope.kind === "resource-group" ? found.length : subscriptions.length, names),
    vmCount: found.reduce((sum, count) => sum + count, 0),
    ...countersSince(budgets, before),
  };
}

/** How long a read without the gateway's subscriptions trusts its own listing: the read itself. */
const ONE_READ_MS = 60_000;

/** Configured subscriptions first, then the gateway's; a bare source lists them for this read alone. */
function subscriptionDirectory(source: FleetSource): Pick<KnownSubscriptions, "list" | "displayNames"> {
  if (source.subscriptions && !source.subscriptionIds?.length) return source.subscriptions;
  return new KnownSubscriptions(source.clients, source.subscriptionIds ?? [], ONE_READ_MS);
}

interface SubscriptionRead {
  source: FleetSource;
  collections: FleetCollections;
  history: HistoryJoin;
  subscriptionId: string;
}

/**
 * The machines, the disks and the collections of a subscription at once (all collections: region counts and
 * moved VMs). Each machine's facts come from its model as its page arrives (the SDK's models, with their
 * instance views and the parsed JSON they keep, live only while their page is read), and are completed by the
 * disks as those are listed. The machine listing waits while too many machines wait for their disks.
 */
async function readSubscription(read: SubscriptionRead): Promise<number> {
  const { source, history, subscriptionId } = read;
  const compute = source.clients.compute(subscriptionId);
  const join = new DiskJoin((facts) => history.complete(facts));
  const listing = { instanceView: true, concurrency: concurrencyOf(source), pause: () => join.room() };
  const [vms] = await Promise.all([
    listMachines(compute, subscriptionId, listing, (listed) => {
      const facts = machineFacts(listed);
      history.listed(facts);
      join.addVm(facts);
    }),
    listDisks(compute, subscriptionId, "all", concurrencyOf(source), (id, disk) =>
      join.addDisk(id, disk),
    ).then(() => join.endOfDisks()),
    read.collections.listing(subscriptionId),
  ]);
  await history.settled();
  return vms?.length ?? 0;
}

/**
 * The group's machines first: a subscription without the group costs one list call, not the collection list;
 * and the disks are listed in the groups the machines name, which may be others.
 */
async function readGroup(read: SubscriptionRead, resourceGroup: string): Promise<number | undefined> {
  const { source, history, subscriptionId } = read;
  const compute = source.clients.compute(subscriptionId);
  const listing = { resourceGroup, instanceView: true, concurrency: concurrencyOf(source) };
  const vms = await listMachines(compute, subscriptionId, listing, (listed) => {
    const facts = machineFacts(listed);
    history.listed(facts);
    return facts;
  });
  if (!vms || vms.length === 0) return vms?.length;
  const join = new DiskJoin((facts) => history.complete(facts));
  for (const facts of vms) join.addVm(facts);
  await Promise.all([
    listDisks(compute, subscriptionId, diskGroupsOf(vms, subscriptionId), concurrencyOf(source), (id, disk) =>
      join.addDisk(id, disk),
    ).then(() => join.endOfDisks()),
    read.collections.listing(subscriptionId),
  ]);
  await history.settled();
  return vms.length;
}

const NO_DISKS: ReadonlyMap<string, DiskResource> = new Map();

function machineFacts({ machine, ref }: ListedMachine): VmFacts {
  return toVmFacts(machine, ref, NO_DISKS);
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

function scopeNotFound(message: string): ScopeNotFound {
  return { ok: false, code: "scope-not-found", message };
}
