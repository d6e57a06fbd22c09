import 'reflect-metadata';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pino from 'pino';
import { migrate } from '../src/database/migrate';
import { PostgresBuckets } from '../src/limits/postgres-buckets';
import { MemoryBudget, poolOf, RateBudget, SharedBudget } from '../src/limits/rate-budget';
import { RedisBuckets } from '../src/limits/redis-buckets';
import { createDataSource } from '../src/open-database';
import { Args, DEFAULT_ADMIN_URL, databaseUrl } from './lib/args';
import { recreateDatabase } from './lib/database';
import { freePort, startServer } from './lib/processes';

/**
 * npm run bench:budget -- [--takes 20000] [--requests 3000] [--database-url postgres://.../bench_budget]
 *   [--redis-url redis://127.0.0.1:6379] [--servers memory,postgres,redis] [--skip-end-to-end]
 * What the rate budget's check adds to a request, per store (RATE_BUDGET_STORE): the latency
 * of one `take` as the server makes it (hashing the key, the store's round trip, the result),
 * sequentially and from 16 callers at once, over 1,000 callers' keys and over one hot key;
 * then the p50 of a small query through a real server (`node dist/src/main.js`) on each store.
 * The database is dropped and made again; Redis keys are this run's own and removed after.
 * Not a test: nothing is asserted. The issue's bar: at most 0.3 ms added to a request's p50.
 */
const args = new Args(process.argv.slice(2), [
  'takes',
  'requests',
  'database-url',
  'redis-url',
  'skip-end-to-end',
  'servers',
]);
const TAKES = args.number('takes', 20_000, 100, 10_000_000);
const REQUESTS = args.number('requests', 3000, 100, 1_000_000);
const DATABASE_URL = args.string('database-url', databaseUrl(DEFAULT_ADMIN_URL, 'bench_budget'));
const REDIS_URL = args.string('redis-url', 'redis://127.0.0.1:6379');
// The end-to-end servers' stores; one named twice (memory,memory) shows how far two alike differ.
const SERVERS = args.list('servers', ['memory', 'postgres', 'redis']);
const PREFIX = `bench:${randomUUID()}:`;
// Never refuses: the bench measures the check, not the refusals.
const CAPACITY = 100_000_000;
const RESTORE_RATE = 100_000_000;
const out = (line = '') => process.stdout.write(`${line}\n`);

interface Figures {
  p50: number;
  p99: number;
  perSecond: number;
}

function percentile(sorted: Float64Array, fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

/** `count` operations from `concurrency` callers, each timed alone; milliseconds. */
async function timed(count: number, concurrency: number, operation: (i: number) => Promise<unknown>): Promise<Figures> {
  const latencies = new Float64Array(count);
  let next = 0;
  const started = process.hrtime.bigint();
  const caller = async () => {
    while (next < count) {
      const i = next++;
      const before = process.hrtime.bigint();
      await operation(i);
      latencies[i] = Number(process.hrtime.bigint() - before) / 1e6;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, caller));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort();
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), perSecond: count / seconds };
}

const ms = (value: number) => value.toFixed(3);

