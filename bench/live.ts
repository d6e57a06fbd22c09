import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { Args, databaseUrl, DEFAULT_ADMIN_URL } from './lib/args';
import { body } from './lib/graphql-client';
import { machine } from './lib/report';
import { drawSamples, findNextPages } from './lib/samples';
import { affectedCohorts, NoticeLog, reachOf } from './live/affected';
import { LiveQuery, pickLiveQueries } from './live/documents';
import { checkFeed, commitVersionOf, feedStart, FeedWatch, readFeed } from './live/feed-check';
import { Markers } from './live/markers';
import { delays, percentile, postgresCpuBetween, staleSubscribers } from './live/measure';
import { updateReadme } from './live/readme';
import { compacted, CompactedResult, goalLines, goals, grouped, LiveResult, table } from './live/report';
import { ApiProcess, liveMetrics, makeAdminKey, snapshot, startApis, stopApis } from './live/servers';
import { SubscriberPool } from './live/subscribers';
import { Commit, findTargets, Writer } from './live/writer';
import { MIX, SEARCH } from './mix';

/**
 * npm run bench:live -- [--database-url URL] [--duration S] [--rate N] [--processes 1,2]
 *                       [--connections N] [--per-connection N] [--queries N] [--throttle MS] [--pool-size N]
 *                       [--quick] [--readme] [--out FILE] [--api-root DIR] [--render FILE]
 * Live queries under load: `connections` WebSockets × `per-connection` subscriptions over
 * `queries` distinct live queries from the mix, on the benchmark register, while a writer
 * commits `rate` changes a second for `duration` seconds; with one API process, then two.
 * Prints the table and writes bench/results/live-<date>.json. Exits non-zero on missed or
 * duplicated changes, subscriber errors or failed writes, never on times. --render FILE prints
 * (with --readme, writes) the table of an earlier results JSON without running anything.
 */
