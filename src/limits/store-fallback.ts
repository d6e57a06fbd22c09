import { Logger } from '../logger';

/** After a failed call, the shared store is left alone for this long: a hung store must not cost every caller its timeout. */
const RETRY_SHARED_AFTER_MS = 1000;
/** A store that stays down is reported at most this often (every fallback is counted in a metric by the caller). */
const WARN_EVERY_MS = 60_000;

/**
 * When to try a shared store (Redis, PostgreSQL) again after it failed, and how often to say
 * so: the rate budget and the subscription quota both fall back to the process's own count
 * while their store is unreachable, and both follow this rule.
 */
export class StoreFallback {
  private retryAt = 0;
  private warnedAt = -Infinity;

  constructor(
    private readonly logger: Logger,
    private readonly store: string,
    /** What the warning says happens meanwhile. */
    private readonly meanwhile: string,
  ) {}

  /** False for RETRY_SHARED_AFTER_MS after a failure: the caller goes straight to its own count. */
  get shouldTry(): boolean {
    return Date.now() >= this.retryAt;
  }

  /** A call failed: leave the store alone a moment, and warn (at most once per WARN_EVERY_MS). */
  failed(error: unknown): void {
    this.retryAt = Date.now() + RETRY_SHARED_AFTER_MS;
    this.warn(error);
  }

  /** Warns of a failure met outside a call (a lost connection), at most once per WARN_EVERY_MS. */
  warn(error: unknown): void {
    const now = Date.now();
    if (now - this.warnedAt < WARN_EVERY_MS) return;
    this.warnedAt = now;
    this.logger.warn({ err: error, store: this.store }, this.meanwhile);
  }
}
