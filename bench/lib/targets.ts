import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, Served, startServer } from './processes';
import { Target } from './report';

const PROBE = JSON.stringify({ query: '{ __typename }' });

/** PostGraphile lives in its own folder with its own package.json: installed on first use. */
function ensurePeerInstalled(folder: string): void {
  if (existsSync(path.join(folder, 'node_modules/postgraphile/package.json'))) return;
  process.stderr.write('installing PostGraphile 5 into bench/postgraphile (first use)...\n');
  const result = spawnSync('npm', ['install', '--prefix', folder, '--no-audit', '--no-fund', '--loglevel', 'error'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('npm install --prefix bench/postgraphile failed');
}

async function applyPeerFunctions(url: string, folder: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(readFileSync(path.join(folder, 'peer.sql'), 'utf8'));
  } finally {
    await client.end();
  }
}

/**
 * Starts the API as `npm start` runs it (production mode) on `port`; `extra` adds settings
 * (the scale-out run's replicas and shared budget store) to the same environment.
 */
export function startApi(
  apiRoot: string,
  databaseUrl: string,
  poolSize: number,
  responseCache: boolean,
  port: number,
  extra: Record<string, string> = {},
): Promise<Served> {
  return startServer('api', ['dist/src/main.js'], {
    cwd: apiRoot,
    url: `http://127.0.0.1:${port}/graphql`,
    probe: PROBE,
    // One client sending thousands of requests a second is the point here, not abuse:
    // the rate limit (a per-client budget) is opened wide, its bookkeeping still runs.
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NODE_ENV: 'production',
      POOL_SIZE: String(poolSize),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_WHEN_EMPTY: 'false',
      DATABASE_POOL_SIZE: String(poolSize),
      RATE_LIMIT_CAPACITY: '100000000',
      RATE_LIMIT_RESTORE_RATE: '100000000',
      RESPONSE_CACHE_MB: responseCache ? '64' : '0',
      ...extra,
    },
  });
}

/**
 * Starts each target as a child process of its own on loopback, over the same database and
 * pool size: the API as `npm start` runs it (production mode), the floor, and PostGraphile.
 */
export async function startTargets(
  targets: readonly Target[],
  root: string,
  apiRoot: string,
  databaseUrl: string,
  poolSize: number,
  responseCache: boolean,
): Promise<Map<Target, Served>> {
  const started = new Map<Target, Served>();
  const base = { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'production', POOL_SIZE: String(poolSize) };
  try {
    for (const target of targets) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}/graphql`;
      if (target === 'api') {
        started.set(target, await startApi(apiRoot, databaseUrl, poolSize, responseCache, port));
      } else if (target === 'floor') {
        started.set(
          target,
          await startServer('floor', ['dist/bench/floor/server.js'], {
            cwd: root,
            url,
            probe: PROBE,
            env: { ...base, PORT: String(port) },
          }),
        );
      } else {
        const folder = path.join(root, 'bench/postgraphile');
        ensurePeerInstalled(folder);
        await applyPeerFunctions(databaseUrl, folder);
        started.set(
          target,
          await startServer('postgraphile', ['-r', './polyfill.js', 'server.js'], {
            cwd: folder,
            url,
            probe: PROBE,
            env: { ...base, PORT: String(port), PEER_SCHEMA: 'peer' },
          }),
        );
      }
    }
    return started;
  } catch (error) {
    await Promise.all([...started.values()].map((served) => served.stop()));
    throw error;
  }
}
