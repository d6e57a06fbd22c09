import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import { Args, databaseUrl, DEFAULT_ADMIN_URL } from './lib/args';
import { configurations, parseProcessCounts, parseSharedBudget, runScaleOut, ScaleRow } from './lib/cluster';
import { ticksPerSecond } from './lib/cpu';
import { firstDifference } from './lib/compare';
import { body, post } from './lib/graphql-client';
import { drive } from './lib/load';
import { machine, machineLine, QueryResult, replaceReadmeSection, table, Target, verdicts } from './lib/report';
import { drawSamples, findNextPages, findPeerIds, Samples } from './lib/samples';
import { cpuTable, scaleFailures, throughputTable } from './lib/scale-report';
import { startTargets } from './lib/targets';
import { MIX, MixQuery, nestingDepth, SEARCH } from './mix';

/**
 * npm run bench -- [--database-url URL] [--duration S] [--connections N] [--targets api,floor,postgraphile]
 *                  [--queries text] [--quick] [--readme] [--out FILE] [--pool-size N] [--api-root DIR]
 *                  [--response-cache] [--processes 1,2,3 [--replica-url URL] [--shared-budget none|redis]]
 * With --response-cache the API runs with its response cache and is sent GET requests
 * (what the cache answers); without it, the cache is off and requests are POSTs.
 * Drives the API, the floor and PostGraphile over one database with the mix, prints the table
 * and writes bench/results/*.json. Exits non-zero on errors or on SQL statements per request
 * above the query's nesting depth + 1, never on times.
 * With --processes, only the API runs instead: N processes for each N listed (and the largest
 * N reading from --replica-url), with throughput, p99 and CPU per request (bench/lib/cluster.ts).
 */
const ROOT = path.resolve(__dirname, '../..');
const log = (message: string) => process.stderr.write(`${message}\n`);

async function check(
  query: MixQuery,
  samples: Samples,
  apiUrl: string,
  floorUrl: string | undefined,
): Promise<QueryResult['floorCheck']> {
  const result = { compared: 0, equal: 0, firstDifference: null as string | null };
  if (!floorUrl || query.floor === false) return result;
  for (let i = 0; i < 5; i++) {
    const variables = query.variables(samples, i);
    const [api, floor] = await Promise.all([post(apiUrl, query.api, variables), post(floorUrl, query.api, variables)]);
    result.compared += 1;
    // The API adds extensions (query cost); the floor answers data only, which is what is compared.
    const difference = firstDifference(
      { data: api.data, errors: api.errors },
      { data: floor.data, errors: floor.errors },
    );
    if (difference === null) result.equal += 1;
    else result.firstDifference ??= `${JSON.stringify(variables)}: ${difference}`;
  }
  return result;
}

function usable(query: MixQuery, samples: Samples, target: Target): boolean {
  if (query.name === 'agreements next page' && samples.nextPages.length === 0) return false;
  if (query.name === 'agreements page' && samples.agreementFilters.length === 0) return false;
  if (target === 'floor' && query.floor === false) return false;
  if (target === 'postgraphile' && !query.peer) return false;
  if (target === 'postgraphile' && query.name === 'agreements next page')
    return samples.nextPages.some((page) => page.peerCursor);
  return true;
}

