import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { PostgresBuckets } from '../src/limits/postgres-buckets';
import { poolOf, SharedBudget, SharedBuckets, storedKeyOf } from '../src/limits/rate-budget';
import { RedisBuckets } from '../src/limits/redis-buckets';
import { closedPort } from './helpers/config';
import { createTestDatabase, testDatabaseKind, TestDatabase } from './helpers/database';
import { startTcpProxy } from './helpers/tcp-proxy';

/**
 * The shared rate budget's stores on their real backends: the same answers as the in-process
 * bucket (test/serving-limits.test.ts), atomic under concurrency, and what happens when the
 * store is gone. Time is moved by ageing a bucket in its store (its clock is the store's own).
 */
const REDIS_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
// Keys of this run only, removed afterwards: the Redis may be shared.
const PREFIX = `test:${randomUUID()}:`;
const noFailures = (error: unknown) => {
  throw error;
};

let inspect: Redis;
beforeAll(() => {
  inspect = new Redis(REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  const keys = await inspect.keys(`${PREFIX}*`);
  if (keys.length) await inspect.del(...keys);
  await inspect.quit();
});

/** The checks every store passes, with `age(key, seconds)` moving a bucket's time back. */
function behavesLikeTheLeakyBucket(
  open: () => Promise<SharedBuckets>,
  age: (storedKey: string, seconds: number) => Promise<void>,
) {
  let store: SharedBuckets;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(() => store?.close());
  const key = () => storedKeyOf(randomUUID());

  // A point a second: the real time a test takes (well under a second) never moves a figure.
  test('pours the cost in, refuses without charging, drains at the restore rate', async () => {
    const k = key();
    expect(await store.take(k, 80)).toEqual({
      allowed: true,
      status: { maximumAvailable: 100, currentlyAvailable: 20, restoreRate: 1 },
    });
    expect(await store.take(k, 30)).toEqual({
      allowed: false,
      retryAfterSeconds: 10,
      status: { maximumAvailable: 100, currentlyAvailable: 20, restoreRate: 1 },
    });
    expect(await store.take(key(), 100)).toMatchObject({ allowed: true, status: { currentlyAvailable: 0 } });
    await age(k, 10);
    expect(await store.take(k, 30)).toMatchObject({ allowed: true, status: { currentlyAvailable: 0 } });
    // Full: 60 more overflow by 60 points, a minute at a point a second.
    expect(await store.take(k, 60)).toMatchObject({ allowed: false, retryAfterSeconds: 60 });
    await age(k, 60);
    expect(await store.take(k, 60)).toMatchObject({ allowed: true, status: { currentlyAvailable: 0 } });
    // Drained far past empty, a bucket starts from empty, not below it.
    await age(k, 600);
    expect(await store.take(k, 1)).toMatchObject({ allowed: true, status: { currentlyAvailable: 99 } });
  });

  test('concurrent takes of one key are atomic: exactly as many pass as the capacity holds', async () => {
    const k = key();
    const taken = await Promise.all(Array.from({ length: 40 }, () => store.take(k, 10)));
    expect(taken.filter((result) => result.allowed)).toHaveLength(10);
    expect(taken.filter((result) => !result.allowed)).toHaveLength(30);
  });
}

/**
 * The bucket's arithmetic is tested with a command timeout far above a request's 250 ms: 40
 * takes at once in a jest worker on a loaded machine can wait longer than that for the event loop.
 */
const ARITHMETIC_TIMEOUT_MS = 10_000;

describe('redis', () => {
  behavesLikeTheLeakyBucket(
    async () => {
      const store = new RedisBuckets(REDIS_URL, PREFIX, 100, 1, noFailures, ARITHMETIC_TIMEOUT_MS);
      await store.connected;
      return store;
    },
    async (storedKey, seconds) => {
      await inspect.hincrbyfloat(`${PREFIX}budget:${storedKey}`, 'at', -seconds);
    },
  );

  test('a bucket expires when it would have drained empty; a hostile key is stored at a fixed length', async () => {
    const store = new RedisBuckets(REDIS_URL, PREFIX, 100, 10, noFailures, ARITHMETIC_TIMEOUT_MS);
    try {
      await store.connected;
      const hostile = `address:${'x'.repeat(1_000_000)}`;
      const stored = storedKeyOf(hostile);
      expect(stored).toHaveLength(43);
      await store.take(stored, 50);
      const name = `${PREFIX}budget:${stored}`;
      // 50 points at 10 a second: empty in 5 s, kept one second more.
      expect(await inspect.pttl(name)).toBeGreaterThan(5000);
      expect(await inspect.pttl(name)).toBeLessThanOrEqual(6000);
      expect(await inspect.hget(name, 'level')).toBe('50');
    } finally {
      await store.close();
    }
  });
});

const serverOnly = testDatabaseKind() === 'server' ? describe : describe.skip;

serverOnly('postgres', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());
  const age = async (storedKey: string, seconds: number) => {
    await database.dataSource.query(
      `UPDATE rate_budget SET updated_at = updated_at - make_interval(secs => $2) WHERE key = $1`,
      [storedKey, seconds],
    );
  };

  behavesLikeTheLeakyBucket(async () => new PostgresBuckets(poolOf(database.dataSource), 100, 1, noFailures), age);

  test('a take does not move the register version (no cached answer retires); the sweep deletes drained buckets only', async () => {
    const store = new PostgresBuckets(poolOf(database.dataSource), 100, 10, noFailures);
    const version = () => database.dataSource.query(`SELECT version FROM register_version`);
    const before = await version();
    await database.dataSource.query(`DELETE FROM rate_budget`);
    const [drained, full] = [storedKeyOf('drained'), storedKeyOf('full')];
    await store.take(drained, 50);
    await store.take(full, 50);
    await age(drained, 5.5);
    await age(full, 4);
    expect(await store.sweep()).toBe(1);
    const rows = await database.dataSource.query(`SELECT key FROM rate_budget`);
    expect(rows).toEqual([{ key: full }]);
    expect(await version()).toEqual(before);
    await store.close();
  });

  test('a hostile key longer than a stored key is refused by the table itself', async () => {
    await expect(
      database.dataSource.query(`INSERT INTO rate_budget VALUES ($1, 0, true, now())`, ['k'.repeat(65)]),
    ).rejects.toThrow(/rate_budget_key_check/);
  });
});

