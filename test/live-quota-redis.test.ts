import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { storedKeyOf } from '../src/limits/rate-budget';
import { RedisQuotaOptions, RedisSubscriptionQuota } from '../src/live/redis-quota';
import { closedPort } from './helpers/config';
import { startTcpProxy } from './helpers/tcp-proxy';

/**
 * SUBSCRIPTIONS_PER_KEY in Redis, through the quota itself: two instances stand for two
 * processes; one that never refreshes stands for a process that died holding subscriptions.
 * Real Redis, no database (the servers' side: test/live-quota-processes.test.ts).
 */
const REDIS_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `test:${randomUUID()}:`;
const TTL_MS = 1000;
const refusal = (count: number) => ({
  message: `too many open subscriptions: this key (or address) holds ${count}, the limit is 2 (SUBSCRIPTIONS_PER_KEY); end one first`,
  extensions: expect.objectContaining({ code: 'RATE_LIMITED', openSubscriptions: count, limit: 2 }),
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const logged: Array<{ msg: string; store?: string }> = [];
const logger = pino({ level: 'warn' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
let fallbacks = 0;
const opened: RedisSubscriptionQuota[] = [];

function quota(options: Partial<RedisQuotaOptions> = {}): RedisSubscriptionQuota {
  const made = new RedisSubscriptionQuota({
    url: REDIS_URL,
    keyPrefix: PREFIX,
    maxPerSubscriber: 2,
    ttlMs: TTL_MS,
    logger,
    fellBack: () => fallbacks++,
    ...options,
  });
  opened.push(made);
  return made;
}

let inspect: Redis;
beforeAll(() => {
  inspect = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
});
beforeEach(() => {
  logged.length = 0;
  fallbacks = 0;
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((made) => made.close()));
});
afterAll(async () => {
  const keys = await inspect.keys(`${PREFIX}*`);
  if (keys.length) await inspect.del(...keys);
  await inspect.quit();
});

const setOf = (who: string) => `${PREFIX}subs:${storedKeyOf(who)}`;
/** A release is sent without waiting: the next command on another connection may come first. */
async function untilHeld(who: string, count: number) {
  for (let tries = 0; (await inspect.zcard(setOf(who))) !== count && tries < 50; tries++) await sleep(20);
}

test('two processes share one quota per subscriber; a release gives the place back to either', async () => {
  const [a, b] = [quota(), quota()];
  await Promise.all([a.connected, b.connected]);
  const who = `key:${randomUUID()}`;
  const release = await a.take(who);
  await b.take(who);
  await expect(a.take(who)).rejects.toMatchObject(refusal(2));
  await expect(b.take(who)).rejects.toMatchObject(refusal(2));
  // Another subscriber counts apart.
  await b.take(`key:${randomUUID()}`);
  const members = await inspect.zrange(setOf(who), 0, -1);
  expect(members).toHaveLength(2);
  expect(members.every((member) => /^[0-9a-f-]{36}:\d+$/.test(member))).toBe(true);
  expect(await inspect.pttl(setOf(who))).toBeLessThanOrEqual(TTL_MS);
  release();
  release();
  await untilHeld(who, 1);
  await expect(b.take(who)).resolves.toBeInstanceOf(Function);
  expect(await inspect.zcard(setOf(who))).toBe(2);
  expect(fallbacks).toBe(0);
});

test('a process that died (no refresh, no release) stops counting once its entries expire', async () => {
  const [dead, alive] = [quota({ refreshEveryMs: 0 }), quota()];
  await Promise.all([dead.connected, alive.connected]);
  const who = `key:${randomUUID()}`;
  await dead.take(who);
  await dead.take(who);
  await expect(alive.take(who)).rejects.toMatchObject(refusal(2));
  await sleep(TTL_MS + 300);
  await alive.take(who);
  expect(await inspect.zcard(setOf(who))).toBe(1);
});

test("a live holder's refresh keeps its entries past the TTL", async () => {
  const [holder, other] = [quota(), quota()];
  await Promise.all([holder.connected, other.connected]);
  const who = `key:${randomUUID()}`;
  const release = await holder.take(who);
  await holder.take(who);
  await sleep(TTL_MS * 2);
  await expect(other.take(who)).rejects.toMatchObject(refusal(2));
  expect(await inspect.zcard(setOf(who))).toBe(2);
  release();
  await untilHeld(who, 1);
  await other.take(who);
});

test('Redis down: the process counts alone, at once, each take counted and one warning', async () => {
  const down = quota({ url: `redis://127.0.0.1:${await closedPort()}` });
  const started = Date.now();
  const release = await down.take('key:k');
  await down.take('key:k');
  await expect(down.take('key:k')).rejects.toMatchObject(refusal(2));
  release();
  await down.take('key:k');
  expect(Date.now() - started).toBeLessThan(1000);
  expect(fallbacks).toBe(4);
  expect(logged.filter((line) => line.msg.startsWith('subscription quota store unreachable'))).toHaveLength(1);
  expect(logged[0]).toMatchObject({ store: 'redis' });
});

test('Redis lost mid-run: the process still counts what Redis admitted for it, and goes back to Redis', async () => {
  const proxy = await startTcpProxy(REDIS_URL);
  try {
    const cut = quota({ url: proxy.url });
    await cut.connected;
    const who = `key:${randomUUID()}`;
    const release = await cut.take(who);
    await cut.take(who);
    await proxy.cut();
    // This process holds 2 (admitted by Redis): its own quota refuses the third as Redis would.
    await expect(cut.take(who)).rejects.toMatchObject(refusal(2));
    expect(fallbacks).toBe(1);
    release();
    await proxy.restore();
    // The release's ZREM went nowhere: that member, no longer refreshed, lapses within the TTL.
    await sleep(TTL_MS + 100);
    let admitted = false;
    for (let tries = 0; !admitted && tries < 50; tries++) {
      const before = fallbacks;
      const give = await cut.take(who);
      admitted = fallbacks === before;
      if (!admitted) give();
      else expect(await inspect.zcard(setOf(who))).toBe(2);
      await sleep(100);
    }
    expect(admitted).toBe(true);
  } finally {
    await Promise.all(opened.splice(0).map((made) => made.close()));
    await proxy.close();
  }
});