async function run(): Promise<void> {
  const args = new Args(process.argv.slice(2), [
    'database-url',
    'duration',
    'connections',
    'targets',
    'queries',
    'quick',
    'readme',
    'out',
    'pool-size',
    'api-root',
    'response-cache',
    'processes',
    'replica-url',
    'shared-budget',
  ]);
  const quick = args.flag('quick');
  const responseCache = args.flag('response-cache');
  const url = args.string('database-url', databaseUrl(DEFAULT_ADMIN_URL, quick ? 'bench_quick' : 'bench'));
  const seconds = args.number('duration', quick ? 1 : 10, 1, 600);
  const processCounts = args.string('processes', '') ? parseProcessCounts(args.string('processes', '')) : null;
  for (const option of ['replica-url', 'shared-budget'])
    if (!processCounts && args.string(option, ''))
      throw new Error(`--${option} is for the scale-out run: add --processes`);
  // 18 connections divide evenly over 1, 2 and 3 processes (16 would give 6, 5, 5).
  const connections = args.number('connections', processCounts ? 18 : 16, 1, 1000);
  const poolSize = args.number('pool-size', 10, 1, 100);
  const targets = args.list('targets', quick ? ['api', 'floor'] : ['api', 'floor', 'postgraphile']) as Target[];
  const only = args.string('queries', '');
  const schema = readFileSync(path.join(ROOT, 'schema.graphql'), 'utf8');
  const mix = [...MIX, ...(/^\s+search\(/m.test(schema) ? [SEARCH] : [])].filter((query) => query.name.includes(only));

  const pool = new Pool({ connectionString: url, max: 2 });
  const [{ version }] = (await pool.query('SELECT version()')).rows;
  const samples = await drawSamples(pool, 'bench', quick ? 20 : 200);
  await pool.end();
  if (processCounts) {
    const replicaUrl = args.string('replica-url', '') || null;
    const sharedBudget = parseSharedBudget(args.string('shared-budget', 'none'));
    const rows = await runScaleOut(
      {
        apiRoot: path.resolve(args.string('api-root', ROOT)),
        databaseUrl: url,
        poolSize,
        sharedBudget,
        mix,
        samples,
        seconds,
        warmupSeconds: quick ? 0 : 2,
        connections,
        prepare: async (apiUrl) => {
          const agreements = MIX.find((query) => query.name === 'agreements page')!;
          await findNextPages(samples, apiUrl, null, agreements.api, agreements.peer!);
        },
        usable: (query) => usable(query, samples, 'api'),
        log,
      },
      configurations(processCounts, replicaUrl),
    );
    reportScaleOut(args, version, { quick, url, seconds, connections, poolSize, replicaUrl, sharedBudget }, rows);
    return;
  }
  const servers = await startTargets(
    targets,
    ROOT,
    path.resolve(args.string('api-root', ROOT)),
    url,
    poolSize,
    responseCache,
  );
  const results: QueryResult[] = [];
  try {
    const apiUrl = servers.get('api')!.url;
    const peerUrl = servers.get('postgraphile')?.url ?? null;
    const agreements = MIX.find((query) => query.name === 'agreements page')!;
    await findNextPages(samples, apiUrl, peerUrl, agreements.api, agreements.peer!);
    if (peerUrl) await findPeerIds(samples, peerUrl);
    for (const query of mix) {
      const depth = nestingDepth(query.api);
      const result: QueryResult = {
        name: query.name,
        contract: query.contract,
        depth,
        statementBound: depth + 1,
        results: {},
        floorCheck: { compared: 0, equal: 0, firstDifference: null },
      };
      if (!usable(query, samples, 'api')) {
        log(`${query.name}: skipped (no sample at this scale)`);
        continue;
      }
      result.floorCheck = await check(query, samples, apiUrl, servers.get('floor')?.url);
      for (const target of targets) {
        if (!usable(query, samples, target)) continue;
        const served = servers.get(target)!;
        const count = quick ? 20 : 200;
        const bodies = Array.from({ length: count }, (_, i) =>
          target === 'postgraphile'
            ? body(query.peer!, query.peerVariables(samples, i))
            : body(query.api, query.variables(samples, i)),
        );
        const method = target === 'api' && responseCache ? 'GET' : 'POST';
        if (!quick) await drive(served.url, bodies, connections, 2, method);
        served.resetPeak();
        const measured = await drive(served.url, bodies, connections, seconds, method);
        result.results[target] = { ...measured, peakRssBytes: served.peakRss() };
        log(
          `${query.name} / ${target}: ${measured.requestsPerSecond.toFixed(0)} req/s, p99 ${measured.latencyMs.p99.toFixed(1)} ms, errors ${measured.errors}`,
        );
      }
      results.push(result);
    }
  } finally {
    await Promise.all([...servers.values()].map((served) => served.stop()));
  }

  const data = readData(url);
  const extra = process.argv.slice(2).filter((arg) => arg !== '--quick');
  const command = `npm run ${quick ? 'bench:quick' : 'bench'}${extra.length ? ` -- ${extra.join(' ')}` : ''}`;
  const report = {
    date: new Date().toISOString(),
    command,
    machine: machine(version),
    data,
    settings: { seconds, connections, poolSize, targets, responseCache },
    queries: results,
    ...verdicts(results),
  };
  const markdown = table(results);
  process.stdout.write(`\n${markdown}\n\n`);
  for (const miss of report.misses) process.stdout.write(`target missed: ${miss}\n`);
  for (const failure of report.failures) process.stdout.write(`FAILED: ${failure}\n`);

  const resultsDirectory = path.join(ROOT, 'bench/results');
  mkdirSync(resultsDirectory, { recursive: true });
  const name = quick
    ? 'quick.json'
    : `scale-${data?.scale ?? 'unknown'}-${report.date.slice(0, 10)}${responseCache ? '-response-cache' : ''}.json`;
  const out = args.string('out', path.join(resultsDirectory, name));
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`results: ${path.relative(ROOT, out)}\n`);
  if (args.flag('readme'))
    updateReadme(responseCache ? 'results-response-cache' : 'results', report.machine, data, command, markdown);
  if (report.failures.length) process.exitCode = 1;
}

