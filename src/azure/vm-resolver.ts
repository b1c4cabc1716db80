/**
 * Resolves what a person typed to one VM across the configured subscriptions, through a name index that is
 * listed once and trusted for a TTL, so repeated questions do not list the fleet again.
 */
import type { ArmClients } from "./clients.js";
import { parseResourceId, sameId } from "./resource-id.js";
import { listVmRefs } from "./vm-listing.js";
import { parseVmQuery, quoteInput, type VmQuery } from "./vm-query.js";
import type { ResolveResult, VmRef } from "./vm-ref.js";

export interface VmResolverOptions {
  clients: ArmClients;
  /** Empty = every subscription the identity can list. */
  subscriptionIds: string[];
  ttlMs: number;
  now?: () => number;
  /** A miss refreshes the index, but not more often than this (a typo must not list the fleet each time). */
  minRefreshIntervalMs?: number;
}

export class VmResolver {
  private index: VmRef[] | undefined;
  private builtAt = 0;
  private building: Promise<VmRef[]> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: VmResolverOptions) {
    this.now = options.now ?? Date.now;
  }

  async resolve(raw: string): Promise<ResolveResult> {
    const query = parseVmQuery(raw);
    if (query.kind === "invalid") return { ok: false, code: "bad-input", message: query.reason };
    if (query.kind === "id" && !this.index) return this.refFromId(query.id);
    let matches = matchQuery(await this.entries(), query);
    if (matches.length === 0 && this.now() - this.builtAt >= (this.options.minRefreshIntervalMs ?? 30_000)) {
      matches = matchQuery(await this.entries(true), query);
    }
    if (matches.length === 1 && matches[0]) return { ok: true, vm: matches[0] };
    if (matches.length > 1) {
      return {
        ok: false,
        code: "vm-ambiguous",
        message: `${quoteInput(raw)} matches ${matches.length} VMs; say which with resourceGroup/name or the resource id.`,
        candidates: matches,
      };
    }
    const suggestions = nearMisses(this.index ?? [], query);
    return {
      ok: false,
      code: "vm-not-found",
      message: `No VM named ${quoteInput(raw)} in ${this.scopeText()}.`,
      suggestions,
    };
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

  /** Every indexed VM (for fleet reports); lists the fleet when the index is stale. */
  async all(): Promise<VmRef[]> {
    return this.entries();
  }

  invalidate(): void {
    this.index = undefined;
  }

  private async entries(forceRefresh = false): Promise<VmRef[]> {
    const fresh = this.index && this.now() - this.builtAt < this.options.ttlMs;
    if (fresh && !forceRefresh && this.index) return this.index;
    this.building ??= this.build().finally(() => {
      this.building = undefined;
    });
    return this.building;
  }

  private async build(): Promise<VmRef[]> {
    const { clients, subscriptionIds } = this.options;
    const subscriptions = subscriptionIds.length > 0 ? subscriptionIds : await clients.listSubscriptions();
    const index = await listVmRefs(clients, subscriptions);
    this.index = index;
    this.builtAt = this.now();
    return index;
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

/** Names within a small edit distance, for "did you mean". */
function nearMisses(entries: VmRef[], query: VmQuery): VmRef[] {
  const wanted =
    query.kind === "name" || query.kind === "group-and-name" ? query.name.toLowerCase() : undefined;
  if (!wanted) return [];
  const limit = Math.max(1, Math.floor(wanted.length / 4));
  return entries
    .map((vm) => ({ vm, distance: editDistance(wanted, vm.name.toLowerCase(), limit) }))
    .filter((entry) => entry.distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.vm.name.localeCompare(b.vm.name))
    .slice(0, 3)
    .map((entry) => entry.vm);
}

/** Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}
