import { MixQuery } from '../mix';
import { firstDifference } from './compare';
import { body, post } from './graphql-client';
import { CpuSpent, cpuSpent } from './cpu';
import { CpuMeter } from './cpu-meter';
import { drive, LoadResult } from './load';
import { freePort, Served } from './processes';
import { Samples } from './samples';
import { startApi } from './targets';

/** One row set of the scale-out run: N API processes on the primary, maybe reading from replicas. */
export interface ScaleConfiguration {
  label: string;
  processes: number;
  replicaUrls: string[];
}

/** What one query cost in one configuration. CPU in clock ticks, null where it could not be read. */
export interface ScaleRow {
  configuration: string;
  processes: number;
  replicas: number;
  query: string;
  load: LoadResult;
  ticks: CpuSpent;
  /** 5 samples asked of every process, compared with the first configuration's answers. */
  answers: { compared: number; equal: number; firstDifference: string | null };
}

const MAX_PROCESSES = 16;

/** `--processes 1,2,3`: distinct whole numbers of API processes, 1 to 16, in the order given. */
export function parseProcessCounts(text: string): number[] {
  const items = text.split(',').map((item) => item.trim());
  const counts = items.map(Number);
  if (!items.length || counts.some((n, i) => !/^\d+$/.test(items[i]) || n < 1 || n > MAX_PROCESSES))
    throw new Error(
      `--processes must be a list of whole numbers from 1 to ${MAX_PROCESSES}, like 1,2,3 (got "${text}")`,
    );
  if (new Set(counts).size !== counts.length) throw new Error(`--processes lists a number twice (got "${text}")`);
  return counts;
}

/** `--shared-budget redis` puts the rate budget in Redis; `none` (the default) keeps it in each process. */
export function parseSharedBudget(text: string): 'none' | 'redis' {
  if (text === 'none' || text === 'redis') return text;
  throw new Error(`--shared-budget must be "none" or "redis" (got "${text}")`);
}

/** The row sets: each process count on the primary alone, then the largest with the replica. */
export function configurations(counts: readonly number[], replicaUrl: string | null): ScaleConfiguration[] {
  const label = (n: number) => `${n} process${n === 1 ? '' : 'es'}`;
  const alone = counts.map((n) => ({ label: label(n), processes: n, replicaUrls: [] as string[] }));
  if (!replicaUrl) return alone;
  const most = Math.max(...counts);
  return [...alone, { label: `${label(most)} + 1 replica`, processes: most, replicaUrls: [replicaUrl] }];
}

/** The settings each API process of a configuration gets on top of the single API's. */
export function apiSettings(configuration: ScaleConfiguration, sharedBudget: 'none' | 'redis'): Record<string, string> {
  return {
    ...(configuration.replicaUrls.length ? { DATABASE_REPLICA_URLS: configuration.replicaUrls.join(',') } : {}),
    ...(sharedBudget === 'redis' ? { REDIS_URL: 'redis://127.0.0.1:6379', RATE_BUDGET_STORE: 'redis' } : {}),
  };
}

export interface ScaleOptions {
  apiRoot: string;
  databaseUrl: string;
  poolSize: number;
  sharedBudget: 'none' | 'redis';
  mix: readonly MixQuery[];
  samples: Samples;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  /** Called once the first configuration's processes answer (to find next-page cursors). */
  prepare(apiUrl: string): Promise<void>;
  usable(query: MixQuery): boolean;
  log(message: string): void;
}

async function startProcesses(options: ScaleOptions, configuration: ScaleConfiguration): Promise<Served[]> {
  const extra = apiSettings(configuration, options.sharedBudget);
  const started: Served[] = [];
  try {
    for (let i = 0; i < configuration.processes; i++)
      started.push(
        await startApi(options.apiRoot, options.databaseUrl, options.poolSize, false, await freePort(), extra),
      );
    return started;
  } catch (error) {
    await Promise.all(started.map((served) => served.stop()));
    throw error;
  }
}

/** Each process's answers to 5 samples of `query`, as JSON of data and errors (extensions vary). */
async function answers(urls: readonly string[], query: MixQuery, samples: Samples): Promise<string[][]> {
  return Promise.all(
    urls.map(async (url) => {
      const texts: string[] = [];
      for (let i = 0; i < 5; i++) {
        const { data, errors } = await post(url, query.api, query.variables(samples, i));
        texts.push(JSON.stringify({ data, errors }));
      }
      return texts;
    }),
  );
}

function compareAnswers(reference: string[], perProcess: string[][]): ScaleRow['answers'] {
  const result = { compared: 0, equal: 0, firstDifference: null as string | null };
  perProcess.forEach((texts, process) =>
    texts.forEach((text, i) => {
      result.compared += 1;
      const difference = firstDifference(JSON.parse(text), JSON.parse(reference[i]));
      if (difference === null) result.equal += 1;
      else result.firstDifference ??= `process ${process + 1}, sample ${i}: ${difference}`;
    }),
  );
  return result;
}

/**
 * Runs every configuration in turn: starts its API processes (each on its own port, the single
 * API's environment plus the configuration's settings), checks their answers, then drives each
 * query of the mix across them and charges the CPU spent meanwhile to the requests served.
 */
export async function runScaleOut(options: ScaleOptions, sets: readonly ScaleConfiguration[]): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  const reference = new Map<string, string[]>();
  for (const [index, configuration] of sets.entries()) {
    const processes = await startProcesses(options, configuration);
    let meter: CpuMeter | null = null;
    try {
      const urls = processes.map((served) => served.url);
      if (index === 0) await options.prepare(urls[0]);
      meter = await CpuMeter.open(
        processes.map((served) => served.pid),
        options.databaseUrl,
        configuration.replicaUrls,
      );
      for (const query of options.mix) {
        if (!options.usable(query)) continue;
        const given = await answers(urls, query, options.samples);
        if (!reference.has(query.name)) reference.set(query.name, given[0]);
        const bodies = Array.from({ length: 200 }, (_, i) => body(query.api, query.variables(options.samples, i)));
        if (options.warmupSeconds) await drive(urls, bodies, options.connections, options.warmupSeconds);
        const before = await meter.read();
        const load = await drive(urls, bodies, options.connections, options.seconds);
        const ticks = cpuSpent(before, await meter.read());
        rows.push({
          configuration: configuration.label,
          processes: configuration.processes,
          replicas: configuration.replicaUrls.length,
          query: query.name,
          load,
          ticks,
          answers: compareAnswers(reference.get(query.name)!, given),
        });
        options.log(
          `${configuration.label} / ${query.name}: ${load.requestsPerSecond.toFixed(0)} req/s, p99 ${load.latencyMs.p99.toFixed(1)} ms, errors ${load.errors}`,
        );
      }
    } finally {
      await meter?.close();
      await Promise.all(processes.map((served) => served.stop()));
    }
  }
  return rows;
}
