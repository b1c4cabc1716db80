/**
 * The subscriptions the bot reads: the configured ones, or else every one the identity can list, listed once
 * and trusted for a TTL. A moved VM's old collections are looked for in all of them.
 */
import type { ArmClients } from "./clients.js";
import type { GraphScope } from "./resource-graph.js";

export class KnownSubscriptions {
  private listed: { ids: readonly string[]; at: number } | undefined;
  private pending: Promise<readonly string[]> | undefined;

  constructor(
    private readonly clients: Pick<ArmClients, "listSubscriptions">,
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
    if (this.listed && this.now() - this.listed.at < this.ttlMs) return this.listed.ids;
    this.pending ??= this.clients
      .listSubscriptions()
      .then((ids) => {
        this.listed = { ids, at: this.now() };
        return ids;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }
}
