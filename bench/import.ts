import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/open-database';
import { SEED } from '../src/database/seed';
import { describeReport, ImportReport } from '../src/import/report';
import { runImport } from '../src/import/run-import';

/**
 * npm run bench:import [-- --data ../shared/data] [--only embedded|postgres]
 *
 * Imports the whole twin-town list and then the simplemaps table into a fresh, seeded
 * database, on PostgreSQL (a database made for the run on the server at DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/postgres, and dropped afterwards) and on embedded PGlite
 * (a temporary directory), and prints the times. Then imports the list a second time, which
 * must add nothing, and checks the figures the "done when" names.
 * Targets: under 30 s on PostgreSQL, under 90 s embedded, for list plus table.
 */

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
const dataDirectory = path.resolve(option('data') ?? '../shared/data');
const TWIN_CITIES = path.join(dataDirectory, 'twin-cities-wikipedia/twin_cities.csv');
const SIMPLEMAPS = path.join(dataDirectory, 'world-cities-simplemaps/worldcities.csv');
const TARGET_SECONDS = { postgres: 30, embedded: 90 };

type Backend = 'postgres' | 'embedded';

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const result = await work();
  return [result, Number(process.hrtime.bigint() - started) / 1e9];
}

/** A fresh database of the backend's kind; `dispose` removes it. */
async function freshDatabase(
  backend: Backend,
): Promise<{ url?: string; directory?: string; dispose(): Promise<void> }> {
  if (backend === 'embedded') {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'bench-import-'));
    return { directory, dispose: () => rm(directory, { recursive: true, force: true }) };
  }
  const admin = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  const name = `bench_import_${process.pid}`;
  const client = new Client(admin.toString());
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async dispose() {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

async function bench(backend: Backend): Promise<void> {
  const target = await freshDatabase(backend);
  try {
    const config = {
      ...loadConfig({ LOG_LEVEL: 'silent' }),
      databaseUrl: target.url,
      dataDirectory: target.directory ?? '',
    };
    const [database, openSeconds] = await timed(() => openDatabase(config));
    try {
      const dataSource = database.dataSource;
      const [twin, twinSeconds] = await timed(() =>
        runImport(dataSource, 'twin-cities', TWIN_CITIES, { progress: false }),
      );
      const [table, tableSeconds] = await timed(() =>
        runImport(dataSource, 'simplemaps', SIMPLEMAPS, { progress: false }),
      );
      const [again, againSeconds] = await timed(() =>
        runImport(dataSource, 'twin-cities', TWIN_CITIES, { progress: false }),
      );
      const total = twinSeconds + tableSeconds;
      const lines = [
        `== ${backend}: migrate + seed ${openSeconds.toFixed(1)} s`,
        ...describeReport(twin as ImportReport).map((line) => `   ${line}`),
        ...describeReport(table as ImportReport)
          .filter((line) => !line.startsWith('  line'))
          .map((line) => `   ${line}`),
        `   twin-cities ${twinSeconds.toFixed(1)} s + simplemaps ${tableSeconds.toFixed(1)} s = ${total.toFixed(1)} s ` +
          `(target < ${TARGET_SECONDS[backend]} s: ${total < TARGET_SECONDS[backend] ? 'met' : 'NOT met'})`,
        `   second twin-cities import: ${againSeconds.toFixed(1)} s, nothing new: ${(again as ImportReport).nothingNew}`,
        ...(await doneWhen(dataSource.query.bind(dataSource))).map((line) => `   ${line}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      await database.close();
    }
  } finally {
    await target.dispose();
  }
}

/** The checks on the imported register, as lines. */
async function doneWhen(query: (sql: string, parameters?: unknown[]) => Promise<any[]>): Promise<string[]> {
  const partners = await query(
    `SELECT DISTINCT p.sort_name FROM agreement_party me
       JOIN agreement_party other ON other.agreement_id = me.agreement_id AND other.municipality_id <> me.municipality_id
       JOIN municipality p ON p.id = other.municipality_id WHERE me.municipality_id = $1 ORDER BY 1`,
    [SEED.municipality.tehran],
  );
  const moscow = await query(`SELECT count(*)::int AS n FROM municipality WHERE match_key = 'RU:moscow'`);
  const district = await query(`SELECT p.slug FROM municipality m JOIN municipality p ON p.id = m.part_of_id
    WHERE m.sort_name = 'District 12 (Tehran)'`);
  return [
    `Tehran's partners: ${partners.length} (${partners.map((row) => row.sort_name).join(', ')})`,
    `municipalities named Moscow in Russia: ${moscow[0].n}`,
    `District 12 (Tehran) is part of: ${district.map((row) => row.slug).join(', ') || 'nothing'}`,
  ];
}

async function main(): Promise<void> {
  const only = option('only');
  const backends: Backend[] = only === 'embedded' || only === 'postgres' ? [only] : ['postgres', 'embedded'];
  process.stdout.write(`import benchmark on ${os.cpus().length} cores, node ${process.version}\n`);
  for (const backend of backends) await bench(backend);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:import failed: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
