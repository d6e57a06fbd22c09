import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LoadResult } from './load';

export type Target = 'api' | 'floor' | 'postgraphile';

export interface Measured extends LoadResult {
  peakRssBytes: number;
}

export interface QueryResult {
  name: string;
  contract: string;
  depth: number;
  /** The issue's target, which CI enforces: nesting depth + 1 statements per request. */
  statementBound: number;
  results: Partial<Record<Target, Measured>>;
  /** Sample answers of the API compared with the floor's: equal JSON, or the first difference. */
  floorCheck: { compared: number; equal: number; firstDifference: string | null };
}

export function machine(postgres: string): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cpu: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown'}`,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: postgres.split(' on ')[0],
  };
}

const fixed = (value: number, digits = 0) => value.toFixed(digits);
const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? `${(a / b).toFixed(2)}` : '—');

/** The results as a Markdown table: the API's figures, then its ratios to the floor and the peer. */
export function table(queries: readonly QueryResult[]): string {
  const lines = [
    '| query (contract) | API req/s | p50 ms | p95 ms | p99 ms | SQL/req (bound: depth+1) | errors | API peak MB | floor req/s | thr. / floor | p99 / floor | PostGraphile req/s | thr. / PG | p99 / PG |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const query of queries) {
    const { api, floor, postgraphile: peer } = query.results;
    const statements = api?.statements
      ? api.statements.min === api.statements.max
        ? `${api.statements.max}`
        : `${api.statements.min}–${api.statements.max}`
      : '—';
    lines.push(
      `| ${query.name} (${query.contract}) | ${api ? fixed(api.requestsPerSecond) : '—'} | ${api ? fixed(api.latencyMs.p50, 1) : '—'} | ${api ? fixed(api.latencyMs.p95, 1) : '—'} | ${api ? fixed(api.latencyMs.p99, 1) : '—'} | ${statements} (${query.statementBound}) | ${api?.errors ?? '—'} | ${api ? fixed(api.peakRssBytes / 2 ** 20) : '—'} | ${floor ? fixed(floor.requestsPerSecond) : '—'} | ${ratio(api?.requestsPerSecond, floor?.requestsPerSecond)} | ${ratio(api?.latencyMs.p99, floor?.latencyMs.p99)} | ${peer ? fixed(peer.requestsPerSecond) : '—'} | ${ratio(api?.requestsPerSecond, peer?.requestsPerSecond)} | ${ratio(api?.latencyMs.p99, peer?.latencyMs.p99)} |`,
    );
  }
  return lines.join('\n');
}

/**
 * Which of the issue's targets each query misses. CI fails only on errors and on statement
 * counts above depth + 1 (an N+1 read, or relations of one level read apart); times are misses.
 */
export function verdicts(queries: readonly QueryResult[]): { failures: string[]; misses: string[] } {
  const failures: string[] = [];
  const misses: string[] = [];
  for (const query of queries) {
    const { api, floor } = query.results;
    if (!api) continue;
    if (api.errors > 0) failures.push(`${query.name}: ${api.errors} errors (${api.firstError})`);
    if (floor && floor.errors > 0)
      failures.push(`${query.name}: the floor answered ${floor.errors} errors (${floor.firstError})`);
    if (api.statements && api.statements.max > query.statementBound) {
      failures.push(
        `${query.name}: ${api.statements.max} SQL statements per request, above depth ${query.depth} + 1 = ${query.statementBound}`,
      );
    }
    if (floor && api.requestsPerSecond < 0.5 * floor.requestsPerSecond)
      misses.push(
        `${query.name}: ${ratio(api.requestsPerSecond, floor.requestsPerSecond)} of the floor's throughput (target ≥ 0.50)`,
      );
    if (api.latencyMs.p99 >= 50) misses.push(`${query.name}: p99 ${fixed(api.latencyMs.p99, 1)} ms (target < 50 ms)`);
    if (api.peakRssBytes >= 350 * 2 ** 20)
      misses.push(`${query.name}: peak memory ${fixed(api.peakRssBytes / 2 ** 20)} MB (target < 350 MB)`);
    if (query.floorCheck.equal < query.floorCheck.compared)
      misses.push(`${query.name}: the floor's JSON differs from the API's (${query.floorCheck.firstDifference})`);
  }
  return { failures, misses };
}

/** "Machine: cpu …; memoryGb …." — the first line of every results section of bench/README.md. */
export function machineLine(machineInfo: Record<string, unknown>): string {
  return `Machine: ${Object.entries(machineInfo)
    .map(([key, value]) => `${key} ${value}`)
    .join('; ')}.`;
}

/**
 * Replaces a results section of bench/README.md, from `<!-- marker:start -->` to
 * `<!-- marker:end -->`, with `lines` between the two markers.
 */
export function replaceReadmeSection(root: string, marker: string, lines: string[]): void {
  const file = path.join(root, 'bench/README.md');
  const text = readFileSync(file, 'utf8');
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  if (!text.includes(start)) throw new Error(`bench/README.md has no ${start} marker`);
  const section = [start, ...lines, end].join('\n');
  writeFileSync(file, text.replace(new RegExp(`${start}[\\s\\S]*${end}`), section));
}
