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

  observe(observation: RequestObservation): void {
    const operation = this.label(observation.operation);
    this.requests.inc({ operation, outcome: observation.outcome });
    this.duration.observe({ operation }, observation.durationSeconds);
    if (observation.cost !== undefined) this.cost.observe({ operation }, observation.cost);
    this.statements.observe({ operation }, observation.statements);
    if (observation.responseCache) this.responseCache.inc({ result: observation.responseCache });
  }

  private label(operation: string): string {
    if (this.operations.has(operation)) return operation;
    if (this.operations.size >= MAX_OPERATION_LABELS) return 'other';
    this.operations.add(operation);
    return operation;
  }
}
