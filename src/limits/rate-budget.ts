import { createHash } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { RateBudgetStore, ServingConfig } from '../config';
import { Logger } from '../logger';
import { LeakyBuckets, TakeResult } from './leaky-bucket';
import { PostgresBuckets } from './postgres-buckets';
import { RedisBuckets } from './redis-buckets';
import { StoreFallback } from './store-fallback';

/**
 * Every caller's rate budget (a Shopify-style leaky bucket per key: src/limits/leaky-bucket.ts),
 * drawn on by HTTP requests and subscriptions alike. Asynchronous because the buckets may live
 * outside the process, where every process behind a load balancer takes from the same one.
 */
export interface RateBudget {
  readonly store: RateBudgetStore;
  take(key: string, cost: number): Promise<TakeResult>;
  close(): Promise<void>;
}

/** Buckets kept outside the process: PostgreSQL or Redis. */
export interface SharedBuckets {
  readonly name: 'postgres' | 'redis';
  /** `storedKey` is already hashed (`storedKeyOf`). */
  take(storedKey: string, cost: number): Promise<TakeResult>;
  close(): Promise<void>;
}

/** Told each time a take falls back to the process's own bucket (the metric counts them). */
export interface BudgetFallbacks {
  budgetFallback(store: string): void;
}

/** The process's own buckets: one process, one budget; the default, and the embedded database's only one. */
export class MemoryBudget implements RateBudget {
  readonly store = 'memory';
  private readonly buckets: LeakyBuckets;

  constructor(capacity: number, restoreRate: number, now?: () => number) {
    this.buckets = new LeakyBuckets(capacity, restoreRate, now);
  }

  async take(key: string, cost: number): Promise<TakeResult> {
    return this.buckets.take(key, cost);
  }

  async close(): Promise<void> {}
}

/**
 * The key a bucket is stored under: a fixed 43 characters whatever the caller sent, so that a
 * hostile address or token cannot grow a Redis key or a PostgreSQL row (budget keys are
 * already hashed for tokens; an address behind TRUST_PROXY is whatever X-Forwarded-For says).
 */
export function storedKeyOf(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

/**
 * A shared store, and what happens when it fails. The decision: a request is never refused
 * or failed because the budget's store is unreachable. Its take goes to the process's own
 * bucket instead (same capacity and restore rate), so while the store is down each process
 * still bounds each key, at one budget per process, as before the store existed. Each such
 * take counts in rate_budget_fallbacks_total{store}; a warning is logged at most once a
 * minute; the store is tried again a second later (src/limits/store-fallback.ts).
 */
export class SharedBudget implements RateBudget {
  private readonly shared: SharedBuckets;
  private readonly local: LeakyBuckets;
  private readonly fallback: StoreFallback;

  /** `open` makes the store, handing it where to report failures it meets outside a take (a lost connection). */
  constructor(
    open: (failed: (error: unknown) => void) => SharedBuckets,
    capacity: number,
    restoreRate: number,
    logger: Logger,
    private readonly fallbacks: BudgetFallbacks,
  ) {
    // Connection errors come later, from the store's own connection: the fallback exists by then.
    this.shared = open((error) => this.fallback.warn(error));
    this.fallback = new StoreFallback(
      logger,
      this.shared.name,
      'rate budget store unreachable: each process uses its own bucket until it answers',
    );
    this.local = new LeakyBuckets(capacity, restoreRate);
  }

  get store(): RateBudgetStore {
    return this.shared.name;
  }

  async take(key: string, cost: number): Promise<TakeResult> {
    if (this.fallback.shouldTry) {
      try {
        return await this.shared.take(storedKeyOf(key), cost);
      } catch (error) {
        this.fallback.failed(error);
      }
    }
    this.fallbacks.budgetFallback(this.shared.name);
    return this.local.take(key, cost);
  }

  close(): Promise<void> {
    return this.shared.close();
  }
}

/** The budget RATE_BUDGET_STORE names, over the database's own pool for postgres. */
export function createRateBudget(
  settings: ServingConfig,
  dataSource: DataSource,
  logger: Logger,
  fallbacks: BudgetFallbacks,
): RateBudget {
  const { rateLimitCapacity: capacity, rateLimitRestoreRate: restoreRate } = settings;
  if (settings.rateBudgetStore === 'memory') return new MemoryBudget(capacity, restoreRate);
  const open = (failed: (error: unknown) => void): SharedBuckets =>
    settings.rateBudgetStore === 'postgres'
      ? new PostgresBuckets(poolOf(dataSource), capacity, restoreRate, failed)
      : new RedisBuckets(settings.redisUrl!, settings.redisKeyPrefix, capacity, restoreRate, failed);
  return new SharedBudget(open, capacity, restoreRate, logger, fallbacks);
}

/** The pg pool under TypeORM (pg-pool, as `driver.master`): a take is one statement, with none of TypeORM's work around it. */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}
