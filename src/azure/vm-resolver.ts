/**
 * Resolves what a person typed to one VM across the configured subscriptions. A name is looked up in the name
 * index (name-index.ts); before the first build, and for a name the index does not know, one targeted Resource
 * Graph look-up answers instead of a listing of the fleet. A name the graph does not know either (it can lag)
 * has the fleet listed through ARM, at most every 30 s.
 */
import type { ArmClients } from "./clients.js";
import type { GraphVms } from "./graph-vms.js";
import type { KnownSubscriptions } from "./known-subscriptions.js";
import { type ListingSource, NameIndex } from "./name-index.js";
import { suggestNames } from "./name-suggestions.js";
import type { GraphScope } from "./resource-graph.js";
import { parseResourceId, sameId } from "./resource-id.js";
import { listVmRefs } from "./vm-listing.js";
import { parseVmQuery, quoteInput, type VmQuery } from "./vm-query.js";
import type { ResolveResult, VmRef } from "./vm-ref.js";

export interface VmResolverOptions {
  clients: ArmClients;
  /** Empty = every subscription the identity can list. */
  subscriptionIds: string[];
  /** The subscriptions to read (the configured ones, or every one the identity can list). */
  subscriptions: Pick<KnownSubscriptions, "list" | "graphScope" | "displayNames">;
  ttlMs: number;
  now?: () => number;
  /** A miss lists the fleet, but not more often than this (a typo must not list the fleet each time). */
  minRefreshIntervalMs?: number;
  /** Absent: Resource Graph is not used (RPBOT_RESOURCE_GRAPH=off). */
  graph?: GraphVms;
  onRefreshError?: (error: unknown) => void;
}

export class VmResolver {
  private readonly index: NameIndex;
  private readonly now: () => number;
  private lastArmListing = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: VmResolverOptions) {
    this.now = options.now ?? Date.now;
    this.index = new NameIndex({
      list: (source) => this.list(source),
      ttlMs: options.ttlMs,
      now: this.now,
      onRefreshError: options.onRefreshError ?? (() => {}),
    });
  }

  async resolve(raw: string): Promise<ResolveResult> {
    const query = parseVmQuery(raw);
    if (query.kind === "invalid") return { ok: false, code: "bad-input", message: query.reason };
    if (query.kind === "id" && !this.index.built) return this.refFromId(query.id);
    const matches = await this.matches(query);
    if (matches.length === 1 && matches[0]) return { ok: true, vm: matches[0] };
    if (matches.length > 1) {
      return {
        ok: false,
        code: "vm-ambiguous",
        message: `${quoteInput(raw)} matches ${matches.length} VMs; say which with resourceGroup/name or the resource id.`,
        candidates: matches,
        // The same name in two subscriptions: people tell those apart by name, not by GUID.
        subscriptionNames: Object.fromEntries(await this.options.subscriptions.displayNames()),
      };
    }
    const suggestions = nearMisses(this.index.known(), query);
    return {
      ok: false,
      code: "vm-not-found",
      message: `No VM named ${quoteInput(raw)} in ${this.scopeText()}.`,
      suggestions,
    };
  }

  /** The index when it knows the name; else a targeted graph look-up; else a listing through ARM. */
  private async matches(query: VmQuery): Promise<VmRef[]> {
    if (this.index.built) {
      const known = matchQuery(await this.index.current(), query);
      if (known.length > 0) return known;
    }
    const targeted = await this.lookUp(query);
    if (targeted && targeted.length > 0) {
      this.index.add(targeted);
      return targeted;
    }
    if (
      this.index.built &&
      this.now() - this.lastArmListing < (this.options.minRefreshIntervalMs ?? 30_000)
    ) {
      return [];
    }
    // The graph can lag a new VM, or is not used: only an ARM listing settles that the VM does not exist.
    return matchQuery(await this.index.rebuild("arm"), query);
  }

  /** Undefined when there is no graph, no name to look up, or the graph refused. */
  private async lookUp(query: VmQuery): Promise<VmRef[] | undefined> {
    const { graph } = this.options;
    if (!graph || (query.kind !== "name" && query.kind !== "group-and-name")) return undefined;
    const found = await graph.named(query.name, this.graphScope());
    return found && matchQuery(found, query);
  }

  /** A full resource id needs no index: the facts GET says whether the VM exists. */
  private refFromId(id: string): ResolveResult {
    const parsed = parseResourceId(id);
    const allowed = this.options.subscriptionIds;
    if (!parsed) return { ok: false, code: "bad-input", message: "That is not a VM resource id." };
    if (allowed.length > 0 && !allowed.some((sub) => sameId(sub, parsed.subscriptionId))) {
      return {
        ok: false,
        code: "vm-not-found",
        message: `Subscription ${parsed.subscriptionId} is not one the bot is configured for (AZURE_SUBSCRIPTION_IDS).`,
        suggestions: [],
      };
    }
    const [first, second] = parsed.segments;
    const isInstance = second !== undefined;
    return {
      ok: true,
      vm: {
        id,
        name: isInstance ? `${first?.[1]}_${second[1]}` : (first?.[1] ?? ""),
        resourceGroup: parsed.resourceGroup,
        subscriptionId: parsed.subscriptionId,
        location: "",
        type: isInstance ? "scaleSetInstance" : "virtualMachine",
        ...(isInstance ? { scaleSetName: first?.[1], instanceId: second[1] } : {}),
      },
    };
  }

  /** Every indexed VM (for fleet reports); a stale index is answered and refreshed in the background. */
  async all(): Promise<VmRef[]> {
    return this.index.current();
  }

  invalidate(): void {
    this.index.forget();
  }

  /** How old the name index is (the bot's metrics); undefined before its first build. */
  indexAgeMs(): number | undefined {
    return this.index.built ? this.index.age : undefined;
  }

  /** In `rpbot serve`: build now and refresh before every expiry; returns the stop. */
  keepWarm(): () => void {
    return this.index.keepWarm();
  }

  private async list(source: ListingSource): Promise<VmRef[]> {
    if (source === "graph" && this.options.graph) {
      const fromGraph = await this.options.graph.all(this.graphScope());
      if (fromGraph) return fromGraph;
    }
    this.lastArmListing = this.now();
    return listVmRefs(this.options.clients, await this.subscriptions());
  }

  private graphScope(): GraphScope {
    return this.options.subscriptions.graphScope();
  }

  private subscriptions(): Promise<readonly string[]> {
    return this.options.subscriptions.list();
  }

  private scopeText(): string {
    const count = this.options.subscriptionIds.length;
    if (count === 0) return "the subscriptions this identity can see";
    return count === 1 ? "the configured subscription" : `the ${count} configured subscriptions`;
  }
}

function matchQuery(entries: VmRef[], query: VmQuery): VmRef[] {
  switch (query.kind) {
    case "id":
      return entries.filter((vm) => sameId(vm.id, query.id));
    case "group-and-name":
      return entries.filter(
        (vm) => sameId(vm.name, query.name) && sameId(vm.resourceGroup, query.resourceGroup),
      );
    case "name":
      return entries.filter((vm) => sameId(vm.name, query.name));
    case "invalid":
      return [];
  }
}

/** "Did you mean": names sharing a word with what was typed, or a typo away (name-suggestions.ts). */
function nearMisses(entries: VmRef[], query: VmQuery): VmRef[] {
  if (query.kind !== "name" && query.kind !== "group-and-name") return [];
  return suggestNames(entries, query.name);
}
