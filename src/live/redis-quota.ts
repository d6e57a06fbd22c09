import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { storedKeyOf } from '../limits/rate-budget';
import { closeRedis, failFastRedis } from '../limits/redis-client';
import { StoreFallback } from '../limits/store-fallback';
import { Logger } from '../logger';
import { LocalSubscriptionQuota, SubscriptionQuota, tooManySubscriptions } from './quota';

/**
 * One take, atomic. A subscriber's open subscriptions are a sorted set whose scores are the
 * members' expiry times (Redis's TIME, in ms, so the processes' clocks do not matter): the
 * expired ones are dropped first, so a process that died stops counting once its entries
 * were last refreshed a TTL ago.
 */
const TAKE_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local limit = tonumber(ARGV[2])
local ttl = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local count = redis.call('ZCARD', KEYS[1])
if count >= limit then return { 0, count } end
redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
redis.call('PEXPIRE', KEYS[1], ttl)
return { 1, count + 1 }`;

/**
 * Moves the expiry of a process's own members on. XX: a member already gone (released, or
 * expired while Redis was out of reach for longer than the TTL) is not brought back.
 */
const REFRESH_SCRIPT = `
local time = redis.call('TIME')
local ttl = tonumber(ARGV[1])
local expires = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) + ttl
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', expires, ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ttl)
return 0`;

type QuotaClient = Redis & {
  takeSubscription(key: string, member: string, limit: number, ttlMs: number): Promise<[number, number]>;
};
type RefreshingPipeline = { refreshSubscriptions(key: string, ttlMs: number, ...members: string[]): unknown };

/**
 * How long a dead process's subscriptions keep counting: long enough that two refreshes of a
 * live one (every 10 s) may fail before its entries lapse, short enough that a key whose
 * process crashed gets its places back within half a minute.
 */
const ENTRY_TTL_MS = 30_000;

export interface RedisQuotaOptions {
  url: string;
  /** REDIS_KEY_PREFIX: sets live under `<prefix>subs:<sha256 of the subscriber>`. */
  keyPrefix: string;
  maxPerSubscriber: number;
  /** How long an entry counts unless its process refreshes it (ENTRY_TTL_MS; tests use about a second). */
  ttlMs?: number;
  /** How often a process refreshes what it holds; 0 never does (a test's stand-in for a process that died). */
  refreshEveryMs?: number;
  logger: Logger;
  /** Told each time a take is counted by the process alone because Redis failed (the metric counts them). */
  fellBack(): void;
}

/**
 * One quota per subscriber across every process (RATE_BUDGET_STORE=redis). The decision when
 * Redis fails: a subscription is never refused or failed because Redis is unreachable; the
 * process's own quota counts it instead (what this process holds for the subscriber, whether
 * Redis or the process admitted it), so each process still bounds each key, as before. Like
 * the rate budget's store, commands never queue while disconnected and are never retried.
 */
export class RedisSubscriptionQuota implements SubscriptionQuota {
  /** Resolves when the connection is first ready (tests wait for it). */
  readonly connected: Promise<void>;
  private readonly client: QuotaClient;
  private readonly local: LocalSubscriptionQuota;
  private readonly ttlMs: number;
  private readonly processId = randomUUID();
  private sequence = 0;
  /** This process's members in Redis, by stored key: what the refresh renews. */
  private readonly held = new Map<string, Set<string>>();
  private readonly refresher?: NodeJS.Timeout;
  private readonly fallback: StoreFallback;

  constructor(private readonly options: RedisQuotaOptions) {
    this.ttlMs = options.ttlMs ?? ENTRY_TTL_MS;
    this.local = new LocalSubscriptionQuota(options.maxPerSubscriber);
    this.fallback = new StoreFallback(
      options.logger,
      'redis',
      'subscription quota store unreachable: each process counts its own subscriptions until it answers',
    );
    const { client, connected } = failFastRedis(options.url, `${options.keyPrefix}subs:`, (error) =>
      this.fallback.warn(error),
    );
    this.client = client as QuotaClient;
    this.client.defineCommand('takeSubscription', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    this.client.defineCommand('refreshSubscriptions', { numberOfKeys: 1, lua: REFRESH_SCRIPT });
    this.connected = connected;
    const every = options.refreshEveryMs ?? Math.floor(this.ttlMs / 3);
    if (every > 0) {
      this.refresher = setInterval(() => this.refresh(), every);
      this.refresher.unref();
    }
  }

  async take(who: string): Promise<() => void> {
    const key = storedKeyOf(who);
    const member = `${this.processId}:${++this.sequence}`;
    const shared = await this.takeShared(key, member);
    if (shared === undefined) {
      this.options.fellBack();
      return this.local.take(who);
    }
    if (!shared.admitted) throw tooManySubscriptions(shared.count, this.options.maxPerSubscriber);
    const releaseLocal = this.local.hold(who);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      releaseLocal();
      this.forget(key, member);
      // Unsent (Redis down), the member is no longer refreshed and expires within the TTL.
      this.client.zrem(key, member).catch(() => {});
    };
  }

  /** Redis's answer, or undefined when it gave none (a take that timed out but ran expires unrefreshed). */
  private async takeShared(key: string, member: string): Promise<{ admitted: boolean; count: number } | undefined> {
    if (!this.fallback.shouldTry) return undefined;
    try {
      const [admitted, count] = await this.client.takeSubscription(
        key,
        member,
        this.options.maxPerSubscriber,
        this.ttlMs,
      );
      if (admitted === 1) this.held.set(key, (this.held.get(key) ?? new Set()).add(member));
      return { admitted: admitted === 1, count };
    } catch (error) {
      this.fallback.failed(error);
      return undefined;
    }
  }

  private forget(key: string, member: string): void {
    const members = this.held.get(key);
    members?.delete(member);
    if (members?.size === 0) this.held.delete(key);
  }

  /** One pipeline for everything the process holds, every ttl/3: two refreshes may fail before an entry lapses. */
  private refresh(): void {
    if (this.held.size === 0) return;
    const pipeline = this.client.pipeline();
    for (const [key, members] of this.held) {
      (pipeline as unknown as RefreshingPipeline).refreshSubscriptions(key, this.ttlMs, ...members);
    }
    pipeline.exec().catch((error: unknown) => this.fallback.warn(error));
  }

  async close(): Promise<void> {
    clearInterval(this.refresher);
    if (this.client.status !== 'ready') return closeRedis(this.client);
    // Subscriptions still open at stop (normally none: stop ends them first) stop counting now, not at expiry.
    const pipeline = this.client.pipeline();
    for (const [key, members] of this.held) pipeline.zrem(key, ...members);
    this.held.clear();
    await pipeline.exec().catch(() => undefined);
    await closeRedis(this.client);
  }
}