const ROOT = path.resolve(__dirname, '../..');
const log = (message: string) => process.stderr.write(`${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

interface Settings {
  url: string;
  apiRoot: string;
  seconds: number;
  idleSeconds: number;
  rate: number;
  connections: number;
  perConnection: number;
  throttleMs: number;
  poolSize: number;
  feedSubscribers: number;
}

/**
 * Statements of one execution of each live query as a query, POSTed once through the first
 * process: counted by the proxy, and by the API's x-sql-statements headers as a check of it.
 */
async function pollingRound(
  api: ApiProcess,
  queries: readonly LiveQuery[],
): Promise<{ statements: number; headerStatements: number; errors: number }> {
  let errors = 0;
  let headerStatements = 0;
  const before = api.proxy.statements();
  for (const query of queries) {
    const response = await fetch(api.httpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: body(query.query, query.variables),
    });
    headerStatements += Number(response.headers.get('x-sql-statements') ?? 0);
    const answer = (await response.json().catch(() => ({ errors: ['not JSON'] }))) as { errors?: unknown[] };
    if (!response.ok || answer.errors?.length) errors++;
  }
  return { statements: api.proxy.statements() - before, headerStatements, errors };
}

/**
 * Waits until every subscriber's answer shows the last write of each record it shows and none
 * has received anything for `quietMs` (executions still in flight then have nothing new to
 * push), or `maxMs` have passed.
 */
async function settle(pool: SubscriberPool, commits: readonly Commit[], quietMs: number, maxMs: number): Promise<void> {
  const started = performance.now();
  for (;;) {
    const last = Math.max(0, ...pool.subscribers.map((s) => s.answers[s.answers.length - 1]?.at ?? 0));
    const now = performance.now();
    if (now - started >= maxMs) return;
    if (now - last >= quietMs && staleSubscribers(pool.subscribers, commits) === 0) return;
    await sleep(200);
  }
}

async function measure(
  processes: number,
  settings: Settings,
  queries: readonly LiveQuery[],
  secret: string,
  pool: Pool,
): Promise<LiveResult> {
  const reach = await reachOf(settings.url, queries);
  const apis = await startApis(processes, settings.apiRoot, settings.url, settings.throttleMs, settings.poolSize);
  const markers = new Markers();
  const subscribers = new SubscriberPool(markers);
  const feedWatch = new FeedWatch();
  const notices = new NoticeLog();
  try {
    log(`${processes} process(es): finding the records to write`);
    const targets = await findTargets(apis[0].httpUrl, queries, 20, 20);
    log(`${processes} process(es): ${settings.connections} connections × ${settings.perConnection} subscriptions`);
    const opened = performance.now();
    subscribers.open(
      apis.map((api) => api.wsUrl),
      queries,
      settings.connections,
      settings.perConnection,
    );
    await subscribers.firstAnswers(180_000);
    log(`first answers in ${((performance.now() - opened) / 1000).toFixed(1)} s`);
    const cohorts = sum((await liveMetrics(apis)).map((m) => m.live_cohorts));
    // Which cohorts exist where: a live query has a cohort on each process holding one of its subscribers.
    const cohortReach = apis.flatMap((_, process) =>
      queries
        .filter((query) => subscribers.subscribers.some((s) => s.process === process && s.query === query))
        .map((query) => ({ reach: reach[query.index] })),
    );

    const polling = await pollingRound(apis[0], queries);
    const start = await feedStart(apis[0].httpUrl, pool);
    feedWatch.open(
      apis.map((api) => api.wsUrl),
      start.cursor,
      settings.feedSubscribers,
    );
    await feedWatch.connected(30_000);
    await notices.start(settings.url);

    log(`idle for ${settings.idleSeconds} s`);
    const idleStart = snapshot(apis);
    await sleep(settings.idleSeconds * 1000);
    const idleEnd = snapshot(apis);

    log(`writing ${settings.rate} changes a second for ${settings.seconds} s`);
    const metricsBefore = await liveMetrics(apis);
    const phaseStart = snapshot(apis);
    const noticesBefore = notices.notices.length;
    const writer = new Writer(apis[0].httpUrl, secret, markers, targets);
    await writer.run(settings.rate, settings.seconds);
    const writerEnd = performance.now();
    await settle(subscribers, writer.commits, Math.max(1000, 4 * settings.throttleMs), 60_000);
    const phaseEnd = snapshot(apis);
    const metricsAfter = await liveMetrics(apis);
    const phaseNotices = notices.notices.slice(noticesBefore);

    const feed = await readFeed(apis[0].httpUrl, start.cursor);
    await feedWatch.caughtUp(feed.length, 20_000);
    const feedCheck = await checkFeed(pool, start.auditSeq, feed, feedWatch.subscribers);
    const peakRssMb = apis.map((api) => api.served.peakRss() / 2 ** 20);

    const committed = writer.commits.filter((c) => c && c.committedAt !== null);
    const commits = committed.length;
    // The register version each commit moved to, from the feed (record and version name the change).
    const versions = new Map(
      feed.map((entry) => [`${entry.recordId} ${entry.recordVersion}`, commitVersionOf(entry.cursor)]),
    );
    const byId = new Map(targets.map((t) => [t.record, t.id]));
    const commitLog = writer.commits.map((c) => ({
      write: c.write,
      kind: c.kind,
      record: c.record,
      sentMs: c.sentAt - phaseStart.at,
      committedMs: c.committedAt === null ? null : c.committedAt - phaseStart.at,
      recordVersion: c.recordVersion,
      registerVersion: versions.get(`${byId.get(c.record)} ${c.recordVersion}`) ?? null,
      statements: c.statements,
      error: c.error,
    }));
    const d = delays(subscribers.subscribers, writer.commits, phaseStart.at, phaseEnd.at);
    const phaseSeconds = (phaseEnd.at - phaseStart.at) / 1000;
    const idleSeconds = (idleEnd.at - idleStart.at) / 1000;
    const idleRate = (sum(idleEnd.statements) - sum(idleStart.statements)) / idleSeconds;
    const phaseStatements = sum(phaseEnd.statements) - sum(phaseStart.statements);
    const caused = phaseStatements - idleRate * phaseSeconds;
    const writeStatements = sum(committed.map((c) => c.statements));
    const live = caused - writeStatements;
    const idleCpu = (sum(idleEnd.cpu) - sum(idleStart.cpu)) / idleSeconds;
    const phaseCpu = sum(phaseEnd.cpu) - sum(phaseStart.cpu);
    const idlePostgres = postgresCpuBetween(idleStart.postgres, idleEnd.postgres) / idleSeconds;
    const phasePostgres = postgresCpuBetween(phaseStart.postgres, phaseEnd.postgres);
    const delta = (name: string) => sum(metricsAfter.map((m, i) => m[name] - metricsBefore[i][name]));
    const executions = delta('live_cohort_executions_total');
    const pollingOverPhase = processes * polling.statements * phaseSeconds;
    const perChange = (value: number) => (commits ? value / commits : 0);
    const result: LiveResult = {
      processes,
      connections: settings.connections,
      subscribers: subscribers.subscribers.length,
      liveQueries: queries.length,
      cohorts,
      throttleMs: settings.throttleMs,
      writeSeconds: (writerEnd - phaseStart.at) / 1000,
      phaseSeconds,
      commits,
      writeErrors: writer.commits.filter((c) => c && c.error).map((c) => `write ${c.write} (${c.record}): ${c.error}`),
      latencyMs: {
        pushP50: percentile(d.perPush, 50),
        pushP99: percentile(d.perPush, 99),
        sincePreviousP50: percentile(d.perPushSincePrevious, 50),
        sincePreviousP99: percentile(d.perPushSincePrevious, 99),
        commitToLastP50: percentile(d.perCommitLast, 50),
        commitToLastP99: percentile(d.perCommitLast, 99),
      },
      pushes: {
        received: d.pushes,
        withoutNewWrite: d.pushesWithoutNewWrite,
        perChange: perChange(delta('live_pushes_total')),
        metric: delta('live_pushes_total'),
      },
      subscribersPerCommit: d.subscribersPerCommit,
      commitsSeenByNone: d.commitsSeenByNone,
      staleAtEnd: d.staleAtEnd,
      executions: {
        total: executions,
        perChange: perChange(executions),
        affectedCohortsPerChange: perChange(affectedCohorts(phaseNotices, cohortReach)),
        notices: phaseNotices.length,
      },
      statements: {
        idlePerSecond: idleRate,
        writePhase: phaseStatements,
        perChange: perChange(caused),
        writesPerChange: perChange(writeStatements),
        livePerChange: perChange(live),
        live,
      },
      polling: {
        statementsPerRound: polling.statements,
        headerStatementsPerRound: polling.headerStatements,
        perQueryMean: polling.statements / queries.length,
        statementsOverPhase: pollingOverPhase,
        ratio: pollingOverPhase ? live / pollingOverPhase : 0,
        errors: polling.errors,
      },
      cpu: {
        coresUsed: phaseCpu / phaseSeconds,
        idleCoresUsed: idleCpu,
        msPerChange: perChange((phaseCpu - idleCpu * phaseSeconds) * 1000),
        perProcessCoresUsed: apis.map((_, i) => (phaseEnd.cpu[i] - phaseStart.cpu[i]) / phaseSeconds),
        benchCoresUsed: (phaseEnd.bench - phaseStart.bench) / phaseSeconds,
        otherCoresUsed:
          (phaseEnd.machine - phaseStart.machine - phaseCpu - phasePostgres - (phaseEnd.bench - phaseStart.bench)) /
          phaseSeconds,
        machineCores: os.cpus().length,
        postgresCoresUsed: phasePostgres / phaseSeconds,
        postgresIdleCoresUsed: idlePostgres,
        postgresMsPerChange: perChange((phasePostgres - idlePostgres * phaseSeconds) * 1000),
      },
      peakRssMb,
      feed: feedCheck,
      problems: [
        ...subscribers.problems(),
        ...feedWatch.subscribers.flatMap((s) => s.errors.map((e) => `feed subscriber ${s.index}: ${e}`)),
        ...apis.flatMap((api) => api.proxy.failures.map((f) => `${api.served.name} proxy: ${f}`)),
      ],
    };
    log(
      `${processes} process(es): ${commits} changes, push p99 ${result.latencyMs.pushP99?.toFixed(0)} ms, commit→last p99 ${result.latencyMs.commitToLastP99?.toFixed(0)} ms, ${result.executions.perChange.toFixed(1)} executions/change, feed missed ${feedCheck.missed} dup ${feedCheck.duplicated}, ${result.problems.length} problems`,
    );
    return Object.assign(result, {
      commitLog,
      pushesPerSubscriber: subscribers.subscribers.map((s) => s.answers.length),
    });
  } finally {
    await subscribers.close().catch(() => undefined);
    await feedWatch.close().catch(() => undefined);
    await notices.stop().catch(() => undefined);
    await stopApis(apis);
  }
}

async function run(): Promise<void> {
  const args = new Args(process.argv.slice(2), [
    'database-url',
    'duration',
    'rate',
    'processes',
    'connections',
    'per-connection',
    'queries',
    'throttle',
    'pool-size',
    'render',
    'quick',
    'readme',
    'out',
    'api-root',
  ]);
  const rendered = args.string('render', '');
  if (rendered) return render(rendered, args.flag('readme'));
  const quick = args.flag('quick');
  const settings: Settings = {
    url: args.string('database-url', databaseUrl(DEFAULT_ADMIN_URL, 'bench')),
    apiRoot: path.resolve(args.string('api-root', ROOT)),
    seconds: args.number('duration', quick ? 10 : 60, 1, 600),
    idleSeconds: quick ? 3 : 10,
    rate: args.number('rate', 10, 0.1, 100),
    connections: args.number('connections', 100, 1, 1000),
    perConnection: args.number('per-connection', 10, 1, 100),
    throttleMs: args.number('throttle', 250, 0, 60_000),
    poolSize: args.number('pool-size', 10, 1, 100),
    feedSubscribers: 5,
  };
  const processCounts = args.list('processes', ['1', '2']).map(Number);
  if (processCounts.some((n) => !Number.isInteger(n) || n < 1 || n > 8))
    throw new Error('--processes must list numbers of API processes from 1 to 8, such as 1,2');
  const queryCount = args.number('queries', 100, 1, 1000);

  const pool = new Pool({ connectionString: settings.url, max: 2 });
  const results: LiveResult[] = [];
  let version = '';
  try {
    version = (await pool.query('SELECT version()')).rows[0].version;
    const samples = await drawSamples(pool, 'bench', 200);
    const schema = readFileSync(path.join(ROOT, 'schema.graphql'), 'utf8');
    const mix = [...MIX, ...(/^\s+search\(/m.test(schema) ? [SEARCH] : [])];
    const secret = await makeAdminKey(pool);
    // Second pages need a first page's cursor: asked of an API started for that alone.
    const apis = await startApis(1, settings.apiRoot, settings.url, settings.throttleMs, settings.poolSize);
    try {
      const agreements = MIX.find((query) => query.name === 'agreements page')!;
      await findNextPages(samples, apis[0].httpUrl, null, agreements.api, agreements.peer!);
    } finally {
      await stopApis(apis);
    }
    const usable = mix.filter((query) => query.name !== 'agreements next page' || samples.nextPages.length > 0);
    const queries = pickLiveQueries(usable, samples, queryCount);
    for (const processes of processCounts) results.push(await measure(processes, settings, queries, secret, pool));
  } finally {
    await pool.end();
  }

  const dataFile = path.join(ROOT, `bench/.work/data-${new URL(settings.url).pathname.slice(1)}.json`);
  const data = existsSync(dataFile) ? JSON.parse(readFileSync(dataFile, 'utf8')) : null;
  const extra = process.argv.slice(2).filter((arg) => arg !== '--readme');
  const command = `npm run bench:live${extra.length ? ` -- ${extra.join(' ')}` : ''}`;
  const judged = goals(results);
  const markdown = table(results);
  const report = {
    date: new Date().toISOString(),
    command,
    machine: machine(version),
    data,
    settings: { ...settings, processes: processCounts, queries: queryCount },
    // Problems by kind with their counts (a thousand subscribers under overload give thousands).
    results: results.map(compacted),
    goals: judged,
  };
  process.stdout.write(`\n${markdown}\n\n${goalLines(judged).join('\n')}\n`);
  const failures = results.flatMap((r) => [
    ...(r.feed.missed || r.feed.duplicated
      ? [`${r.processes} process(es): feed missed ${r.feed.missed}, duplicated ${r.feed.duplicated}`]
      : []),
    ...r.feed.subscribers
      .filter((s) => s.outOfOrder || s.extra)
      .map(
        (s) =>
          `${r.processes} process(es): feed subscriber ${s.index}: ${s.outOfOrder ? 'out of order' : `${s.extra} extra changes`}`,
      ),
    ...r.problems.map((p) => `${r.processes} process(es): ${p}`),
    ...r.writeErrors.map((e) => `${r.processes} process(es): ${e}`),
  ]);
  // Each kind of problem once, with its count (so in the results JSON, with examples).
  for (const failure of grouped(failures)) process.stdout.write(`FAILED: ${failure}\n`);

  const resultsDirectory = path.join(ROOT, 'bench/results');
  mkdirSync(resultsDirectory, { recursive: true });
  const out = args.string(
    'out',
    path.join(resultsDirectory, `live-${report.date.slice(0, 10)}${quick ? '-quick' : ''}.json`),
  );
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`results: ${path.relative(ROOT, out)}\n`);
  if (args.flag('readme'))
    updateReadme(ROOT, report.machine, data, command, markdown, goalLines(judged), results, report.date);
  if (failures.length) process.exitCode = 1;
}

/** Prints (and with --readme writes) the table of an earlier run's results JSON, judged again. */
function render(file: string, readme: boolean): void {
  const report = JSON.parse(readFileSync(path.resolve(file), 'utf8'));
  const results: CompactedResult[] = report.results;
  const judged = goals(results);
  const markdown = table(results);
  process.stdout.write(`\n${markdown}\n\n${goalLines(judged).join('\n')}\n`);
  if (readme)
    updateReadme(ROOT, report.machine, report.data, report.command, markdown, goalLines(judged), results, report.date);
}

run().catch((error: unknown) => {
  process.stderr.write(`bench:live failed: ${(error as Error)?.stack ?? error}\n`);
  process.exit(1);
});