describe('when the shared store fails', () => {
  const logged: Array<{ msg: string; store?: string }> = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
  beforeEach(() => {
    logged.length = 0;
  });

  test('a Redis that is down: every take falls back to the process bucket at once, counted, warned about once', async () => {
    const fallbacks: string[] = [];
    const url = `redis://127.0.0.1:${await closedPort()}`;
    const budget = new SharedBudget((failed) => new RedisBuckets(url, PREFIX, 100, 10, failed), 100, 10, logger, {
      budgetFallback: (store) => fallbacks.push(store),
    });
    try {
      const started = Date.now();
      const taken = [];
      for (let i = 0; i < 12; i++) taken.push(await budget.take('address:client', 10));
      // Ten fit the process's own bucket of 100, the rest are refused by it, as without a store.
      expect(taken.map((result) => result.allowed)).toEqual([...Array(10).fill(true), false, false]);
      expect(fallbacks).toEqual(Array(12).fill('redis'));
      // Not one command timeout per take: a closed connection fails at once.
      expect(Date.now() - started).toBeLessThan(1000);
      expect(logged.filter((line) => line.msg.startsWith('rate budget store unreachable'))).toHaveLength(1);
      expect(logged[0]).toMatchObject({ store: 'redis' });
    } finally {
      await budget.close();
    }
  });

  test('Redis lost mid-run: takes fall back, and go back to the shared bucket once it answers again', async () => {
    const proxy = await startTcpProxy(REDIS_URL);
    const fallbacks: string[] = [];
    let store: RedisBuckets | undefined;
    const budget = new SharedBudget(
      (failed) => (store = new RedisBuckets(proxy.url, PREFIX, 100, 1, failed)),
      100,
      1,
      logger,
      { budgetFallback: (name) => fallbacks.push(name) },
    );
    const key = `address:${randomUUID()}`;
    try {
      await store!.connected;
      expect(await budget.take(key, 60)).toMatchObject({ allowed: true, status: { currentlyAvailable: 40 } });
      await proxy.cut();
      // The process's own bucket, empty until now, takes it (the shared one stands at 60).
      expect(await budget.take(key, 30)).toMatchObject({ allowed: true, status: { currentlyAvailable: 70 } });
      expect(fallbacks).toEqual(['redis']);
      await proxy.restore();
      let shared: Awaited<ReturnType<SharedBudget['take']>> | undefined;
      for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
        const count = fallbacks.length;
        const result = await budget.take(key, 1);
        if (fallbacks.length === count) {
          shared = result;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // The shared bucket again (the process's would say 69): 60 + 1, less a point a second since.
      expect(shared?.allowed).toBe(true);
      expect(shared!.status.currentlyAvailable).toBeGreaterThanOrEqual(39);
      expect(shared!.status.currentlyAvailable).toBeLessThanOrEqual(50);
    } finally {
      await budget.close();
      await proxy.close();
    }
  });
});
