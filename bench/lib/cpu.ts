import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** The fields of /proc/<pid>/stat this bench reads, CPU in clock ticks. */
export interface ProcessStat {
  pid: number;
  ppid: number;
  /** utime + stime: CPU the process itself spent, user and kernel. */
  ownTicks: number;
  /** cutime + cstime: CPU of its children that exited and were waited for. */
  reapedChildrenTicks: number;
}

/**
 * Parses one /proc/<pid>/stat line. The command name (field 2) is in parentheses and may hold
 * spaces or parentheses itself ("postgres: 15/main: walwriter"), so fields are counted from
 * the last ")": state is the first after it, ppid the second, utime..cstime the 12th to 15th.
 */
export function parseStat(text: string): ProcessStat {
  const close = text.lastIndexOf(')');
  if (close < 0) throw new Error(`not a /proc/<pid>/stat line: ${text.slice(0, 80)}`);
  const pid = Number(text.slice(0, text.indexOf(' ')));
  const fields = text
    .slice(close + 2)
    .trim()
    .split(/\s+/)
    .map(Number);
  const [utime, stime, cutime, cstime] = fields.slice(11, 15);
  return { pid, ppid: fields[1], ownTicks: utime + stime, reapedChildrenTicks: cutime + cstime };
}

export function readStat(pid: number): ProcessStat | null {
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null; // gone, or not on this machine
  }
}

export function allStats(): ProcessStat[] {
  const stats: ProcessStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) stats.push(stat);
  }
  return stats;
}

/**
 * CPU ticks of a PostgreSQL cluster: its postmaster, every live child (backends, walsenders,
 * the startup process replaying WAL on a replica, autovacuum) and, through the postmaster's
 * cutime + cstime, every child that exited since it started. Counting the reaped children is
 * what makes a delta between two readings exact even when backends come and go in between.
 */
export function clusterTicks(postmasterPid: number, stats: readonly ProcessStat[]): number {
  let ticks = 0;
  for (const stat of stats) {
    if (stat.pid === postmasterPid) ticks += stat.ownTicks + stat.reapedChildrenTicks;
    else if (stat.ppid === postmasterPid) ticks += stat.ownTicks;
  }
  return ticks;
}

/** CPU ticks of the given processes (API processes, still running), summed. */
export function processesTicks(pids: readonly number[], stats: readonly ProcessStat[]): number {
  const wanted = new Set(pids);
  return stats.filter((stat) => wanted.has(stat.pid)).reduce((sum, stat) => sum + stat.ownTicks, 0);
}

/** Milliseconds of CPU per request, or null without requests or without a reading. */
export function msPerRequest(ticks: number | null, ticksPerSecond: number, requests: number): number | null {
  if (ticks === null || requests === 0) return null;
  return (ticks * 1000) / ticksPerSecond / requests;
}

/** The kernel's clock ticks per second (USER_HZ), in which /proc reports CPU; 100 on Linux. */
export function ticksPerSecond(): number {
  const answer = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const value = Number(answer.stdout?.trim());
  return Number.isInteger(value) && value > 0 ? value : 100;
}

/** CPU of one PostgreSQL server at one reading: the whole cluster, and each backend of the bench's database. */
export interface ServerReading {
  cluster: number;
  backends: Map<number, number>;
}

/** A reading of everything a run is charged for: the API processes, the primary, the replicas. */
export interface CpuReading {
  api: number;
  primary: ServerReading | null;
  replicas: ServerReading[];
}

/** Ticks spent between two readings; null where a server could not be read. */
export interface CpuSpent {
  api: number;
  primary: number | null;
  /** The bench database's backends only: without other databases' work and background processes. */
  primaryBackends: number | null;
  replicas: number | null;
  replicaBackends: number | null;
}

/**
 * Ticks the backends spent between two readings: a backend in both counts its difference, one
 * that appeared in between counts from zero (it started during the run). One that exited in
 * between is lost here (the cluster figure still has it); the API's pools keep theirs open.
 */
export function backendTicksSpent(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let spent = 0;
  for (const [pid, ticks] of after) spent += ticks - (before.get(pid) ?? 0);
  return spent;
}

/** What was spent between two readings of the same processes and servers. */
export function cpuSpent(before: CpuReading, after: CpuReading): CpuSpent {
  const replicas = before.replicas.map((server, i) => ({ before: server, after: after.replicas[i] }));
  const none = replicas.length === 0;
  return {
    api: after.api - before.api,
    primary: before.primary && after.primary ? after.primary.cluster - before.primary.cluster : null,
    primaryBackends:
      before.primary && after.primary ? backendTicksSpent(before.primary.backends, after.primary.backends) : null,
    replicas: none ? null : replicas.reduce((sum, pair) => sum + pair.after.cluster - pair.before.cluster, 0),
    replicaBackends: none
      ? null
      : replicas.reduce((sum, pair) => sum + backendTicksSpent(pair.before.backends, pair.after.backends), 0),
  };
}
