import { Redis } from 'ioredis';
import { takeResult, TakeResult } from './leaky-bucket';
import { SharedBuckets } from './rate-budget';

/**
 * One take, atomic (Redis runs a script alone). The clock is Redis's TIME, so the processes'
 * clocks do not matter; a bucket's time never goes back (a failover to a replica whose clock
 * is behind drains nothing until it catches up). A refused take pours nothing. The bucket
 * expires when it would have drained empty (plus a second), so idle callers cost no memory.
 * Numbers are returned as text: Redis would truncate a Lua number to an integer.
 */
const TAKE_SCRIPT = `
local cost = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) + tonumber(time[2]) / 1000000
local bucket = redis.call('HMGET', KEYS[1], 'level', 'at')
local level = tonumber(bucket[1]) or 0
local at = tonumber(bucket[2]) or now
if now > at then
  level = math.max(0, level - (now - at) * rate)
else
  now = at
end
local allowed = level + cost <= capacity
if allowed then level = level + cost end
redis.call('HSET', KEYS[1], 'level', string.format('%.17g', level), 'at', string.format('%.6f', now))
redis.call('PEXPIRE', KEYS[1], math.ceil(level / rate * 1000) + 1000)
return { allowed and 1 or 0, string.format('%.17g', level) }`;

/**
 * How long a take may wait for Redis before the request falls back to its process's bucket
 * (src/limits/rate-budget.ts). Loopback answers in well under a millisecond; this is for a
 * Redis that hangs, not one that is slow.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 250;

type BudgetClient = Redis & {
  takeBudget(key: string, cost: number, capacity: number, restoreRate: number): Promise<[number, string]>;
};

/**
 * The buckets in Redis, one hash per caller under `<REDIS_KEY_PREFIX>budget:`. A Redis that
 * is down must not hold requests: commands are never queued while disconnected
 * (enableOfflineQueue: false) nor retried (maxRetriesPerRequest: 0), so a take fails at once
 * and the caller falls back; ioredis keeps reconnecting in the background.
 */
export class RedisBuckets implements SharedBuckets {
  readonly name = 'redis';
  private readonly client: BudgetClient;
  /** Resolves when the connection is first ready (tests and the bench wait for it). */
  readonly connected: Promise<void>;

  constructor(
    url: string,
    keyPrefix: string,
    private readonly capacity: number,
    private readonly restoreRate: number,
    onConnectionError: (error: unknown) => void,
  ) {
    this.client = new Redis(url, {
      keyPrefix: `${keyPrefix}budget:`,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      connectTimeout: 1000,
      retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    }) as BudgetClient;
    this.client.defineCommand('takeBudget', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    // Without a listener ioredis prints every failed reconnection; the caller decides how often to tell.
    this.client.on('error', onConnectionError);
    this.connected = new Promise((resolve) => this.client.once('ready', () => resolve()));
  }

  async take(storedKey: string, cost: number): Promise<TakeResult> {
    const [allowed, level] = await this.client.takeBudget(storedKey, cost, this.capacity, this.restoreRate);
    return takeResult(allowed === 1, Number(level), cost, this.capacity, this.restoreRate);
  }

  async close(): Promise<void> {
    // quit() waits for a connection that may never come; disconnect() does not.
    if (this.client.status === 'ready') await this.client.quit();
    else this.client.disconnect();
  }
}
