import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';

/** The pg pool's own counters (pg-pool exposes them as properties). */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** What one served GraphQL request reports. */
export interface RequestObservation {
  operation: string;
  /** 'success', or the first error's code. */
  outcome: string;
  durationSeconds: number;
  cost?: number;
  statements: number;
  responseCache?: 'hit' | 'miss';
}

/** Operation names come from clients: past this many, new ones are counted as "other". */
const MAX_OPERATION_LABELS = 200;

/**
 * Prometheus metrics of one server, in a registry of its own (tests run several servers in
 * one process; a global registry would mix them and refuse duplicate names).
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests by operation name and outcome (success or error code).',
    labelNames: ['operation', 'outcome'],
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time to answer a GraphQL request, by operation.',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly cost = new Histogram({
    name: 'graphql_query_cost',
    help: 'Computed cost of GraphQL operations that got as far as being measured.',
    labelNames: ['operation'],
    buckets: [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000],
    registers: [this.registry],
  });
  private readonly responseCache = new Counter({
    name: 'graphql_response_cache_total',
    help: 'Anonymous GET queries answered from the response cache (hit) or kept in it (miss).',
    labelNames: ['result'],
    registers: [this.registry],
  });
  private readonly statements = new Histogram({
    name: 'graphql_sql_statements',
    help: 'SQL statements sent to PostgreSQL per GraphQL request.',
    labelNames: ['operation'],
    buckets: [0, 1, 2, 3, 5, 8, 13, 21, 34, 55],
    registers: [this.registry],
  });
  private readonly budgetFallbacks = new Counter({
    name: 'rate_budget_fallbacks_total',
    help: "Rate-budget takes charged to the process's own bucket because the shared store (RATE_BUDGET_STORE) failed or was resting after a failure.",
    labelNames: ['store'],
    registers: [this.registry],
  });

  /** Subscriptions over WebSocket and SSE, and the live-query cohorts serving them (src/live). */
  readonly live = new LiveMetrics(this.registry);

  constructor(dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry });
    const pool = () =>
      dataSource.isInitialized
        ? ((dataSource.driver as unknown as { master?: PoolCounts }).master ?? undefined)
        : undefined;
    new Gauge({
      name: 'db_pool_connections',
      help: 'Database pool connections by state: in_use, idle, waiting (requests queued for one).',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const counts = pool();
        this.set({ state: 'in_use' }, counts ? counts.totalCount - counts.idleCount : 0);
        this.set({ state: 'idle' }, counts?.idleCount ?? 0);
        this.set({ state: 'waiting' }, counts?.waitingCount ?? 0);
      },
    });
  }

  /**
   * The read replicas as the process last checked them, and where reads went (a counter kept
   * by the replica set, read at scrape time). Nothing is registered without replicas.
   */
  watchReplicas(stats: () => ReplicaStats): void {
    if (stats().replicas.length === 0) return;
    const registers = [this.registry];
    new Gauge({
      name: 'db_replica_up',
      help: 'Read replicas by name: 1 when its last check answered, else 0.',
      labelNames: ['replica'],
      registers,
      collect() {
        for (const replica of stats().replicas) this.set({ replica: replica.name }, replica.up ? 1 : 0);
      },
    });
    new Gauge({
      name: 'db_replica_lag_milliseconds',
      help: 'Read replicas by name: how far replay is behind what it has received, at its last check.',
      labelNames: ['replica'],
      registers,
      collect() {
        for (const replica of stats().replicas) this.set({ replica: replica.name }, replica.lagMs);
      },
    });
    new Counter({
      name: 'db_reads_routed_total',
      help: 'Requests whose reads were routed to each source (primary, replica-N); replica-N:failed_over counts its statements sent again to the primary.',
      labelNames: ['source'],
      registers,
      collect() {
        const { replicas, primaryReads } = stats();
        this.reset();
        this.inc({ source: 'primary' }, primaryReads);
        for (const replica of replicas) {
          this.inc({ source: replica.name }, replica.reads);
          this.inc({ source: `${replica.name}:failed_over` }, replica.failedOver);
        }
      },
    });
  }

  observe(observation: RequestObservation): void {
    const operation = this.label(observation.operation);
    this.requests.inc({ operation, outcome: observation.outcome });
    this.duration.observe({ operation }, observation.durationSeconds);
    if (observation.cost !== undefined) this.cost.observe({ operation }, observation.cost);
    this.statements.observe({ operation }, observation.statements);
    if (observation.responseCache) this.responseCache.inc({ result: observation.responseCache });
  }

  /** A take the shared store could not serve (src/limits/rate-budget.ts). */
  budgetFallback(store: string): void {
    this.budgetFallbacks.inc({ store });
  }

  private label(operation: string): string {
    if (this.operations.has(operation)) return operation;
    if (this.operations.size >= MAX_OPERATION_LABELS) return 'other';
    this.operations.add(operation);
    return operation;
  }
}

