/** Counts every request the simulator receives, by route name ("unknown" when no route matched). */

export interface StatsSnapshot {
  requests: number;
  byRoute: Record<string, number>;
}

export type RequestListener = (route: string) => void;

export class RequestStats {
  private requests = 0;
  private byRoute = new Map<string, number>();
  private active = 0;
  private readonly listeners = new Set<RequestListener>();

  count(route: string): void {
    this.requests += 1;
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
    for (const listener of this.listeners) listener(route);
  }

  /** Marks a request as being handled (held, delayed or answered); returns its end, to call once. */
  begin(): () => void {
    this.active += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.active -= 1;
    };
  }

  /** Requests received and not yet answered or given up: how a test sees that nothing is left waiting. */
  inFlight(): number {
    return this.active;
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
