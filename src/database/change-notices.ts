import { Client, Notification, Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';

/** The channel every commit that moves the register's version notifies (migration RegisterChanges). */
export const CHANGE_CHANNEL = 'register_changes';

/** `application_name` of the LISTEN connection, as pg_stat_activity shows it. */
export const LISTEN_APPLICATION_NAME = 'diplomacy-api change notices';

/**
 * What one committed transaction changed, as its NOTIFY names it: enough to tell which live
 * queries it may affect, never the data itself (readers read that from the feed).
 */
export interface ChangeNotice {
  /** The register version the commit moved to: its place in commit order. */
  version: number;
  /** Record types it changed ("Agreement"); null when the writer did not say (an import, raw SQL): any. */
  types: string[] | null;
  /** Ids of the municipalities taking part in its changes; null when too many to name or unknown: any. */
  municipalities: string[] | null;
}

export interface ChangeNoticeListener {
  /** A commit's notice, once per commit, in the order they arrive. */
  notice(notice: ChangeNotice): void;
  /** The LISTEN connection came back after a drop: notices sent meanwhile are lost, so anything may have changed. */
  resumed(): void;
}

/** Parses a notice's payload; a malformed one counts as "anything may have changed". */
export function parseChangeNotice(payload: string | undefined): ChangeNotice {
  try {
    const parsed = JSON.parse(payload ?? '') as { v?: unknown; types?: unknown; municipalities?: unknown };
    const strings = (value: unknown) =>
      Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : null;
    return {
      version: Number(parsed.v) || 0,
      types: strings(parsed.types),
      municipalities: strings(parsed.municipalities),
    };
  } catch {
    return { version: 0, types: null, municipalities: null };
  }
}

/**
 * The process's one ear on the register: every commit that moves the register version sends a
 * NOTIFY (from the version trigger, so imports and raw SQL too), and this hands each notice to
 * the listeners (live query cohorts, the change stream, the response cache).
 *
 * On server PostgreSQL it holds one dedicated connection in LISTEN (outside the pool: a pooled
 * connection goes back to others), reconnecting with backoff when it drops and then telling
 * the listeners to assume they missed something. On the embedded database all connections
 * share PGlite's one session, whose notifications arrive on whichever connection ran the
 * committing statement (its socket server forwards each reply to the socket that asked): there
 * the LISTEN is issued once on the session and the pool's own connections are heard.
 */
export class ChangeNotices {
  private readonly listeners = new Set<ChangeNoticeListener>();
  private client: Client | undefined;
  private closed = false;
  private started = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelayMs = 100;
  /** The highest version a notice has named since listening began; undefined while not listening. */
  private latest: number | undefined;
  /** True while notices arrive (the LISTEN connection is up): the response cache may then trust `latestVersion`. */
  listening = false;
  /** Drops and reconnections so far, for metrics and tests. */
  reconnections = 0;

  constructor(
    private readonly dataSource: DataSource,
    readonly kind: 'embedded' | 'server',
    private readonly onError: (error: unknown) => void = () => {},
    /** Where to LISTEN, when not the pool's URL: a transaction pooler (PgBouncer) cannot hold a LISTEN. */
    private readonly listenUrl?: string,
  ) {}

  /** Adds a listener; returns the function that removes it. */
  on(listener: ChangeNoticeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The register's version as the last notice named it, when notices are being heard. */
  get latestVersion(): number | undefined {
    return this.listening ? this.latest : undefined;
  }

  /**
   * A commit this process made, at the version it moved to: its own readers must see it at
   * once, and the NOTIFY comes back round only a moment later.
   */
  observed(version: number): void {
    if (this.latest !== undefined && version > this.latest) this.latest = version;
  }

  /** Starts listening; a second call while started does nothing (one LISTEN per process). */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.closed = false;
    if (this.kind === 'embedded') return this.startEmbedded();
    await this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.started = false;
    this.listening = false;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    if (client) await client.end().catch(() => {});
  }

  /** For tests of the reconnection: drops the LISTEN connection as a network failure would. */
  dropConnection(): void {
    const client = this.client as (Client & { connection?: { stream?: { destroy(): void } } }) | undefined;
    client?.connection?.stream?.destroy();
  }

  /**
   * For tests on the embedded database, whose one in-process session cannot drop: tells the
   * listeners what a reconnection tells them (anything may have changed).
   */
  simulateResume(): void {
    this.reconnections++;
    for (const listener of [...this.listeners]) listener.resumed();
  }

  private dispatch(notification: Notification): void {
    if (notification.channel !== CHANGE_CHANNEL) return;
    const notice = parseChangeNotice(notification.payload);
    if (this.latest === undefined || notice.version > this.latest) this.latest = notice.version;
    for (const listener of [...this.listeners]) listener.notice(notice);
  }

  private async readVersion(query: (sql: string) => Promise<Array<{ version: string }>>): Promise<void> {
    const [{ version }] = await query('SELECT version FROM register_version');
    this.latest = Math.max(this.latest ?? 0, Number(version));
  }

  private async connect(): Promise<void> {
    const options = this.dataSource.options as { url?: string };
    // Named, so that operators (and the shutdown test) can tell it in pg_stat_activity.
    const client = new Client({
      connectionString: this.listenUrl ?? options.url,
      keepAlive: true,
      application_name: LISTEN_APPLICATION_NAME,
    });
    client.on('error', () => {});
    client.on('notification', (notification) => this.dispatch(notification));
    client.on('end', () => {
      if (this.client !== client) return;
      this.client = undefined;
      this.listening = false;
      this.scheduleReconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
      // Read after LISTEN: a commit between the two is then both in the version and notified.
      await this.readVersion(async (sql) => (await client.query(sql)).rows);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.listening = true;
    this.retryDelayMs = 100;
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.connect().then(
        () => {
          if (this.closed) return;
          this.reconnections++;
          for (const listener of [...this.listeners]) listener.resumed();
        },
        (error) => {
          this.onError(error);
          this.retryDelayMs = Math.min(this.retryDelayMs * 2, 5000);
          this.scheduleReconnect();
        },
      );
    }, this.retryDelayMs);
    this.retryTimer.unref();
  }

  private async startEmbedded(): Promise<void> {
    // TypeORM's postgres driver keeps its pg Pool as `master`.
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const hear = (client: PoolClient) => {
      if ((client as PoolClient & { _hearsNotices?: boolean })._hearsNotices) return;
      (client as PoolClient & { _hearsNotices?: boolean })._hearsNotices = true;
      client.on('notification', (notification) => this.dispatch(notification));
    };
    pool.on('connect', hear);
    const client = await pool.connect();
    try {
      hear(client);
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
      await this.readVersion(async (sql) => (await client.query(sql)).rows);
    } finally {
      client.release();
    }
    this.listening = true;
  }
}
