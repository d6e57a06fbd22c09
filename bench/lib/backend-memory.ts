import { readFileSync, writeFileSync } from 'node:fs';
import { Client } from 'pg';

/** What one request cost the PostgreSQL processes serving it, as sampled from /proc. */
export interface BackendPeak {
  /** Highest sum, at one sample, of each process's RssAnon above its value before the request. */
  rssAnonIncreaseBytes: number;
  /** Highest VmHWM of any one of them (reset before the request): private memory and shared buffers touched. */
  vmHwmBytes: number;
  /** Processes watched: the API's backend and any parallel worker it started. */
  processes: number;
  samples: number;
  /** Set when a process passed the abort size and was terminated. */
  aborted: string | null;
}

interface Status {
  rssAnon: number;
  vmHwm: number;
  vmRss: number;
}

const MB = 2 ** 20;

/** RssAnon, VmHWM and VmRSS of a process in bytes, or null once it has gone. */
function status(pid: number): Status | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0) * 1024;
  return { rssAnon: field('RssAnon'), vmHwm: field('VmHWM'), vmRss: field('VmRSS') };
}

/**
 * Watches the backends of one database while a request runs: the API's, found in
 * pg_stat_activity by its application_name (every client backend of the database when it
 * sets none), and the parallel workers they lead. /proc is read every `intervalMs`;
 * pg_stat_activity every 50 ms, to catch workers and new connections. The monitor's own
 * connection goes to another database, so it is never among them.
 */
export class BackendWatch {
  private readonly baseline = new Map<number, number>();
  private peak: BackendPeak = { rssAnonIncreaseBytes: 0, vmHwmBytes: 0, processes: 0, samples: 0, aborted: null };
  private timer: NodeJS.Timeout | null = null;
  private listing: Promise<void> | null = null;
  private lastListing = 0;

  private constructor(
    private readonly monitor: Client,
    private readonly database: string,
    private readonly applicationName: string,
    private readonly abortBytes: number,
    private readonly intervalMs: number,
  ) {}

  static async open(
    monitorUrl: string,
    database: string,
    applicationName: string,
    abortBytes: number,
    intervalMs = 2,
  ): Promise<BackendWatch> {
    const monitor = new Client({ connectionString: monitorUrl });
    await monitor.connect();
    return new BackendWatch(monitor, database, applicationName, abortBytes, intervalMs);
  }

  /** Backends of the database now: the API's by name and the workers they lead (all client backends if none is named). */
  async backends(): Promise<number[]> {
    const { rows } = await this.monitor.query<{ pid: number; named: boolean }>(
      `SELECT pid, (application_name = $2 OR leader_pid IN (SELECT pid FROM pg_stat_activity WHERE application_name = $2)) AS named
         FROM pg_stat_activity
        WHERE datname = $1 AND backend_type IN ('client backend', 'parallel worker') AND pid <> pg_backend_pid()`,
      [this.database, this.applicationName],
    );
    const named = rows.filter((row) => row.named);
    return (named.length ? named : rows).map((row) => row.pid);
  }

  /** Records each backend's RssAnon, resets its VmHWM (writing 5 to clear_refs) and starts sampling. */
  async start(): Promise<void> {
    this.baseline.clear();
    this.peak = { rssAnonIncreaseBytes: 0, vmHwmBytes: 0, processes: 0, samples: 0, aborted: null };
    for (const pid of await this.backends()) this.watch(pid);
    this.lastListing = Date.now();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  async stop(): Promise<BackendPeak> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.listing;
    this.sample();
    this.peak.processes = this.baseline.size;
    return { ...this.peak };
  }

  async close(): Promise<void> {
    await this.stop();
    await this.monitor.end();
  }

  private watch(pid: number): void {
    if (this.baseline.has(pid)) return;
    const now = status(pid);
    if (!now) return;
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      // Not root: VmHWM then covers the backend's whole life, still an upper bound.
    }
    // A process that appears during the request (a parallel worker) counts from nothing.
    this.baseline.set(pid, this.timer ? 0 : now.rssAnon);
  }

  private sample(): void {
    let increase = 0;
    for (const [pid, before] of this.baseline) {
      const now = status(pid);
      if (!now) continue;
      increase += Math.max(0, now.rssAnon - before);
      this.peak.vmHwmBytes = Math.max(this.peak.vmHwmBytes, now.vmHwm);
      if (now.vmRss > this.abortBytes && !this.peak.aborted) this.abort(pid, now.vmRss);
    }
    this.peak.rssAnonIncreaseBytes = Math.max(this.peak.rssAnonIncreaseBytes, increase);
    this.peak.samples += 1;
    if (this.timer && !this.listing && Date.now() - this.lastListing >= 50) {
      this.lastListing = Date.now();
      this.listing = this.backends()
        .then((pids) => pids.forEach((pid) => this.watch(pid)))
        .catch(() => {})
        .finally(() => {
          this.listing = null;
        });
    }
  }

  /** Stops a runaway statement before it takes the machine: terminates every watched backend. */
  private abort(pid: number, rss: number): void {
    this.peak.aborted = `backend ${pid} passed ${Math.round(this.abortBytes / MB)} MB (VmRSS ${Math.round(rss / MB)} MB): terminated`;
    const pids = [...this.baseline.keys()];
    this.monitor.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [pids]).catch(() => {});
  }
}