async function takes(): Promise<void> {
  await recreateDatabase(DATABASE_URL);
  // The API's own pool, as createServer's would be (pool size 10, the default).
  const dataSource = createDataSource({ url: DATABASE_URL, poolSize: 10 });
  await dataSource.initialize();
  await migrate(dataSource);
  const logger = pino({ level: 'warn' });
  const fallbacks = { budgetFallback: (store: string) => out(`  (fell back: ${store})`) };
  let redis: RedisBuckets | undefined;
  const budgets: Array<[string, RateBudget]> = [
    ['memory', new MemoryBudget(CAPACITY, RESTORE_RATE)],
    [
      'postgres',
      new SharedBudget(
        (failed) => new PostgresBuckets(poolOf(dataSource), CAPACITY, RESTORE_RATE, failed),
        CAPACITY,
        RESTORE_RATE,
        logger,
        fallbacks,
      ),
    ],
    [
      'redis',
      new SharedBudget(
        (failed) => (redis = new RedisBuckets(REDIS_URL, PREFIX, CAPACITY, RESTORE_RATE, failed)),
        CAPACITY,
        RESTORE_RATE,
        logger,
        fallbacks,
      ),
    ],
  ];
  await redis!.connected;
  out(`one take, ${TAKES} each, ms (added latency of the budget check)`);
  out('| store | keys | callers | p50 | p99 | takes/s |');
  out('|---|---|---|---|---|---|');
  for (const [store, budget] of budgets) {
    await timed(2000, 4, (i) => budget.take(`address:warm-${i % 100}`, 1));
    for (const [keys, keyOf] of [
      ['1,000', (i: number) => `token:${i % 1000}`],
      ['1 (hot)', () => 'token:hot'],
    ] as const) {
      for (const concurrency of [1, 16]) {
        const figures = await timed(TAKES, concurrency, (i) => budget.take(keyOf(i), 1));
        out(
          `| ${store} | ${keys} | ${concurrency} | ${ms(figures.p50)} | ${ms(figures.p99)} | ${Math.round(figures.perSecond)} |`,
        );
      }
    }
  }
  for (const [, budget] of budgets) await budget.close();
  await dataSource.destroy();
}

/** Latencies of every call of `operation` from `concurrency` callers, in ms, added to `into`. */
async function record(into: number[], count: number, concurrency: number, operation: () => Promise<unknown>) {
  let left = count;
  const caller = async () => {
    while (left-- > 0) {
      const before = process.hrtime.bigint();
      await operation();
      into.push(Number(process.hrtime.bigint() - before) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, caller));
}

const ROUNDS = 5;

/**
 * A small query through a real server per store, POST so no cache answers it. The three
 * servers run side by side and are measured in turns, a fifth of the requests per turn, so
 * that a machine whose load changes during the run weighs on all three alike.
 */
async function endToEnd(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const query = JSON.stringify({ query: '{ municipalities(first: 1) { nodes { slug } } }' });
  const stores = SERVERS.map((store, i) => (SERVERS.indexOf(store) === i ? store : `${store} #${i + 1}`));
  const servers = await Promise.all(
    SERVERS.map(async (store, i) => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}/graphql`;
      const served = await startServer(`api (${store})`, ['dist/src/main.js'], {
        cwd: root,
        url,
        probe: query,
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'production',
          PORT: String(port),
          LOG_LEVEL: 'warn',
          DATABASE_URL,
          DATABASE_POOL_SIZE: '5',
          RATE_LIMIT_CAPACITY: String(CAPACITY),
          RATE_LIMIT_RESTORE_RATE: String(RESTORE_RATE),
          RATE_BUDGET_STORE: store,
          REDIS_URL,
          REDIS_KEY_PREFIX: PREFIX,
        },
      });
      const send = () =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: query }).then((response) =>
          response.text(),
        );
      return { store: stores[i], served, send };
    }),
  );
  out();
  out(`through the server: POST { municipalities(first: 1) { nodes { slug } } }, ${REQUESTS} requests, ms`);
  out('| store | callers | p50 | p99 |');
  out('|---|---|---|---|');
  try {
    for (const { send } of servers) await record([], 500, 4, send);
    for (const concurrency of [1, 16]) {
      const latencies = new Map(stores.map((store) => [store, [] as number[]]));
      for (let round = 0; round < ROUNDS; round++) {
        for (const { store, send } of servers) {
          await record(latencies.get(store)!, Math.ceil(REQUESTS / ROUNDS), concurrency, send);
        }
      }
      for (const store of stores) {
        const sorted = Float64Array.from(latencies.get(store)!).sort();
        out(`| ${store} | ${concurrency} | ${ms(percentile(sorted, 0.5))} | ${ms(percentile(sorted, 0.99))} |`);
      }
    }
  } finally {
    await Promise.all(servers.map(({ served }) => served.stop()));
  }
}

async function main(): Promise<void> {
  out(
    `rate budget bench: ${new Date().toISOString()}, load average ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  await takes();
  if (!args.flag('skip-end-to-end')) await endToEnd();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${PREFIX}*`);
  for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
  await redis.quit();
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error)?.stack ?? error}\n`);
  process.exit(1);
});
