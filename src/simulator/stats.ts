/** Counts every request the simulator receives, by route name ("unknown" when no route matched). */

export interface StatsSnapshot {
  requests: number;
  byRoute: Record<string, number>;
}

export class RequestStats {
  private requests = 0;
  private byRoute = new Map<string, number>();

  count(route: string): void {
    this.requests += 1;
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
  }

  snapshot(): StatsSnapshot {
    return { requests: this.requests, byRoute: Object.fromEntries(this.byRoute) };
  }

  reset(): void {
    this.requests = 0;
    this.byRoute = new Map();
  }
}
