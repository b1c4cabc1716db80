/**
 * Resource Graph's own throttling, per user, in fixed windows. The docs' guidance for throttled requests gives
 * the example of 15 queries per 5-second window: after an answer with `x-ms-user-quota-remaining: 10` and
 * `x-ms-user-quota-resets-after: 00:00:03`, ten more queries may follow within 3 seconds, and then the values
 * reset to 15 and 00:00:05. It is no ARM bucket: queries do not take from the subscription read budget.
 * ours: a user is a bearer token.
 */

export interface QuotaSettings {
  /** Queries per window (the docs' example: 15). */
  queries: number;
  /** Window length in seconds (the docs' example: 5). */
  windowSeconds: number;
}

export const DEFAULT_QUOTA: QuotaSettings = { queries: 15, windowSeconds: 5 };

export type QuotaDecision =
  | { ok: true; remaining: number; resetsAfterMs: number }
  | { ok: false; remaining: 0; resetsAfterMs: number; retryAfterSeconds: number };

interface Window {
  startMs: number;
  used: number;
}

/** Windows of users who have not queried for this long are forgotten when the map grows. */
const PRUNE_ABOVE = 1000;

export class UserQuota {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly settings: QuotaSettings = DEFAULT_QUOTA) {}

  /** Counts one query of `user` at `nowMs`; a refused query is not counted. */
  take(user: string, nowMs: number): QuotaDecision {
    const windowMs = this.settings.windowSeconds * 1000;
    let window = this.windows.get(user);
    if (!window || nowMs >= window.startMs + windowMs || nowMs < window.startMs) {
      window = { startMs: nowMs, used: 0 };
      this.windows.set(user, window);
      if (this.windows.size > PRUNE_ABOVE) this.prune(nowMs, windowMs);
    }
    const resetsAfterMs = window.startMs + windowMs - nowMs;
    if (window.used >= this.settings.queries) {
      return {
        ok: false,
        remaining: 0,
        resetsAfterMs,
        retryAfterSeconds: Math.max(1, Math.ceil(resetsAfterMs / 1000)),
      };
    }
    window.used += 1;
    return { ok: true, remaining: this.settings.queries - window.used, resetsAfterMs };
  }

  private prune(nowMs: number, windowMs: number): void {
    for (const [user, window] of this.windows) {
      if (nowMs >= window.startMs + windowMs) this.windows.delete(user);
    }
  }
}

/** The two headers every Resource Graph answer carries. */
export function quotaHeaders(decision: QuotaDecision): Record<string, string> {
  return {
    "x-ms-user-quota-remaining": String(decision.remaining),
    "x-ms-user-quota-resets-after": clockDuration(decision.resetsAfterMs),
  };
}

/** hh:mm:ss, rounded up to the second: a fresh 5-second window reads 00:00:05. */
export function clockDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const parts = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  return parts.map((part) => String(part).padStart(2, "0")).join(":");
}
