/**
 * The subscriptions the bot reads: the configured ones, or else every one the identity can list, listed once
 * and trusted for a TTL. A moved VM's old collections are looked for in all of them. Their display names
 * come from the same listing, or, for configured subscriptions, from one GET each, and are trusted as long.
 */
import type { ArmClients, SubscriptionSummary } from "./clients.js";
import { mapBounded } from "./paging.js";
import type { GraphScope } from "./resource-graph.js";

/** Display names by lower-case subscription id. */
export type SubscriptionNames = ReadonlyMap<string, string>;

const NAME_READS_AT_ONCE = 4;

export class KnownSubscriptions {
  private listed:
    | { subscriptions: readonly SubscriptionSummary[]; ids: readonly string[]; at: number }
    | undefined;
  private pending: Promise<readonly SubscriptionSummary[]> | undefined;
  private named: { names: SubscriptionNames; at: number } | undefined;

  constructor(
    private readonly clients: Pick<ArmClients, "listSubscriptions" | "getSubscription">,
    /** Empty = every subscription the identity can list. */
    private readonly configured: readonly string[],
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The scope of a Resource Graph query: the configured subscriptions, or "all" the identity can see, which
   * the graph resolves itself (no subscription list needed).
   */
  graphScope(): GraphScope {
    return this.configured.length > 0 ? this.configured : "all";
  }

  async list(): Promise<readonly string[]> {
    if (this.configured.length > 0) return this.configured;
    await this.listing();
    return this.listed?.ids ?? [];
  }

  /**
   * The names people know the subscriptions by, for messages that would otherwise show a GUID. Never fails:
   * a name ARM would not give is left out (the id is shown instead), and asked for again next time.
   */
  async displayNames(): Promise<SubscriptionNames> {
    if (this.named && this.fresh(this.named.at)) return this.named.names;
    const read = this.configured.length > 0 ? await this.readConfigured() : await this.readListed();
    if (read.complete) this.named = { names: read.names, at: this.now() };
    return read.names;
  }

  private async readListed(): Promise<{ names: SubscriptionNames; complete: boolean }> {
    try {
      return { names: namesOf(await this.listing()), complete: true };
    } catch {
      return { names: new Map(), complete: false };
    }
  }

  private async readConfigured(): Promise<{ names: SubscriptionNames; complete: boolean }> {
    const read = await mapBounded([...this.configured], NAME_READS_AT_ONCE, (id) =>
      this.clients.getSubscription(id).then(
        (found) => ({ ok: true, found }),
        () => ({ ok: false, found: undefined }),
      ),
    );
    const found = read.flatMap((each) => (each.found ? [each.found] : []));
    return { names: namesOf(found), complete: read.every((each) => each.ok) };
  }

  /** The identity's subscriptions, listed at most once per TTL and once for callers at the same time. */
  private async listing(): Promise<readonly SubscriptionSummary[]> {
    if (this.listed && this.fresh(this.listed.at)) return this.listed.subscriptions;
    this.pending ??= this.clients
      .listSubscriptions()
      .then((subscriptions) => {
        const ids = subscriptions.map((each) => each.subscriptionId);
        this.listed = { subscriptions, ids, at: this.now() };
        return subscriptions;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  private fresh(at: number): boolean {
    return this.now() - at < this.ttlMs;
  }
}

function namesOf(subscriptions: readonly SubscriptionSummary[]): SubscriptionNames {
  const names = new Map<string, string>();
  for (const { subscriptionId, displayName } of subscriptions) {
    if (displayName) names.set(subscriptionId.toLowerCase(), displayName);
  }
  return names;
}
