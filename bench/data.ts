import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import { createDataSource } from '../src/open-database';
import { migrate } from '../src/database/migrate';
import { seed } from '../src/database/seed';
import { generate } from './data/generate';
import { Args, databaseUrl, DEFAULT_ADMIN_URL } from './lib/args';
import { recreateDatabase, tableCounts } from './lib/database';

/**
 * npm run bench:data -- --scale N [--seed S] [--database-url URL] [--skip-import] [--skip-seed]
 * Builds the benchmark database from scratch: migrations, the seed, the real twin-town pairs
 * through the project's importer, then generated records up to the scale's counts.
 */
const ROOT = path.resolve(__dirname, '../..');
const TWIN_CITIES = path.resolve(ROOT, '../shared/data/twin-cities-wikipedia/twin_cities.csv');
const log = (message: string) => process.stderr.write(`${message}\n`);

/** Runs the project's twin-town import when the project has one; says why not otherwise. */
function importTwinCities(url: string): string {
  const scripts = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts ?? {};
  if (!scripts.import) return 'skipped: the project has no `npm run import` yet';
  if (!existsSync(TWIN_CITIES)) return `skipped: ${TWIN_CITIES} not found`;
  const started = Date.now();
  const result = spawnSync('npm', ['run', '--silent', 'import', '--', 'twin-cities', TWIN_CITIES], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`npm run import -- twin-cities failed (exit ${result.status})`);
  return `imported ${path.basename(TWIN_CITIES)} in ${((Date.now() - started) / 1000).toFixed(1)} s`;
}

async function run(): Promise<void> {
  const args = new Args(process.argv.slice(2), ['scale', 'seed', 'database-url', 'skip-import', 'skip-seed']);
  const scale = args.number('scale', 1, 0.001, 64);
  const seedNumber = args.number('seed', 1, 0, 2 ** 31);
  const url = args.string('database-url', databaseUrl(DEFAULT_ADMIN_URL, 'bench'));
  const started = Date.now();

  await recreateDatabase(url);
  const dataSource = createDataSource({ url, poolSize: 2 });
  await dataSource.initialize();
  try {
    log(`migrations: ${(await migrate(dataSource)).length} applied`);
    if (!args.flag('skip-seed')) {
      const { inserted } = await dataSource.transaction((manager) => seed(manager));
      log(`seed: ${inserted} rows`);
    }
  } finally {
    await dataSource.destroy();
  }
  const imported = args.flag('skip-import') ? 'skipped: --skip-import' : importTwinCities(url);
  log(`twin-town pairs: ${imported}`);

  const pool = new Pool({ connectionString: url, max: 2 });
  try {
    await generate(pool, scale, seedNumber, log);
    // VACUUM too: bulk-loaded pages are not yet all-visible, so index-only scans would still
    // visit the heap (11,343 heap fetches for one agreements page at scale 1) until autovacuum.
    await pool.query('VACUUM ANALYZE');
  } finally {
    await pool.end();
  }
  const counts = await tableCounts(url);
  const seconds = (Date.now() - started) / 1000;
  const description = {
    url: new URL(url).pathname.slice(1),
    scale,
    seed: seedNumber,
    import: imported,
    counts,
    seconds,
    builtAt: new Date().toISOString(),
  };
  const workDirectory = path.join(ROOT, 'bench/.work');
  mkdirSync(workDirectory, { recursive: true });
  writeFileSync(path.join(workDirectory, `data-${description.url}.json`), `${JSON.stringify(description, null, 2)}\n`);
  process.stdout.write(`bench data: ${JSON.stringify(counts)} in ${seconds.toFixed(1)} s\n`);
}

run().catch((error: unknown) => {
  process.stderr.write(`bench:data failed: ${(error as Error)?.stack ?? error}\n`);
  process.exit(1);
});
