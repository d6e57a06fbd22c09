import { apiError, ErrorCode } from '../common/error-codes';

/**
 * Open subscriptions per subscriber (an API key's id, or an anonymous client's address),
 * across WebSocket and SSE: every subscription holds memory and a share of every change's
 * work until it ends, so one client must not hold an unbounded number.
 */
export class SubscriptionQuota {
  private readonly open = new Map<string, number>();

  constructor(private readonly maxPerSubscriber: number) {}

  /** Counts one more for `who`, or throws RATE_LIMITED; the returned function gives it back (once). */
  take(who: string): () => void {
    const count = this.open.get(who) ?? 0;
    if (count >= this.maxPerSubscriber) {
      throw apiError(
        ErrorCode.RATE_LIMITED,
        `too many open subscriptions: this key (or address) holds ${count}, the limit is ${this.maxPerSubscriber} (SUBSCRIPTIONS_PER_KEY); end one first`,
        { openSubscriptions: count, limit: this.maxPerSubscriber },
      );
    }
    this.open.set(who, count + 1);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const left = (this.open.get(who) ?? 1) - 1;
      if (left > 0) this.open.set(who, left);
      else this.open.delete(who);
    };
  }
}
