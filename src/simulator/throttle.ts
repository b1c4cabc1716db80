/** ARM's regional token buckets (reference section 15.1): one bucket per subscription and operation type. */

export interface BucketSettings {
  capacity: number;
  refillPerSecond: number;
}

export type TakeResult = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly settings: BucketSettings,
    nowMs: number,
  ) {
    this.tokens = settings.capacity;
    this.last = nowMs;
  }

  take(nowMs: number): TakeResult {
    this.refill(nowMs);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true, remaining: Math.floor(this.tokens) };
    }
    const missing = 1 - this.tokens;
    const seconds = this.settings.refillPerSecond > 0 ? missing / this.settings.refillPerSecond : 60;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(seconds)) };
  }

  private refill(nowMs: number): void {
    const elapsedSeconds = Math.max(0, nowMs - this.last) / 1000;
    this.tokens = Math.min(
      this.settings.capacity,
      this.tokens + elapsedSeconds * this.settings.refillPerSecond,
    );
    this.last = nowMs;
  }
}

export type OperationKind = "reads" | "writes" | "deletes";

/** Buckets created on first use, keyed by subscription (or "tenant" for calls outside one) and kind. */
export class ArmThrottle {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly settings: Record<OperationKind, BucketSettings>) {}

  take(scope: string, kind: OperationKind, nowMs: number): TakeResult {
    const key = `${scope.toLowerCase()}|${kind}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.settings[kind], nowMs);
      this.buckets.set(key, bucket);
    }
    return bucket.take(nowMs);
  }
}

/** ARM's documented defaults: reads 250 (25/s), writes 200 (10/s), deletes 200 (10/s). */
export const ARM_DEFAULT_BUCKETS: Record<OperationKind, BucketSettings> = {
  reads: { capacity: 250, refillPerSecond: 25 },
  writes: { capacity: 200, refillPerSecond: 10 },
  deletes: { capacity: 200, refillPerSecond: 10 },
};
