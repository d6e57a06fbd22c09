import { MemoryCase } from './cases';

/** The targets: under 64 MB for an accepted filter; a refusal costs no SQL, under a second, no database memory. */
export const ACCEPTED_MAX_MB = 64;
export const REFUSED_MAX_MS = 1000;
/** Below this the backend did nothing measurable (a page or two of stack and allocator slack). */
export const NOTHING_MB = 1;

export interface CaseResult {
  name: string;
  expect: MemoryCase['expect'];
  sent: string;
  status: number;
  errorCode: string | null;
  wallMs: number;
  sqlStatements: number | null;
  rssAnonIncreaseMb: number;
  vmHwmMb: number;
  /** PostgreSQL processes watched: the API's backend and its parallel workers. */
  processes: number;
  samples: number;
  target: 'met' | 'missed';
  note: string | null;
}

export function verdict(expect: MemoryCase['expect'], result: Omit<CaseResult, 'target'>): CaseResult['target'] {
  if (result.note?.includes('terminated')) return 'missed';
  if (expect === 'accepted')
    return result.status === 200 && !result.errorCode && result.rssAnonIncreaseMb < ACCEPTED_MAX_MB ? 'met' : 'missed';
  return result.status === 400 &&
    result.sqlStatements === 0 &&
    result.wallMs < REFUSED_MAX_MS &&
    result.rssAnonIncreaseMb < NOTHING_MB
    ? 'met'
    : 'missed';
}

export function table(results: readonly CaseResult[]): string {
  const lines = [
    '| case | expected | sent | HTTP | error code | wall ms | SQL | backend RssAnon +MB | VmHWM MB | target | note |',
    '|---|---|---|---:|---|---:|---:|---:|---:|---|---|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.name} | ${r.expect} | ${r.sent} | ${r.status || '—'} | ${r.errorCode ?? '—'} | ${r.wallMs.toFixed(0)} | ` +
        `${r.sqlStatements ?? '—'} | ${r.rssAnonIncreaseMb.toFixed(1)} | ${r.vmHwmMb.toFixed(1)} | ${r.target} | ${r.note ?? ''} |`,
    );
  }
  return lines.join('\n');
}
