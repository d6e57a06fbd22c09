import { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { isDatabaseUnavailable } from './errors';
import { PreparedStatements } from './prepared-statements';
import { SendStatement } from './read-waves';
import { parseWalPosition } from './wal-position';

/** Where a request's reads go: the primary, or one replica. */
export interface ReadSource {
  /** 'primary', or 'replica-N' by its place in DATABASE_REPLICA_URLS (from 1). */
  readonly name: string;
  /** For metadata, and for services that send their own SQL (search, paths, the change feed). */
  readonly manager: EntityManager;
  /** How the loaders' statements are sent (key lookups prepared on server PostgreSQL). */
  readonly sendRead: SendStatement;
}

/** What a read needs of the database it goes to; with none of these, any healthy replica will do. */
export interface ReadNeed {
  /** A WAL position the replica must have replayed: a client's consistency token. */
  walPosition?: bigint;
  /** A register version it must have reached: the response cache's key, a live query's notice. */
  registerVersion?: number;
}

export interface ReplicaSettings {
  /** A replica further behind than this, in ms of replay, gets no reads until it catches up. */
  maxLagMs: number;
  /** How often each replica's replay position, lag and register version are read. */
  checkIntervalMs: number;
}

/** One replica's last check, for routing, metrics and tests. */
export interface ReplicaState {
  name: string;
  up: boolean;
  lagMs: number;
  /** The WAL position it has replayed (0 until the first check answers). */
  replayed: bigint;
  /** The register version its data has reached. */
  registerVersion: number;
  /** Requests routed to it so far, and statements that failed there and went to the primary instead. */
  reads: number;
  failedOver: number;
}

/**
 * What a replica says of itself in one statement. Lag is the time since it last replayed a
 * commit while WAL it has received waits to be replayed (0 when it has replayed all it has):
 * a replica with nothing to do is not lagging however long ago it last replayed. A URL that
 * names a primary (not in recovery) reports its own position and no lag.
 */
const CHECK_SQL = `SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END)::text AS replayed,
       CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE coalesce((extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::int8, 0)
       END AS lag_ms,
       (SELECT version FROM register_version)::text AS register_version`;

/** An EntityManager whose raw `query` goes through `send`; the rest (metadata) is its data source's. */
class QueryingThrough extends EntityManager {
  constructor(
    dataSource: DataSource,
    private readonly send: (sql: string, parameters?: unknown[]) => Promise<unknown>,
  ) {
    super(dataSource);
  }

  override async query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T> {
    return (await this.send(sql, parameters)) as T;
  }
}

/** SQLSTATE 40001 with this message: a replica cancelled the statement so that replay could go on. */
const RECOVERY_CONFLICT = /conflict with recovery/i;

function isRecoveryConflict(error: unknown): boolean {
  const candidate = error as { code?: string; message?: string; driverError?: { code?: string; message?: string } };
  const inner = candidate?.driverError ?? candidate;
  return inner?.code === '40001' && RECOVERY_CONFLICT.test(inner.message ?? '');
}

/**
 * A replica's reads: its own pool, prepared key lookups, and a way out. A statement that fails
 * because the replica is gone (or cancelled it for replay) is sent again to the primary, and
 * the replica is marked down until its next check answers: a read without a token may be
 * stale, but never fails because one replica did.
 */
class Replica implements ReadSource {
  readonly manager: EntityManager;
  readonly sendRead: SendStatement;
  state: ReplicaState;
  private initializing: Promise<void> | undefined;

  constructor(
    readonly name: string,
    private readonly dataSource: DataSource,
    primary: ReadSource,
  ) {
    this.state = { name, up: false, lagMs: 0, replayed: 0n, registerVersion: 0, reads: 0, failedOver: 0 };
    const prepared = new PreparedStatements(dataSource.manager);
    this.manager = new QueryingThrough(dataSource, (sql, parameters) =>
      this.orPrimary(
        () => dataSource.query(sql, parameters),
        () => primary.manager.query(sql, parameters),
      ),
    );
    this.sendRead = (sql, params, prepare) =>
      this.orPrimary(
        () => (prepare ? prepared.query(sql, params) : dataSource.manager.query(sql, params)),
        () => primary.sendRead(sql, params, prepare),
      );
  }

  private async orPrimary<T>(here: () => Promise<T>, there: () => Promise<T>): Promise<T> {
    try {
      return await here();
    } catch (error) {
      if (!isDatabaseUnavailable(error) && !isRecoveryConflict(error)) throw error;
      if (isDatabaseUnavailable(error)) this.state.up = false;
      this.state.failedOver += 1;
      return there();
    }
  }

  /** Reads the replica's position, lag and version; any failure (or no answer in time) marks it down. */
  async check(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await this.initialized();
      const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
      const answer = pool.query<{ replayed: string; lag_ms: string; register_version: string }>(CHECK_SQL);
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      const {
        rows: [row],
      } = await Promise.race([answer, timeout]);
      this.state = {
        ...this.state,
        up: true,
        lagMs: Number(row.lag_ms),
        replayed: parseWalPosition(row.replayed) ?? 0n,
        registerVersion: Number(row.register_version),
      };
    } catch {
      this.state = { ...this.state, up: false };
    } finally {
      clearTimeout(timer);
    }
  }

  /** A replica that was down when the process started is connected to at a later check. */
  private initialized(): Promise<void> {
    if (this.dataSource.isInitialized) return Promise.resolve();
    this.initializing ??= this.dataSource
      .initialize()
      .then(() => undefined)
      .finally(() => (this.initializing = undefined));
    return this.initializing;
  }

  async close(): Promise<void> {
    await this.initializing?.catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * The process's read replicas (DATABASE_REPLICA_URLS), and the choice of where each read goes.
 * Replicas take turns (round-robin) among those that are up, within REPLICA_MAX_LAG_MS, and
 * far enough along for what the read needs; when none is, the primary answers. Each replica is
 * checked every REPLICA_CHECK_INTERVAL_MS, and again at once when a read needs more than the
 * last checks saw (a client's token just after its write; a live query just after a change):
 * one statement per replica, shared by every read waiting at that moment.
 *
 * With no replicas configured, every read goes to the primary and nothing here runs.
 */
export class ReadReplicas {
  private readonly replicas: Replica[];
  private next = 0;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private primaryReads = 0;

  constructor(
    readonly primary: ReadSource,
    dataSources: DataSource[],
    private readonly settings: ReplicaSettings,
  ) {
    this.replicas = dataSources.map((dataSource, index) => new Replica(`replica-${index + 1}`, dataSource, primary));
  }

  get configured(): boolean {
    return this.replicas.length > 0;
  }

  /** Checks every replica once, then keeps checking on the interval. */
  async start(): Promise<void> {
    if (!this.configured || this.timer) return;
    await this.checkNow();
    this.timer = setInterval(() => void this.checkNow(), this.settings.checkIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.checking;
    await Promise.all(this.replicas.map((replica) => replica.close()));
  }

  /** Checks every replica now; reads waiting on a check share the one in flight. */
  checkNow(): Promise<void> {
    // A check never waits longer than the lag it is there to bound (and at least a second).
    const timeoutMs = Math.max(1000, this.settings.maxLagMs);
    this.checking ??= Promise.all(this.replicas.map((replica) => replica.check(timeoutMs)))
      .then(() => undefined)
      .finally(() => (this.checking = undefined));
    return this.checking;
  }

  /**
   * A request's reads, routed at its first statement (not before: a response-cache hit reads
   * nothing and so waits for nothing); the primary's when no replicas are configured.
   */
  forRequest(need: ReadNeed = {}): ReadSource {
    return this.configured ? new RoutedReads(this, need) : this.primary;
  }

  /** Where a read with `need` goes: a replica that can serve it, or the primary. */
  async route(need: ReadNeed = {}): Promise<ReadSource> {
    if (!this.configured) return this.primary;
    let chosen = this.pick(need);
    // Only a replica that is up and close behind can catch up by the time a check answers.
    if (!chosen && this.replicas.some((replica) => this.healthy(replica.state))) {
      await this.checkNow();
      chosen = this.pick(need);
    }
    if (!chosen) this.primaryReads += 1;
    return chosen ?? this.primary;
  }

  /** Every replica's last check and reads, and the reads the primary took instead. */
  stats(): { replicas: ReplicaState[]; primaryReads: number } {
    return { replicas: this.replicas.map((replica) => ({ ...replica.state })), primaryReads: this.primaryReads };
  }

  private healthy(state: ReplicaState): boolean {
    return state.up && state.lagMs <= this.settings.maxLagMs;
  }

  private pick(need: ReadNeed): Replica | undefined {
    for (let turn = 0; turn < this.replicas.length; turn++) {
      const replica = this.replicas[(this.next + turn) % this.replicas.length];
      const { state } = replica;
      if (!this.healthy(state)) continue;
      if (need.walPosition !== undefined && state.replayed < need.walPosition) continue;
      if (need.registerVersion !== undefined && state.registerVersion < need.registerVersion) continue;
      this.next = (this.next + turn + 1) % this.replicas.length;
      state.reads += 1;
      return replica;
    }
    return undefined;
  }
}

/**
 * One request's reads, sent wherever `ReadReplicas.route` says when the first of them goes.
 * Until then what they need may still grow (`require`): the response cache adds the register
 * version it keys the answer by. Entity metadata is the primary's (the schema is the same).
 */
export class RoutedReads implements ReadSource {
  readonly manager: EntityManager;
  readonly sendRead: SendStatement;
  private choice: Promise<ReadSource> | undefined;
  private chosen: ReadSource | undefined;

  constructor(
    private readonly replicas: ReadReplicas,
    private readonly need: ReadNeed,
  ) {
    this.manager = new QueryingThrough(replicas.primary.manager.connection, async (sql, parameters) =>
      (await this.source()).manager.query(sql, parameters),
    );
    this.sendRead = async (sql, params, prepare) => (await this.source()).sendRead(sql, params, prepare);
  }

  /** The source chosen, or 'unrouted' while nothing has been read. */
  get name(): string {
    return this.chosen?.name ?? 'unrouted';
  }

  /** Adds to what the reads need (the later of two positions or versions); only before the first read. */
  require(more: ReadNeed): void {
    if (this.choice) throw new Error('reads already routed: require() must come before the first statement');
    if (more.walPosition !== undefined && (this.need.walPosition ?? -1n) < more.walPosition)
      this.need.walPosition = more.walPosition;
    if (more.registerVersion !== undefined && (this.need.registerVersion ?? -1) < more.registerVersion)
      this.need.registerVersion = more.registerVersion;
  }

  private source(): Promise<ReadSource> {
    this.choice ??= this.replicas.route(this.need).then((source) => (this.chosen = source));
    return this.choice;
  }
}
