import { FeedCheck } from './feed-check';

/** Everything one configuration (one or two API processes) measured. */
export interface LiveResult {
  processes: number;
  connections: number;
  subscribers: number;
  liveQueries: number;
  /** live_cohorts summed over the processes once every subscriber had its first answer. */
  cohorts: number;
  throttleMs: number;
  /** The writer's time, and the write phase's (the writer plus the wait for the last pushes). */
  writeSeconds: number;
  phaseSeconds: number;
  commits: number;
  writeErrors: string[];
  latencyMs: {
    pushP50: number | null;
    pushP99: number | null;
    sincePreviousP50: number | null;
    sincePreviousP99: number | null;
    commitToLastP50: number | null;
    commitToLastP99: number | null;
  };
  pushes: { received: number; withoutNewWrite: number; perChange: number; metric: number };
  subscribersPerCommit: number;
  commitsSeenByNone: number;
  staleAtEnd: number;
  executions: { total: number; perChange: number; affectedCohortsPerChange: number; notices: number };
  statements: {
    idlePerSecond: number;
    writePhase: number;
    perChange: number;
    /** The mutations' own (their x-sql-statements headers). */
    writesPerChange: number;
    /** The rest: what serving the live queries cost. */
    livePerChange: number;
    live: number;
  };
  polling: {
    /** Statements of one execution of each live query, summed over the 100 (proxy count). */
    statementsPerRound: number;
    /** The same round by the API's own x-sql-statements headers: a check of the proxy's count. */
    headerStatementsPerRound?: number;
    perQueryMean: number;
    /** What pollers (one per process, as Hasura runs one per instance) send over the phase. */
    statementsOverPhase: number;
    /** Live statements / polling statements. */
    ratio: number;
    errors: number;
  };
  cpu: {
    coresUsed: number;
    idleCoresUsed: number;
    msPerChange: number;
    perProcessCoresUsed: number[];
    /** The bench's own process (subscribers, writer, proxies), which shares the machine. */
    benchCoresUsed: number;
    /** Every postgres process of the machine (the database is on it), per second, while idle, per change. */
    postgresCoresUsed: number;
    postgresIdleCoresUsed: number;
    postgresMsPerChange: number;
    /** What the rest of the machine used meanwhile: other processes than the API's, PostgreSQL's and the bench's. */
    otherCoresUsed: number;
    machineCores: number;
  };
  peakRssMb: number[];
  feed: FeedCheck;
  /** Every subscriber error, unexpected close or proxy failure, one line each. */
  problems: string[];
}

/** A result as the results JSON keeps it: the problems counted by kind, with the first few as they came. */
export interface CompactedResult extends Omit<LiveResult, 'problems'> {
  problemCount: number;
  problemKinds: string[];
  problemExamples: string[];
}

export function compacted(result: LiveResult): CompactedResult {
  const { problems, ...rest } = result;
  return {
    ...rest,
    problemCount: problems.length,
    problemKinds: grouped(problems),
    problemExamples: problems.slice(0, 20),
  };
}

/** The number of problems of a result, whole or compacted. */
function problemCount(result: LiveResult | CompactedResult): number {
  return 'problems' in result ? result.problems.length : result.problemCount;
}

const fixed = (value: number | null | undefined, digits = 0) =>
  value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);

export const COLUMNS: Array<[string, string]> = [
  ['API processes', 'processes serving the subscribers (the writer writes through the first)'],
  [
    'subscribers (connections) / cohorts',
    'live-query subscriptions, the WebSockets holding them, and the cohorts the servers formed (live_cohorts)',
  ],
  ['changes', 'commits the writer made in the run (its mutations answered without errors)'],
  ['push p50 / p99 ms', 'per push: from the commit of the oldest write it newly reflects to its arrival'],
  [
    'since previous p50 / p99 ms',
    "per push: from the first commit (of any write) after the subscriber's previous answer to its arrival, the plain reading (high when that write does not concern the query, low when the push reflects a write committed before the previous answer)",
  ],
  ['commit → last push p50 / p99 ms', 'per commit: to the last push reflecting it, over every subscriber'],
  [
    'executions / change (affected cohorts)',
    "live_cohort_executions_total during the phase / changes; in brackets the cohorts the notices concern by the API's relevance rule, per change",
  ],
  ['pushes / change', 'live_pushes_total during the phase / changes'],
  [
    'SQL / change (writes, live)',
    "statements through the proxies during the phase minus the idle rate, per change; the mutations' own and the rest",
  ],
  [
    'live SQL / polling SQL',
    'live statements of the phase / what a poller sending each distinct query once a second would send',
  ],
  ['API CPU cores (idle)', "API processes' utime+stime per second of the phase, summed (and while idle)"],
  ['API CPU ms / change', 'their CPU in the phase minus the idle rate, per change'],
  ['PostgreSQL CPU cores / ms per change', 'the same for every postgres process of the machine'],
  [
    'bench / other CPU cores',
    'the bench process (subscribers, writer, proxies), and every other process of the machine, per second of the phase (of the cores it has)',
  ],
  ['peak RSS MB', "each process's VmHWM over the run"],
  ['feed missed / dup.', 'registerChanged subscribers and the paged feed against the audit log'],
  ['errors', 'subscriber errors and unexpected closes, failed writes'],
];

