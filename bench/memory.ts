import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { Args, databaseUrl, DEFAULT_ADMIN_URL } from './lib/args';
import { BackendPeak, BackendWatch } from './lib/backend-memory';
import { body } from './lib/graphql-client';
import { freePort, Served, startServer } from './lib/processes';
import { machine } from './lib/report';
import { buildCases, LIMITS, MemoryCase, OVER } from './memory/cases';
import { readRegister } from './memory/register';
import { ACCEPTED_MAX_MB, CaseResult, table, verdict } from './memory/report';

/**
 * npm run bench:memory -- [--database-url URL] [--cases a,b] [--max-slugs-before N] [--quick]
 *                         [--api-root DIR] [--abort-mb 2048] [--out FILE]
 * PostgreSQL backend memory of the heaviest filters the API accepts, and of the over-limit ones
 * it must refuse: for each case the API (production, from dist/, a pool of one connection, so
 * its backend is known) is started afresh, sent the case's operation with one-item lists to
 * warm its caches, then the case itself, while /proc/<pid>/status of the backend is sampled.
 * --max-slugs-before caps the over-limit lists, for a version that would run them; a backend
 * passing --abort-mb is terminated. Prints figures and writes bench/results/memory-<date>.json;
 * exits non-zero only when the benchmark itself fails, never on figures.
 */
const ROOT = path.resolve(__dirname, '../..');
const APPLICATION_NAME = 'bench-memory';
const STATEMENT_TIMEOUT_MS = 10_000;
const MB = 2 ** 20;
const log = (message: string) => process.stderr.write(`${message}\n`);

interface Answer {
  status: number;
  errorCode: string | null;
  wallMs: number;
  sqlStatements: number | null;
  failure: string | null;
}

async function send(url: string, query: string, variables: Record<string, unknown>): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      // What Apollo Client sends: the GraphQL response media type first, so request errors come as 4xx.
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json;q=0.9',
      },
      body: body(query, variables),
      signal: AbortSignal.timeout(STATEMENT_TIMEOUT_MS + 20_000),
    });
    const text = await response.text();
    const wallMs = performance.now() - started;
    let errorCode: string | null = null;
    try {
      const errors = JSON.parse(text).errors as Array<{ extensions?: { code?: string } }> | undefined;
      if (errors?.length) errorCode = errors[0].extensions?.code ?? 'no code';
    } catch {
      errorCode = 'not JSON';
    }
    const header = response.headers.get('x-sql-statements');
    return {
      status: response.status,
      errorCode,
      wallMs,
      sqlStatements: header === null ? null : Number(header),
      failure: null,
    };
  } catch (error) {
    return {
      status: 0,
      errorCode: null,
      wallMs: performance.now() - started,
      sqlStatements: null,
      failure: (error as Error).message,
    };
  }
}

async function startApi(apiRoot: string, url: string): Promise<Served> {
  const port = await freePort();
  const named = new URL(url);
  named.searchParams.set('application_name', APPLICATION_NAME);
  return startServer('api', ['dist/src/main.js'], {
    cwd: apiRoot,
    url: `http://127.0.0.1:${port}/graphql`,
    probe: JSON.stringify({ query: '{ __typename }' }),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: named.toString(),
      DATABASE_POOL_SIZE: '1',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_WHEN_EMPTY: 'false',
      STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
      RESPONSE_CACHE_MB: '0',
      RATE_LIMIT_CAPACITY: '100000000',
      RATE_LIMIT_RESTORE_RATE: '100000000',
    },
  });
}

async function measure(memoryCase: MemoryCase, apiUrl: string, watch: BackendWatch): Promise<CaseResult> {
  const warm = await send(apiUrl, memoryCase.query, memoryCase.warmup);
  await watch.start();
  let answer: Answer;
  let peak: BackendPeak;
  try {
    answer = await send(apiUrl, memoryCase.query, memoryCase.variables);
  } finally {
    peak = await watch.stop();
  }
  const notes = [
    peak.aborted,
    answer.failure,
    warm.status === 200 && !warm.errorCode ? null : `warm-up: HTTP ${warm.status} ${warm.errorCode ?? ''}`.trim(),
    peak.processes === 1 ? null : `${peak.processes} processes`,
  ].filter(Boolean);
  const figures = {
    name: memoryCase.name,
    expect: memoryCase.expect,
    sent: memoryCase.sent,
    status: answer.status,
    errorCode: answer.errorCode,
    wallMs: answer.wallMs,
    sqlStatements: answer.sqlStatements,
    rssAnonIncreaseMb: peak.rssAnonIncreaseBytes / MB,
    vmHwmMb: peak.vmHwmBytes / MB,
    processes: peak.processes,
    samples: peak.samples,
    note: notes.join('; ') || null,
  };
  return { ...figures, target: verdict(memoryCase.expect, figures) };
}

/** The API's commit, and whether its src/ or migrations/ differ from it (read-only git commands). */
function apiVersion(apiRoot: string): string {
  const git = (...args: string[]) => spawnSync('git', ['-C', apiRoot, ...args], { encoding: 'utf8' });
  const commit = git('rev-parse', '--short', 'HEAD').stdout.trim() || 'unknown';
  return git('diff', '--quiet', 'HEAD', '--', 'src', 'migrations').status === 1
    ? `${commit} with uncommitted changes`
    : commit;
}

