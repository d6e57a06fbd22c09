import { ScaleRow } from './cluster';
import { msPerRequest } from './cpu';

const fixed = (value: number | null, digits = 0) => (value === null ? '—' : value.toFixed(digits));

/** Throughput and p99 of each query, one column pair per configuration, in run order. */
export function throughputTable(rows: readonly ScaleRow[]): string {
  const sets = [...new Set(rows.map((row) => row.configuration))];
  const queries = [...new Set(rows.map((row) => row.query))];
  const lines = [
    `| query | ${sets.map((set) => `${set}: req/s | p99 ms`).join(' | ')} |`,
    `|---|${sets.map(() => '---:|---:').join('|')}|`,
  ];
  for (const query of queries) {
    const cells = sets.map((set) => {
      const row = rows.find((candidate) => candidate.configuration === set && candidate.query === query);
      return row ? `${fixed(row.load.requestsPerSecond)} | ${fixed(row.load.latencyMs.p99, 1)}` : '— | —';
    });
    lines.push(`| ${query} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Sums of requests and ticks over rows (a configuration's whole run); null parts stay null. */
export function totals(rows: readonly ScaleRow[]): Pick<ScaleRow, 'ticks'> & { requests: number } {
  const sum = (pick: (row: ScaleRow) => number | null) =>
    rows.some((row) => pick(row) === null) ? null : rows.reduce((total, row) => total + pick(row)!, 0);
  return {
    requests: rows.reduce((total, row) => total + row.load.requests, 0),
    ticks: {
      api: sum((row) => row.ticks.api)!,
      primary: sum((row) => row.ticks.primary),
      primaryBackends: sum((row) => row.ticks.primaryBackends),
      replicas: sum((row) => row.ticks.replicas),
      replicaBackends: sum((row) => row.ticks.replicaBackends),
    },
  };
}

/**
 * CPU per request of each query in each configuration: the API processes (summed); on the
 * primary and on the replica, the bench database's backends and the whole cluster (every
 * process, other databases' sessions, WAL senders and replay included); then each
 * configuration's whole run.
 */
export function cpuTable(rows: readonly ScaleRow[], hz: number): string {
  const lines = [
    '| configuration | query | requests | errors | answers = first run | API ms/req | primary: backends ms/req | primary: cluster ms/req | replica: backends ms/req | replica: cluster ms/req |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const line = (
    set: string,
    query: string,
    requests: number,
    errors: string,
    answers: string,
    ticks: ScaleRow['ticks'],
  ) =>
    `| ${set} | ${query} | ${requests} | ${errors} | ${answers} | ${[ticks.api, ticks.primaryBackends, ticks.primary, ticks.replicaBackends, ticks.replicas].map((spent) => fixed(msPerRequest(spent, hz, requests), 2)).join(' | ')} |`;
  for (const set of new Set(rows.map((row) => row.configuration))) {
    const mine = rows.filter((row) => row.configuration === set);
    for (const row of mine)
      lines.push(
        line(
          set,
          row.query,
          row.load.requests,
          String(row.load.errors),
          `${row.answers.equal}/${row.answers.compared}`,
          row.ticks,
        ),
      );
    const all = totals(mine);
    lines.push(
      line(
        set,
        '**all queries**',
        all.requests,
        String(mine.reduce((n, row) => n + row.load.errors, 0)),
        '',
        all.ticks,
      ),
    );
  }
  return lines.join('\n');
}

/** What fails the run: errors, and answers that differ from the first configuration's. */
export function scaleFailures(rows: readonly ScaleRow[]): string[] {
  const failures: string[] = [];
  for (const row of rows) {
    if (row.load.errors > 0)
      failures.push(`${row.configuration} / ${row.query}: ${row.load.errors} errors (${row.load.firstError})`);
    if (row.answers.equal < row.answers.compared)
      failures.push(
        `${row.configuration} / ${row.query}: answers differ from the first run's (${row.answers.firstDifference})`,
      );
  }
  return failures;
}
