import { Client } from 'pg';
import { allStats, clusterTicks, CpuReading, processesTicks, readStat, ServerReading } from './cpu';
import { databaseUrl } from './args';

/** A PostgreSQL server on this machine whose CPU the run is charged: its postmaster and a monitor connection. */
interface WatchedServer {
  postmasterPid: number;
  monitor: Client;
  database: string;
}

/**
 * The postmaster of the server `url` points to, when it runs on this machine: the parent of
 * the backend that answers (so no data directory needs to be known or readable). Null for a
 * server elsewhere, whose processes this machine's /proc does not show.
 */
async function watchServer(url: string): Promise<WatchedServer | null> {
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname)) return null;
  // The monitor sits in another database, so it is never among the backends it lists.
  const monitor = new Client({ connectionString: databaseUrl(url, 'postgres') });
  await monitor.connect();
  const [{ pid }] = (await monitor.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
  const stat = readStat(pid);
  if (!stat) {
    await monitor.end();
    return null;
  }
  return { postmasterPid: stat.ppid, monitor, database: new URL(url).pathname.slice(1) };
}

/**
 * Reads the CPU of the API processes and of the primary and replica clusters, each as the
 * whole cluster (what the machine spent) and as the bench database's backends (what the API's
 * requests cost, without other databases' work on a shared server).
 */
export class CpuMeter {
  private constructor(
    private readonly apiPids: readonly number[],
    private readonly primary: WatchedServer | null,
    private readonly replicas: readonly WatchedServer[],
  ) {}

  static async open(apiPids: readonly number[], primaryUrl: string, replicaUrls: readonly string[]): Promise<CpuMeter> {
    const primary = await watchServer(primaryUrl);
    const replicas = (await Promise.all(replicaUrls.map(watchServer))).filter(
      (server): server is WatchedServer => server !== null,
    );
    return new CpuMeter(apiPids, primary, replicas);
  }

  async read(): Promise<CpuReading> {
    const listed = await Promise.all(
      [this.primary, ...this.replicas].map((server) => server && this.backendPids(server)),
    );
    const stats = allStats();
    const server = (watched: WatchedServer, pids: number[]): ServerReading => {
      const wanted = new Set(pids);
      return {
        cluster: clusterTicks(watched.postmasterPid, stats),
        backends: new Map(stats.filter((stat) => wanted.has(stat.pid)).map((stat) => [stat.pid, stat.ownTicks])),
      };
    };
    return {
      api: processesTicks(this.apiPids, stats),
      primary: this.primary && server(this.primary, listed[0]!),
      replicas: this.replicas.map((watched, i) => server(watched, listed[i + 1]!)),
    };
  }

  async close(): Promise<void> {
    await Promise.all([this.primary, ...this.replicas].map((server) => server?.monitor.end()));
  }

  private async backendPids(server: WatchedServer): Promise<number[]> {
    const { rows } = await server.monitor.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND backend_type IN ('client backend', 'parallel worker')`,
      [server.database],
    );
    return rows.map((row) => row.pid);
  }
}
