/** The state of one caller's bucket, as reported to clients in `extensions.cost.throttle`. */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export type TakeResult = ({ allowed: true } | { allowed: false; retryAfterSeconds: number }) & {
  status: ThrottleStatus;
};

/**
 * What a take reports, from the bucket's level after it (refused: the level it found, drained).
 * Every store (memory here, PostgreSQL, Redis: src/limits/rate-budget.ts) answers through this,
 * so clients see the same status and the same advice to wait whichever one holds the bucket.
 */
export function takeResult(
  allowed: boolean,
  level: number,
  cost: number,
  capacity: number,
  restoreRate: number,
): TakeResult {
  const status: ThrottleStatus = {
    maximumAvailable: capacity,
    currentlyAvailable: Math.floor(capacity - level),
    restoreRate,
  };
  if (allowed) return { allowed: true, status };
  const excess = level + cost - capacity;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(excess / restoreRate)), status };
}

interface Bucket {
  level: number;
  updatedAt: number;
}

/** Past this many callers, buckets that have drained empty are forgotten. */
const SWEEP_ABOVE = 10_000;

/**
 * Shopify's leaky bucket: each request pours its cost in, the bucket leaks `restoreRate`
 * points a second, and a request that would overflow it is refused and told how long to wait.
 * A refused request pours nothing, so waiting the advised time always lets it through.
 */
export class LeakyBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly capacity: number,
    readonly restoreRate: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string, cost: number): TakeResult {
    const now = this.now();
    const bucket = this.drained(key, now);
    const allowed = bucket.level + cost <= this.capacity;
    if (allowed) {
      bucket.level += cost;
      this.buckets.set(key, bucket);
      if (this.buckets.size > SWEEP_ABOVE) this.sweep(now);
    }
    return takeResult(allowed, bucket.level, cost, this.capacity, this.restoreRate);
  }

  private drained(key: string, now: number): Bucket {
    const bucket = this.buckets.get(key) ?? { level: 0, updatedAt: now };
    bucket.level = Math.max(0, bucket.level - ((now - bucket.updatedAt) / 1000) * this.restoreRate);
    bucket.updatedAt = now;
    return bucket;
  }

  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.level - ((now - bucket.updatedAt) / 1000) * this.restoreRate <= 0) this.buckets.delete(key);
    }
  }
}
