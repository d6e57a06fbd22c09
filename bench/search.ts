import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createDataSource } from '../src/open-database';
import { EMBEDDED_POOL_SIZE, startEmbeddedPostgres } from '../src/database/embedded';
import { migrate } from '../src/database/migrate';
import { seed } from '../src/database/seed';
import { SEARCH_SQL, searchRecords, searchTerm } from '../src/modules/search/search.service';
import { recreateDatabase } from './lib/database';

/**
 * npm run bench:search -- [--count 50000] [--rounds 40] [--database-url postgres://.../bench_search]
 * A fresh database (embedded PGlite in memory, or the named database on a server, dropped and
 * made again), migrated and seeded, plus `count` generated municipalities with English,
 * Persian and Russian names. Then search latency per kind of query, as the API runs it: the
 * ranking statement and the statement loading the records found. Prints the plans of the
 * ranking statement, to show which indexes serve it. Not a test: nothing is asserted.
 */
const out = (line = '') => process.stdout.write(`${line}\n`);

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

/** mulberry32: the same register on every run. */
function random(seedNumber: number): () => number {
  let state = seedNumber >>> 0;
  return () => {
    let t = (state = (state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Syllables in English, Persian and Russian spelling; the Persian ones use ی and ک as stored data does. */
const SYLLABLES: Array<[string, string, string]> = [
  ['ka', 'کا', 'ка'],
  ['ra', 'را', 'ра'],
  ['te', 'ته', 'те'],
  ['sha', 'شا', 'ша'],
  ['bad', 'باد', 'бад'],
  ['ro', 'رو', 'ро'],
  ['mi', 'می', 'ми'],
  ['na', 'نا', 'на'],
  ['dor', 'دور', 'дор'],
  ['li', 'لی', 'ли'],
  ['ze', 'زه', 'зе'],
  ['gan', 'گان', 'ган'],
  ['vo', 'وو', 'во'],
  ['sk', 'سک', 'ск'],
  ['ar', 'ار', 'ар'],
  ['el', 'ال', 'ел'],
  ['mo', 'مو', 'мо'],
  ['pol', 'پل', 'пол'],
  ['stan', 'ستان', 'стан'],
  ['grad', 'گراد', 'град'],
  ['kent', 'کنت', 'кент'],
  ['ya', 'یا', 'я'],
  ['ki', 'کی', 'ки'],
  ['bor', 'بور', 'бор'],
  ['zan', 'زان', 'зан'],
  ['fa', 'فا', 'фа'],
  ['lu', 'لو', 'лу'],
  ['kur', 'کور', 'кур'],
  ['sa', 'سا', 'са'],
  ['din', 'دین', 'дин'],
];
const QUALIFIERS: Array<[string, string, string]> = [
  ['New', 'نو', 'Ново'],
  ['Upper', 'بالا', 'Верхний'],
  ['Old', 'کهنه', 'Старый'],
];

interface Place {
  slug: string;
  en: string;
  fa: string;
  ru: string;
}

function generatePlaces(count: number): Place[] {
  const next = random(7);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  return Array.from({ length: count }, (_, index) => {
    const parts = Array.from({ length: 2 + Math.floor(next() * 3) }, () => pick(SYLLABLES));
    const word = (language: 0 | 1 | 2) => parts.map((part) => part[language]).join('');
    const capital = (text: string) => text[0].toUpperCase() + text.slice(1);
    const qualifier = next() < 0.2 ? pick(QUALIFIERS) : null;
    const en = qualifier ? `${qualifier[0]} ${capital(word(0))}` : capital(word(0));
    const fa = qualifier ? `${word(1)} ${qualifier[1]}` : word(1);
    const ru = qualifier ? `${qualifier[2]} ${capital(word(2))}` : capital(word(2));
    return { slug: `${word(0)}-${index}`, en, fa, ru };
  });
}

async function insertPlaces(dataSource: DataSource, places: Place[]): Promise<void> {
  for (let start = 0; start < places.length; start += 2000) {
    const batch = places.slice(start, start + 2000);
    await dataSource.query(
      `INSERT INTO municipality (slug, names, sort_name, country_code)
       SELECT slug, jsonb_build_object('en', en, 'fa', fa, 'ru', ru), en, 'ZZ'
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS p(slug, en, fa, ru)`,
      [batch.map((p) => p.slug), batch.map((p) => p.en), batch.map((p) => p.fa), batch.map((p) => p.ru)],
    );
  }
}

/** Queries of each kind, drawn from the generated names the way people type them. */
function queries(places: Place[], rounds: number): Record<string, string[]> {
  const next = random(11);
  const sample = () => places[Math.floor(next() * places.length)];
  const take = (make: (place: Place) => string) => Array.from({ length: rounds }, () => make(sample()));
  return {
    'exact English name': take((p) => p.en),
    'prefix, 4 letters': take((p) => p.en.split(' ').pop()!.slice(0, 4)),
    'prefix, 2 letters': take((p) => p.en.split(' ').pop()!.slice(0, 2)),
    'Persian, Arabic yeh/kaf': take((p) => p.fa.replace(/ی/g, 'ي').replace(/ک/g, 'ك')),
    'Russian, upper case': take((p) => p.ru.toUpperCase()),
    'misspelt (a letter dropped)': take((p) => {
      const w = p.en.split(' ').pop()!;
      return w.slice(0, 2) + w.slice(3);
    }),
    'founding story (tehr, Тегеран, قاليباف)': Array.from(
      { length: rounds },
      (_, i) => ['tehr', 'Тегеран', 'قاليباف'][i % 3],
    ),
  };
}

/** What the API does per search: rank, then load the records found, one statement per kind. */
async function searchOnce(dataSource: DataSource, query: string): Promise<number> {
  const started = process.hrtime.bigint();
  const hits = await searchRecords(dataSource.manager, { query, first: 10 });
  const tables: Record<string, string> = {
    Municipality: 'municipality',
    Person: 'person',
    Agreement: 'agreement',
    CooperationArea: 'cooperation_area',
    Source: 'source',
  };
  for (const type of new Set(hits.map((hit) => hit.type))) {
    const ids = hits.filter((hit) => hit.type === type).map((hit) => hit.id);
    await dataSource.query(`SELECT * FROM ${tables[type]} WHERE id = ANY($1::uuid[])`, [ids]);
  }
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function explain(dataSource: DataSource, query: string): Promise<void> {
  const term = searchTerm(query);
  const types = ['Municipality', 'Person', 'Agreement', 'CooperationArea', 'Source'];
  const rows: Array<{ 'QUERY PLAN': string }> = await dataSource.query(
    `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${SEARCH_SQL}`,
    [term, `${term}%`, types, 10, types],
  );
  out(`\nEXPLAIN ANALYZE of the ranking statement for "${query}":`);
  for (const row of rows) out(`  ${row['QUERY PLAN']}`);
}

async function main(): Promise<void> {
  const count = Number(option('count', '50000'));
  const rounds = Number(option('rounds', '40'));
  const serverUrl = option('database-url', '');
  const embedded = serverUrl ? null : await startEmbeddedPostgres({ maxConnections: 4 });
  if (serverUrl) await recreateDatabase(serverUrl);
  const dataSource = createDataSource({
    url: serverUrl || embedded!.url,
    poolSize: serverUrl ? 2 : EMBEDDED_POOL_SIZE,
  });
  await dataSource.initialize();
  try {
    await migrate(dataSource);
    await dataSource.transaction((manager) => seed(manager));
    const places = generatePlaces(count);
    const started = Date.now();
    await insertPlaces(dataSource, places);
    // As autovacuum would leave it: statistics, and a visibility map for index-only scans.
    await dataSource.query('VACUUM ANALYZE');
    const [{ entries }] = await dataSource.query('SELECT count(*)::int AS entries FROM search_entry');
    out(
      `database: ${serverUrl ? 'PostgreSQL server' : 'embedded PGlite'}; ${count} municipalities generated and indexed in ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s (${entries} search_entry rows)`,
    );
    for (const query of ['tehr', 'kara']) await searchOnce(dataSource, query); // warm the caches
    out(`\nsearch latency, ms (${rounds} queries of each kind, one after another, first: 10)`);
    out('kind'.padEnd(42) + 'p50'.padStart(8) + 'p95'.padStart(8) + 'max'.padStart(8));
    const all: number[] = [];
    for (const [kind, list] of Object.entries(queries(places, rounds))) {
      const times: number[] = [];
      for (const query of list) times.push(await searchOnce(dataSource, query));
      times.sort((a, b) => a - b);
      all.push(...times);
      out(kind.padEnd(42) + [50, 95, 100].map((p) => percentile(times, p).toFixed(1).padStart(8)).join(''));
    }
    all.sort((a, b) => a - b);
    out('all'.padEnd(42) + [50, 95, 100].map((p) => percentile(all, p).toFixed(1).padStart(8)).join(''));
    for (const query of [places[0].en.slice(0, 4), 'tehrn']) await explain(dataSource, query);
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
