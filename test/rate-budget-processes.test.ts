import { Redis } from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ApiKeyRole } from '../src/auth/api-key';
import { createTestDatabase, testDatabaseKind, TestDatabase } from './helpers/database';
import { makeKey } from './helpers/keys';

/**
 * Issue 18's proof: three API processes (the built server, `node dist/src/main.js`), one key
 * with budget B = capacity + restore rate × W, a client spraying all three at once for W:
 * with a shared store the accepted cost stays within B × 1.05; with each process's memory it
 * is about three times B, which shows the check can fail. Server PostgreSQL only: the
 * embedded database serves one process.
 */
const MAIN = path.resolve(__dirname, '../dist/src/main.js');
const REDIS_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `test:${randomUUID()}:`;
const CAPACITY = 100;
const RESTORE_RATE = 10;
const WINDOW_MS = 3000;
const WORKERS_PER_PROCESS = 4;
// Costs 10 (five lists, 2 each: the connection and its nodes), so that ten fill the bucket and
// the memory store's three budgets are reached in the window even on a loaded machine.
const QUERY = `{ ${['a', 'b', 'c', 'd', 'e'].map((alias) => `${alias}: municipalities(first: 1) { nodes { slug } }`).join(' ')} }`;

const serverOnly = testDatabaseKind() === 'server' ? describe : describe.skip;

/** One API process, started with `env`, and its URL once it says it serves. */
class ApiProcess {
  private output = '';
  readonly url: Promise<string>;

  private constructor(private readonly child: ChildProcess) {
    this.url = new Promise((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        this.output += chunk.toString('utf8');
        const line = this.output.split('\n').find((text) => text.includes('"serving GraphQL"'));
        if (line) resolve((JSON.parse(line) as { url: string }).url);
      });
      child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
      child.once('exit', (code) => reject(new Error(`the API process exited (${code}):\n${this.output.slice(-2000)}`)));
    });
  }

  static start(env: Record<string, string>): ApiProcess {
    return new ApiProcess(spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH, ...env } }));
  }

  /** Counted fallbacks to the process's own bucket, from its /metrics. */
  async fallbacks(): Promise<number> {
    const text = await (await fetch((await this.url).replace(/\/graphql$/, '/metrics'))).text();
    return [...text.matchAll(/^rate_budget_fallbacks_total\{[^}]*\} (\d+)$/gm)].reduce(
      (sum, m) => sum + Number(m[1]),
      0,
    );
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const force = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(force);
  }
}

interface Spray {
  acceptedCost: number;
  accepted: number;
  refused: number;
  failed: string[];
  windowSeconds: number;
}

/** Every worker sends the query to its process, again and again, until the window closes. */
async function spray(urls: string[], headers: Record<string, string>): Promise<Spray> {
  const result: Spray = { acceptedCost: 0, accepted: 0, refused: 0, failed: [], windowSeconds: 0 };
  const started = Date.now();
  const worker = async (url: string) => {
    while (Date.now() - started < WINDOW_MS) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
        body: JSON.stringify({ query: QUERY }),
      });
      const body = (await response.json()) as { errors?: unknown[]; extensions: { cost: { requested: number } } };
      if (response.status === 200 && !body.errors) {
        result.accepted++;
        result.acceptedCost += body.extensions.cost.requested;
      } else if (response.status === 429) result.refused++;
      else result.failed.push(`${response.status} ${JSON.stringify(body.errors)}`);
    }
  };
  await Promise.all(urls.flatMap((url) => Array.from({ length: WORKERS_PER_PROCESS }, () => worker(url))));
  // From the first request sent to the last answer: the longest the servers could have drained.
  result.windowSeconds = (Date.now() - started) / 1000;
  return result;
}

serverOnly('three API processes, one key', () => {
  const STORES = ['redis', 'postgres', 'memory'];
  let database: TestDatabase;
  // Three processes for each store, all started at once (starting is most of this file's time).
  const processes = new Map<string, ApiProcess[]>();
  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npx tsc -p tsconfig.build.json)`);
    database = await createTestDatabase();
    for (const store of STORES)
      processes.set(
        store,
        [1, 2, 3].map(() => ApiProcess.start(environment(store))),
      );
    await Promise.all([...processes.values()].flat().map((api) => api.url));
    // Nine processes starting on a busy two-core machine can take a while.
  }, 180_000);
  afterAll(async () => {
    await Promise.all([...processes.values()].flat().map((api) => api.stop()));
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await database?.drop();
  });

  function environment(store: string): Record<string, string> {
    return {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      GRAPHIQL: 'false',
      SEED_WHEN_EMPTY: 'false',
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '4',
      MAX_QUERY_COST: '50',
      RATE_LIMIT_CAPACITY: String(CAPACITY),
      RATE_LIMIT_RESTORE_RATE: String(RESTORE_RATE),
      RATE_BUDGET_STORE: store,
      REDIS_URL,
      REDIS_KEY_PREFIX: PREFIX,
    };
  }

  async function sprayThree(store: string): Promise<{ run: Spray; fallbacks: number }> {
    const trio = processes.get(store)!;
    const urls = await Promise.all(trio.map((api) => api.url));
    // A key of its own for each store: a fresh, full bucket.
    const key = await makeKey(database.dataSource, ApiKeyRole.READER, `sprayer ${store}`);
    const run = await spray(urls, key.headers);
    const fallbacks = (await Promise.all(trio.map((api) => api.fallbacks()))).reduce((a, b) => a + b, 0);
    return { run, fallbacks };
  }

  const budgetOf = (run: Spray) => CAPACITY + RESTORE_RATE * run.windowSeconds;
  /** The figures behind each verdict, in the log (CI's included): accepted cost against B. */
  const report = (store: string, run: Spray) =>
    process.stdout.write(
      `rate budget, 3 processes, ${store}: accepted cost ${run.acceptedCost} of B = ${budgetOf(run).toFixed(1)} (×${(run.acceptedCost / budgetOf(run)).toFixed(3)}), ${run.refused} refused\n`,
    );

  test.each(['redis', 'postgres'])('with RATE_BUDGET_STORE=%s, the three accept at most B × 1.05', async (store) => {
    const { run, fallbacks } = await sprayThree(store);
    report(store, run);
    expect(run.failed).toEqual([]);
    expect(fallbacks).toBe(0);
    expect(run.refused).toBeGreaterThan(0);
    // The spray used the budget up: at least a full bucket went through, and no more than B.
    expect(run.acceptedCost).toBeGreaterThanOrEqual(CAPACITY);
    expect(run.acceptedCost).toBeLessThanOrEqual(budgetOf(run) * 1.05);
  });

  test('with RATE_BUDGET_STORE=memory, the same spray gets more than B: three processes, three budgets', async () => {
    const { run } = await sprayThree('memory');
    report('memory', run);
    expect(run.failed).toEqual([]);
    expect(run.acceptedCost).toBeGreaterThan(budgetOf(run) * 1.05);
    // Each process refuses beyond its own: about three budgets in all, never more.
    expect(run.acceptedCost).toBeLessThanOrEqual(3 * budgetOf(run) * 1.05);
  });
});