/** What the read replicas report (database/replicas.ts ReadReplicas.stats). */
export interface ReplicaStats {
  replicas: Array<{ name: string; up: boolean; lagMs: number; reads: number; failedOver: number }>;
  primaryReads: number;
}

/** The transports subscriptions arrive by. */
export type LiveTransport = 'websocket' | 'sse';

/**
 * What the live register does, counted: the gauges move as connections, subscriptions and
 * cohorts open and close; the counters only grow (a bench reads them from GET /metrics before
 * and after a run). The same numbers are kept as plain fields for in-process readers.
 */
export class LiveMetrics {
  readonly counts = {
    connections: { websocket: 0, sse: 0 },
    subscriptions: 0,
    cohorts: 0,
    executions: 0,
    pushes: 0,
    cutOff: 0,
  };
  private readonly connections: Gauge;
  private readonly subscriptions: Gauge;
  private readonly cohorts: Gauge;
  private readonly executions: Counter;
  private readonly pushes: Counter;
  private readonly cutOff: Counter;
  private readonly quotaFallbacks: Counter;

  constructor(registry: Registry) {
    const registers = [registry];
    this.connections = new Gauge({
      name: 'live_connections',
      help: 'Open subscription connections by transport (websocket, sse).',
      labelNames: ['transport'],
      registers,
    });
    this.subscriptions = new Gauge({
      name: 'live_subscriptions',
      help: 'Open subscriptions, all transports.',
      registers,
    });
    this.cohorts = new Gauge({
      name: 'live_cohorts',
      help: 'Live-query cohorts: distinct (document, variables, caller) being served.',
      registers,
    });
    this.executions = new Counter({
      name: 'live_cohort_executions_total',
      help: 'Executions of live-query cohorts (the first answer and every re-execution after a change).',
      registers,
    });
    this.pushes = new Counter({
      name: 'live_pushes_total',
      help: 'Answers pushed to live-query subscribers (one per subscriber per changed answer).',
      registers,
    });
    this.cutOff = new Counter({
      name: 'live_subscribers_cut_off_total',
      help: 'Subscribers disconnected for leaving more than SUBSCRIBER_BUFFER_BYTES unread.',
      registers,
    });
    this.quotaFallbacks = new Counter({
      name: 'live_subscription_quota_fallbacks_total',
      help: "Subscriptions counted by the process's own SUBSCRIPTIONS_PER_KEY quota because Redis (RATE_BUDGET_STORE=redis) failed or was resting after a failure.",
      registers,
    });
  }

  connection(transport: LiveTransport, change: 1 | -1): void {
    this.counts.connections[transport] += change;
    this.connections.inc({ transport }, change);
  }

  subscription(change: 1 | -1): void {
    this.counts.subscriptions += change;
    this.subscriptions.inc(change);
  }

  cohort(change: 1 | -1): void {
    this.counts.cohorts += change;
    this.cohorts.inc(change);
  }

  executed(): void {
    this.counts.executions++;
    this.executions.inc();
  }

  pushed(subscribers: number): void {
    this.counts.pushes += subscribers;
    this.pushes.inc(subscribers);
  }

  subscriberCutOff(): void {
    this.counts.cutOff++;
    this.cutOff.inc();
  }

  /** A subscription the shared quota could not count (src/live/redis-quota.ts). */
  quotaFallback(): void {
    this.quotaFallbacks.inc();
  }
}
