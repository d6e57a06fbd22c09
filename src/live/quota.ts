import { GraphQLError } from 'graphql';
import { apiError, ErrorCode } from '../common/error-codes';

/**
 * Open subscriptions per subscriber (an API key's id, or an anonymous client's address),
 * across WebSocket and SSE: every subscription holds memory and a share of every change's
 * work until it ends, so one client must not hold an unbounded number.
 */
export interface SubscriptionQuota {
  /** Counts one more for `who`, or rejects with RATE_LIMITED; the resolved function gives it back (once). */
  take(who: string): Promise<() => void>;
  /** Lets go of whatever the quota holds outside the process (server stop). */
  close(): Promise<void>;
}

/** The refusal, worded the same whichever quota counted. */
export function tooManySubscriptions(count: number, limit: number): GraphQLError {
  return apiError(
    ErrorCode.RATE_LIMITED,
    `too many open subscriptions: this key (or address) holds ${count}, the limit is ${limit} (SUBSCRIPTIONS_PER_KEY); end one first`,
    { openSubscriptions: count, limit },
  );
}

/**
 * The process's own count: one process, one quota. The quota of the memory and postgres rate
 * budget stores, and the fallback of the Redis one (src/live/redis-quota.ts).
 */
export class LocalSubscriptionQuota implements SubscriptionQuota {
  private readonly open = new Map<string, number>();

  constructor(private readonly maxPerSubscriber: number) {}

  async take(who: string): Promise<() => void> {
    const count = this.held(who);
    if (count >= this.maxPerSubscriber) throw tooManySubscriptions(count, this.maxPerSubscriber);
    return this.hold(who);
  }

  /** How many `who` holds in this process. */
  held(who: string): number {
    return this.open.get(who) ?? 0;
  }

  /** Counts one more for `who` without checking: another quota has already admitted it. */
  hold(who: string): () => void {
    this.open.set(who, this.held(who) + 1);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const left = this.held(who) - 1;
      if (left > 0) this.open.set(who, left);
      else this.open.delete(who);
    };
  }

  async close(): Promise<void> {}
}
