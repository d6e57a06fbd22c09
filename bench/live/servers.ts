import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { generateApiKey, hashApiKey, SHOWN_PREFIX_LENGTH } from '../../src/auth/api-key';
import { CountingProxy } from '../lib/counting-proxy';
import { freePort, Served, startServer } from '../lib/processes';
import { cpuSeconds, machineBusySeconds, postgresCpu, readMetrics } from './measure';

/** One API process of the bench, behind its own counting proxy to PostgreSQL. */
export interface ApiProcess {
  served: Served;
  proxy: CountingProxy;
  httpUrl: string;
  wsUrl: string;
}

/** What a phase (idle, writing) cost each process: statements through its proxy, CPU seconds. */
export interface Snapshot {
  at: number;
  statements: number[];
  cpu: number[];
  postgres: Map<number, number>;
  /** The machine's busy CPU seconds (every process: other work on a shared machine shows here). */
  machine: number;
  /** This bench process's own CPU seconds. */
  bench: number;
}

export function snapshot(apis: readonly ApiProcess[]): Snapshot {
  return {
    at: performance.now(),
    statements: apis.map((api) => api.proxy.statements()),
    cpu: apis.map((api) => cpuSeconds(api.served.pid)),
    postgres: postgresCpu(),
    machine: machineBusySeconds(),
    bench: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
  };
}

/** The token GET /metrics asks for in production (METRICS_TOKEN), made for this run. */
export const METRICS_TOKEN = randomBytes(16).toString('hex');

export async function liveMetrics(apis: readonly ApiProcess[]): Promise<Array<Record<string, number>>> {
  return Promise.all(apis.map((api) => readMetrics(api.httpUrl, METRICS_TOKEN)));
}

/**
 * Starts `count` API processes (node dist/src/main.js as `npm start` runs it, production mode),
 * each reaching PostgreSQL through a counting proxy: its pool and its LISTEN connection both
 * use DATABASE_URL, so both are counted.
 */
export async function startApis(
  count: number,
  apiRoot: string,
  databaseUrl: string,
  throttleMs: number,
  poolSize: number,
): Promise<ApiProcess[]> {
  const upstream = new URL(databaseUrl);
  const started: ApiProcess[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const proxy = new CountingProxy(upstream.hostname, Number(upstream.port || 5432));
      const proxyPort = await proxy.listen();
      const port = await freePort();
      const httpUrl = `http://127.0.0.1:${port}/graphql`;
      const served = await startServer(`api ${i + 1}`, ['dist/src/main.js'], {
        cwd: apiRoot,
        url: httpUrl,
        probe: JSON.stringify({ query: '{ __typename }' }),
        // One bench client holds a thousand subscriptions from one address and sends thousands
        // of requests: the per-client budget and subscription cap are opened wide, as in the
        // other benches; their bookkeeping still runs. The response cache is off: the polling
        // comparison's POSTs are computed, and live executions never use it.
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DATABASE_URL: CountingProxy.through(databaseUrl, proxyPort),
          DATABASE_POOL_SIZE: String(poolSize),
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          SEED_WHEN_EMPTY: 'false',
          RESPONSE_CACHE_MB: '0',
          RATE_LIMIT_CAPACITY: '100000000',
          RATE_LIMIT_RESTORE_RATE: '100000000',
          SUBSCRIPTIONS_PER_KEY: '100000',
          LIVE_THROTTLE_MS: String(throttleMs),
          METRICS_TOKEN,
        },
      });
      started.push({ served, proxy, httpUrl, wsUrl: httpUrl.replace(/^http/, 'ws') });
    }
    return started;
  } catch (error) {
    await stopApis(started);
    throw error;
  }
}

export async function stopApis(apis: readonly ApiProcess[]): Promise<void> {
  await Promise.all(apis.map((api) => api.served.stop()));
  await Promise.all(apis.map((api) => api.proxy.close()));
}

/** An ADMIN key for the writer, stored as src/modules/api-key/api-key.service.ts stores one. */
export async function makeAdminKey(pool: Pool): Promise<string> {
  const secret = generateApiKey();
  await pool.query(
    `INSERT INTO api_key (id, name, role, key_hash, key_prefix, account)
     VALUES (gen_random_uuid(), 'bench:live writer', 'ADMIN', $1, $2, 'bench-live-' || gen_random_uuid())`,
    [hashApiKey(secret), secret.slice(0, SHOWN_PREFIX_LENGTH)],
  );
  return secret;
}