/** Prints the scale-out tables, writes bench/results/scale-out-*.json and, with --readme, its README section. */
function reportScaleOut(
  args: Args,
  version: string,
  settings: {
    quick: boolean;
    url: string;
    seconds: number;
    connections: number;
    poolSize: number;
    replicaUrl: string | null;
    sharedBudget: string;
  },
  rows: ScaleRow[],
): void {
  const hz = ticksPerSecond();
  const data = readData(settings.url);
  const extra = process.argv.slice(2).filter((arg) => arg !== '--quick');
  const command = `npm run ${settings.quick ? 'bench:quick' : 'bench'} -- ${extra.join(' ')}`;
  const failures = scaleFailures(rows);
  const markdown = [
    throughputTable(rows),
    '',
    `CPU per request (/proc/<pid>/stat utime + stime, ${hz} ticks/s) over each query's measured ${settings.seconds} s:`,
    '',
    cpuTable(rows, hz),
  ].join('\n');
  process.stdout.write(`\n${markdown}\n\n`);
  for (const failure of failures) process.stdout.write(`FAILED: ${failure}\n`);
  const report = {
    date: new Date().toISOString(),
    command,
    machine: machine(version),
    data,
    settings: { ...settings, ticksPerSecond: hz },
    rows,
    failures,
  };
  const name = `scale-out-${settings.quick ? 'quick' : `scale-${data?.scale ?? 'unknown'}-${report.date.slice(0, 10)}`}.json`;
  const out = args.string('out', path.join(ROOT, 'bench/results', name));
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`results: ${path.relative(ROOT, out)}\n`);
  if (args.flag('readme')) updateReadme('results-scale-out', report.machine, data, command, markdown);
  if (failures.length) process.exitCode = 1;
}

/** What bench:data recorded about the database `url` names, or null when it was not built here. */
function readData(url: string): Record<string, unknown> | null {
  const dataFile = path.join(ROOT, `bench/.work/data-${new URL(url).pathname.slice(1)}.json`);
  return existsSync(dataFile) ? JSON.parse(readFileSync(dataFile, 'utf8')) : null;
}

/** Replaces a results section of bench/README.md (`<!-- marker:start -->` to `<!-- marker:end -->`). */
function updateReadme(
  marker: string,
  machineInfo: Record<string, unknown>,
  data: Record<string, unknown> | null,
  command: string,
  markdown: string,
): void {
  replaceReadmeSection(ROOT, marker, [
    '',
    machineLine(machineInfo),
    `Data: scale ${data?.scale ?? '?'}, seed ${data?.seed ?? '?'}: ${data ? JSON.stringify(data.counts) : 'unknown'}; twin-town import: ${data?.import ?? '?'}.`,
    `Command: \`${command}\` (${new Date().toISOString().slice(0, 10)}).`,
    '',
    markdown,
    '',
  ]);
}

run().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error)?.stack ?? error}\n`);
  process.exit(1);
});
