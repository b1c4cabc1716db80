/** Counts every request the simulator receives, by route name ("unknown" when no route matched). */

export interface StatsSnapshot {
  requests: number;
  byRoute: Record<string, number>;
}

export type RequestListener = (route: string) => void;

export class RequestStats {
  private requests = 0;
  private byRoute = new Map<string, number>();
  private readonly listeners = new Set<RequestListener>();

  count(route: string): void {
    this.requests += 1;
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
    for (const listener of this.listeners) listener(route);
  }

  /** Calls `listener` as each request arrives (benchmarks time what reaches "Azure"); returns the unsubscribe. */
  listen(listener: RequestListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): StatsSnapshot {
    return { requests: this.requests, byRoute: Object.fromEntries(this.byRoute) };
  }

  reset(): void {
    this.requests = 0;
    this.byRoute = new Map();
  }
}