async function postgresVersion(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SELECT version()')).rows[0].version;
  } finally {
    await client.end();
  }
}

async function run(): Promise<void> {
  const args = new Args(process.argv.slice(2), [
    'database-url',
    'cases',
    'max-slugs-before',
    'quick',
    'api-root',
    'abort-mb',
    'out',
  ]);
  const quick = args.flag('quick');
  const url = args.string('database-url', databaseUrl(DEFAULT_ADMIN_URL, quick ? 'bench_quick' : 'bench'));
  const cap = args.string('max-slugs-before', '') ? args.number('max-slugs-before', 0, 1, OVER.parties) : null;
  const abortMb = args.number('abort-mb', 2048, 64, 65_536);
  const apiRoot = path.resolve(args.string('api-root', ROOT));
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  const only = args.list('cases', []);

  const version = await postgresVersion(url);
  const register = await readRegister(url, cap ?? OVER.parties);
  const cases = buildCases(register, cap).filter((memoryCase) => only.length === 0 || only.includes(memoryCase.name));
  if (cases.length === 0)
    throw new Error(
      `--cases: none of ${only.join(', ')}; known: ${buildCases(register, cap)
        .map((c) => c.name)
        .join(', ')}`,
    );
  const caps =
    cap === null
      ? `over-limit lists sent whole (parties ${OVER.parties}, partyCountries ${OVER.partyCountries})`
      : `over-limit lists capped at ${cap} items (--max-slugs-before ${cap})`;
  const settings = {
    database,
    apiRoot,
    apiVersion: apiVersion(apiRoot),
    poolSize: 1,
    statementTimeoutMs: STATEMENT_TIMEOUT_MS,
    abortMb,
    caps,
    restartPerCase: !quick,
    limits: LIMITS,
  };
  log(
    `memory: ${cases.length} cases on ${database}, API from ${apiRoot} (${settings.apiVersion}); ${caps}; statement_timeout ${STATEMENT_TIMEOUT_MS / 1000} s; ` +
      `a backend passing ${abortMb} MB is terminated`,
  );

  const monitorUrl = new URL(url);
  monitorUrl.pathname = '/postgres';
  const watch = await BackendWatch.open(monitorUrl.toString(), database, APPLICATION_NAME, abortMb * MB);
  const results: CaseResult[] = [];
  let api: Served | null = null;
  try {
    for (const memoryCase of cases) {
      // A fresh API, so a fresh backend: what an earlier case left in its memory is not counted against this one.
      if (!quick || !api) {
        await api?.stop();
        api = await startApi(apiRoot, url);
      }
      const result = await measure(memoryCase, api.url, watch);
      results.push(result);
      log(
        `${result.name}: HTTP ${result.status} ${result.errorCode ?? ''} ${result.wallMs.toFixed(0)} ms, ${result.sqlStatements ?? '?'} SQL, ` +
          `RssAnon +${result.rssAnonIncreaseMb.toFixed(1)} MB, VmHWM ${result.vmHwmMb.toFixed(1)} MB${result.note ? ` (${result.note})` : ''}`,
      );
    }
  } finally {
    await api?.stop();
    await watch.close();
  }
  report(args, { version, settings, caps, results, quick, cap });
}

function report(
  args: Args,
  run: {
    version: string;
    settings: Record<string, unknown>;
    caps: string;
    results: CaseResult[];
    quick: boolean;
    cap: number | null;
  },
): void {
  const dataFile = path.join(ROOT, `bench/.work/data-${run.settings.database}.json`);
  const data = existsSync(dataFile) ? JSON.parse(readFileSync(dataFile, 'utf8')) : null;
  const extra = process.argv.slice(2);
  const date = new Date().toISOString();
  const command = `npm run bench:memory${extra.length ? ` -- ${extra.join(' ')}` : ''}`;
  const document = { date, command, machine: machine(run.version), data, settings: run.settings, cases: run.results };
  process.stdout.write(
    `\n${run.caps}; statement_timeout ${STATEMENT_TIMEOUT_MS / 1000} s; pool of 1; targets: accepted under ` +
      `${ACCEPTED_MAX_MB} MB, over-limit refused with HTTP 400, no SQL, under 1 s.\n\n${table(run.results)}\n\n`,
  );
  const resultsDirectory = path.join(ROOT, 'bench/results');
  mkdirSync(resultsDirectory, { recursive: true });
  const name = run.quick
    ? 'memory-quick.json'
    : `memory-${date.slice(0, 10)}${run.cap === null ? '' : `-max-slugs-${run.cap}`}.json`;
  const out = path.resolve(args.string('out', path.join(resultsDirectory, name)));
  writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`results: ${path.relative(ROOT, out)}\n`);
}

run().catch((error: unknown) => {
  process.stderr.write(`bench:memory failed: ${(error as Error)?.stack ?? error}\n`);
  process.exit(1);
});
