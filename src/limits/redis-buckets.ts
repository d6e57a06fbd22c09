import { Redis } from 'ioredis';
import { takeResult, TakeResult } from './leaky-bucket';
import { SharedBuckets } from './rate-budget';
import { closeRedis, failFastRedis } from './redis-client';

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

type BudgetClient = Redis & {
  takeBudget(key: string, cost: number, capacity: number, restoreRate: number): Promise<[number, string]>;
};

/**
 * The buckets in Redis, one hash per caller under `<REDIS_KEY_PREFIX>budget:`, on a
 * connection that fails at once rather than hold a request (src/limits/redis-client.ts);
 * the caller then falls back to its process's bucket.
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
    /** Tests of the bucket's arithmetic on a loaded machine give it longer than a request would wait. */
    commandTimeoutMs?: number,
  ) {
    const { client, connected } = failFastRedis(url, `${keyPrefix}budget:`, onConnectionError, commandTimeoutMs);
    this.client = client as BudgetClient;
    this.client.defineCommand('takeBudget', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    this.connected = connected;
  }

  async take(storedKey: string, cost: number): Promise<TakeResult> {
    const [allowed, level] = await this.client.takeBudget(storedKey, cost, this.capacity, this.restoreRate);
    return takeResult(allowed === 1, Number(level), cost, this.capacity, this.restoreRate);
  }

  close(): Promise<void> {
    return closeRedis(this.client);
  }
}
