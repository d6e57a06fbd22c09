import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { Commit } from './writer';
import { Subscriber } from './subscribers';

/** The p-th percentile (0-100) of `values` by nearest rank; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface Delays {
  /** Per push: from the commit of the oldest write it newly reflects to its arrival (ms). */
  perPush: number[];
  /** Per push: from the first commit after the subscriber's previous answer to its arrival (ms): the plain reading. */
  perPushSincePrevious: number[];
  /** Pushes of the write phase, and those that reflect no new write of this run. */
  pushes: number;
  pushesWithoutNewWrite: number;
  /** Per commit seen by any subscriber: from the commit to the last subscriber's push reflecting it (ms). */
  perCommitLast: number[];
  /** Subscribers reflecting each commit, on average over the commits. */
  subscribersPerCommit: number;
  /** Commits no subscriber's answer ever reflected. */
  commitsSeenByNone: number;
  /** Subscribers whose last answer shows a record at an older write than its last one. */
  staleAtEnd: number;
}

/**
 * The delays, from what each subscriber's answers show (markers.ts). A push P to subscriber S
 * *reflects* write i of record R when P shows R at write j >= i (the same record written again
 * later shows only the later write, which supersedes i) and no earlier answer of S did. Then:
 * - per push: P's arrival minus the commit time of the oldest write P newly reflects, i.e. of
 *   the oldest write S had not yet seen among those its answer shows;
 * - per commit: the last arrival of a push reflecting it, over every subscriber, minus its
 *   commit time: "from commit to the last affected subscriber's push";
 * - per push, also the plain reading: from the first commit after S's previous answer,
 *   whatever it wrote, to P's arrival. It reads high for a query that few writes alter (the
 *   first commit after its last answer may not concern it) and low when P reflects a write
 *   committed before S's previous answer whose execution had started earlier.
 * It is an approximation: the commit time is when the mutation's HTTP response reached the
 * bench (the transaction committed before, and its NOTIFY may even beat the response, so a
 * delay can be slightly negative), and the arrival is when the bench's event loop handled the
 * WebSocket message (a busy client adds its own lag).
 */
export function delays(
  subscribers: readonly Subscriber[],
  commits: readonly Commit[],
  writeStart: number,
  phaseEnd: number,
): Delays {
  const committed = commits.filter((c): c is Commit & { committedAt: number } => c?.committedAt != null);
  const byWrite = new Map(committed.map((commit) => [commit.write, commit]));
  const byRecord = new Map<string, number[]>();
  for (const commit of committed) {
    const list = byRecord.get(commit.record) ?? [];
    list.push(commit.write);
    byRecord.set(commit.record, list);
  }
  for (const list of byRecord.values()) list.sort((a, b) => a - b);
  const commitTimes = committed.map((c) => c.committedAt).sort((a, b) => a - b);
  const lastReflected = new Map<number, number>();
  const reflectedBy = new Map<number, number>();
  const result: Delays = {
    perPush: [],
    perPushSincePrevious: [],
    pushes: 0,
    pushesWithoutNewWrite: 0,
    perCommitLast: [],
    subscribersPerCommit: 0,
    commitsSeenByNone: 0,
    staleAtEnd: 0,
  };
  for (const subscriber of subscribers) {
    const seenUpTo = new Map<string, number>();
    let previous: number | undefined;
    for (const answer of subscriber.answers.filter((a) => a.at <= phaseEnd)) {
      const inWritePhase = answer.at >= writeStart && previous !== undefined;
      const reflected: number[] = [];
      for (const { record, write } of answer.shows) {
        const commit = byWrite.get(write);
        if (!commit || commit.record !== record) continue;
        const from = seenUpTo.get(record) ?? -1;
        if (write <= from) continue;
        for (const earlier of byRecord.get(record) ?? [])
          if (earlier > from && earlier <= write) reflected.push(earlier);
        seenUpTo.set(record, write);
      }
      if (inWritePhase) {
        result.pushes++;
        if (reflected.length === 0) result.pushesWithoutNewWrite++;
        else result.perPush.push(answer.at - Math.min(...reflected.map((w) => byWrite.get(w)!.committedAt)));
        const firstAfter = commitTimes.find((time) => time > previous!);
        if (firstAfter !== undefined && firstAfter <= answer.at)
          result.perPushSincePrevious.push(answer.at - firstAfter);
      }
      for (const write of reflected) {
        lastReflected.set(write, Math.max(lastReflected.get(write) ?? -Infinity, answer.at));
        reflectedBy.set(write, (reflectedBy.get(write) ?? 0) + 1);
      }
      previous = answer.at;
    }
    const final = subscriber.answers.filter((a) => a.at <= phaseEnd).pop();
    for (const { record, write } of final?.shows ?? []) {
      const writes = byRecord.get(record);
      if (writes && byWrite.get(write)?.record === record && write !== writes[writes.length - 1]) result.staleAtEnd++;
    }
  }
  for (const commit of committed) {
    const last = lastReflected.get(commit.write);
    if (last === undefined) result.commitsSeenByNone++;
    else result.perCommitLast.push(last - commit.committedAt);
  }
  const reflections = [...reflectedBy.values()].reduce((sum, n) => sum + n, 0);
  result.subscribersPerCommit = committed.length ? reflections / committed.length : 0;
  return result;
}

/** The last committed write of each record. */
function lastWrites(commits: readonly Commit[]): Map<string, number> {
  const last = new Map<string, number>();
  for (const commit of commits)
    if (commit?.committedAt != null) last.set(commit.record, Math.max(last.get(commit.record) ?? -1, commit.write));
  return last;
}

/** Subscribers whose latest answer shows some record at an older write than its last committed one. */
export function staleSubscribers(subscribers: readonly Subscriber[], commits: readonly Commit[]): number {
  const last = lastWrites(commits);
  return subscribers.filter((subscriber) =>
    subscriber.answers[subscriber.answers.length - 1]?.shows.some(
      ({ record, write }) => last.has(record) && write !== last.get(record),
    ),
  ).length;
}

/** Sums of the named series in a Prometheus text exposition (all label sets added up). */
export function metricSums(text: string, names: readonly string[]): Record<string, number> {
  const sums: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{[^}]*\})?\s+(\S+)/.exec(line);
    if (match && match[1] in sums) sums[match[1]] += Number(match[2]);
  }
  return sums;
}

export const LIVE_METRICS = [
  'live_cohort_executions_total',
  'live_pushes_total',
  'live_cohorts',
  'live_subscriptions',
  'live_connections',
  'live_subscribers_cut_off_total',
] as const;

export async function readMetrics(baseUrl: string, token: string): Promise<Record<string, number>> {
  const response = await fetch(new URL('/metrics', baseUrl), { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET /metrics: HTTP ${response.status}`);
  return metricSums(await response.text(), LIVE_METRICS);
}

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

/**
 * CPU seconds of every PostgreSQL process on this machine by pid (the server, its backends and
 * workers: /proc/<pid>/stat of each process whose command is "postgres"). The database runs on
 * the bench's machine, and under live queries it is where most of the work goes.
 */
export function postgresCpu(): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      cpu.set(Number(entry), cpuSeconds(Number(entry)));
    } catch {
      // gone meanwhile
    }
  }
  return cpu;
}

/** CPU seconds PostgreSQL used between two postgresCpu() readings (a backend born meanwhile counts whole). */
export function postgresCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

/** CPU seconds the whole machine has been busy, all cores (/proc/stat: everything but idle and iowait). */
export function machineBusySeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
}

/** CPU seconds a process has used, user + system (/proc/<pid>/stat utime and stime). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3, state.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}