export function table(results: ReadonlyArray<LiveResult | CompactedResult>): string {
  const lines = [
    `| ${COLUMNS.map(([name]) => name).join(' | ')} |`,
    `|${COLUMNS.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
  ];
  for (const r of results) {
    const cells = [
      `${r.processes}`,
      `${r.subscribers} (${r.connections}) / ${r.cohorts}`,
      `${r.commits}`,
      `${fixed(r.latencyMs.pushP50)} / ${fixed(r.latencyMs.pushP99)}`,
      `${fixed(r.latencyMs.sincePreviousP50)} / ${fixed(r.latencyMs.sincePreviousP99)}`,
      `${fixed(r.latencyMs.commitToLastP50)} / ${fixed(r.latencyMs.commitToLastP99)}`,
      `${fixed(r.executions.perChange, 1)} (${fixed(r.executions.affectedCohortsPerChange, 1)})`,
      `${fixed(r.pushes.perChange, 1)}`,
      `${fixed(r.statements.perChange, 1)} (${fixed(r.statements.writesPerChange, 1)}, ${fixed(r.statements.livePerChange, 1)})`,
      `${fixed(r.polling.ratio, 2)}`,
      `${fixed(r.cpu.coresUsed, 2)} (${fixed(r.cpu.idleCoresUsed, 2)})`,
      `${fixed(r.cpu.msPerChange, 1)}`,
      `${fixed(r.cpu.postgresCoresUsed, 2)} / ${fixed(r.cpu.postgresMsPerChange, 0)}`,
      `${fixed(r.cpu.benchCoresUsed, 2)} / ${fixed(r.cpu.otherCoresUsed, 2)} (of ${r.cpu.machineCores})`,
      r.peakRssMb.map((mb) => fixed(mb)).join(', '),
      `${r.feed.missed} / ${r.feed.duplicated}`,
      `${problemCount(r) + r.writeErrors.length}`,
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

export interface Goal {
  goal: string;
  results: Array<{ processes: number; met: boolean; figure: string }>;
}

/** The issue's goals, each judged for each configuration. */
export function goals(results: ReadonlyArray<LiveResult | CompactedResult>): Goal[] {
  const judge = (goal: string, test: (r: LiveResult | CompactedResult) => [boolean, string]): Goal => ({
    goal,
    results: results.map((r) => {
      const [met, figure] = test(r);
      return { processes: r.processes, met, figure };
    }),
  });
  return [
    judge("p99 from commit to the last affected subscriber's push < 250 ms + the throttle", (r) => [
      r.latencyMs.commitToLastP99 !== null && r.latencyMs.commitToLastP99 < 250 + r.throttleMs,
      `${fixed(r.latencyMs.commitToLastP99)} ms; goal < ${250 + r.throttleMs} ms`,
    ]),
    judge('re-executions per change ≤ affected cohorts per change', (r) => [
      r.executions.perChange <= r.executions.affectedCohortsPerChange,
      `${fixed(r.executions.perChange, 2)}; goal ≤ ${fixed(r.executions.affectedCohortsPerChange, 2)}`,
    ]),
    judge('0 missed and 0 duplicated changes in the feed', (r) => [
      r.feed.missed === 0 && r.feed.duplicated === 0 && r.feed.subscribers.every((s) => !s.outOfOrder && s.extra === 0),
      `${r.feed.missed} missed, ${r.feed.duplicated} duplicated over ${r.feed.auditEntries} audit entries × ${r.feed.subscribers.length} subscribers`,
    ]),
    judge('RSS < 350 MB (each process)', (r) => [
      r.peakRssMb.every((mb) => mb < 350),
      `${r.peakRssMb.map((mb) => fixed(mb)).join(', ')} MB; goal < 350 MB`,
    ]),
  ];
}

export function goalLines(list: readonly Goal[]): string[] {
  return list.map(
    (goal) =>
      `- ${goal.goal}: ${goal.results
        .map((r) => `${r.processes} process${r.processes > 1 ? 'es' : ''} ${r.met ? 'met' : 'MISSED'} (${r.figure})`)
        .join('; ')}`,
  );
}

/** Problems grouped by their text without numbers and ids, most frequent first. */
export function grouped(problems: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const problem of problems) {
    const key = problem
      .replace(/(subscriber|connection|write) \d+( \([^)]*\))?/g, '$1 N')
      .replace(/"locations":\[[^\]]*\],"path":\[[^\]]*\],/g, '')
      .slice(0, 240);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([key, count]) => `${count} × ${key}`);
}
