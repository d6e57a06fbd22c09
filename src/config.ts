import path from 'node:path';

/** PostgreSQL's own default work_mem, made explicit so that no server configuration can raise it for us. */
export const DEFAULT_WORK_MEM = '4MB';

/** Everything the process reads from its environment, validated once at start-up. */
export interface Config {
  /** production hides internal error messages; development and test show them. */
  environment: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** PostgreSQL server to use; when absent, embedded PostgreSQL (PGlite) in `dataDirectory`. */
  databaseUrl: string | undefined;
  /**
   * PostgreSQL itself, when DATABASE_URL is a transaction pooler (PgBouncer): what needs one
   * session throughout goes here, the change notices' LISTEN and the start-up migration (its
   * advisory lock and unlock must meet on one connection). DATABASE_URL when absent.
   */
  databaseDirectUrl: string | undefined;
  /** Key lookups as named prepared statements on server PostgreSQL; off for a pooler that cannot keep them. */
  prepareStatements: boolean;
  dataDirectory: string;
  databasePoolSize: number;
  /** Load the founding story's seed data when the register is empty. */
  seedWhenEmpty: boolean;
  /** Serve the GraphiQL page at `/` and to browsers at `/graphql`; off in production unless asked for. */
  graphiql: boolean;
  /** Answer introspection (`__schema`, `__type`); off in production unless asked for, or GraphiQL is on. */
  introspection: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Serve queries to callers without an API key (writes always need one). */
  anonymousReads: boolean;
  /** Production serving: limits, caching, CORS, timeouts (see src/limits, src/http). */
  serving: ServingConfig;
  /** The live register: the change feed's retention and subscriptions over WebSocket and SSE. */
  live: LiveConfig;
  /** Read replicas of the server PostgreSQL (src/database/replicas.ts); none by default. */
  replicas: ReplicaConfig;
}

/** Streaming replicas that take the queries' reads; mutations always use the primary. */
export interface ReplicaConfig {
  /** DATABASE_REPLICA_URLS, in order (reads take turns); empty: every read goes to DATABASE_URL. */
  urls: string[];
  /** A replica further behind than this (ms of replay) gets no reads until it catches up. */
  maxLagMs: number;
  /** How often each replica's replay position and lag are checked. */
  checkIntervalMs: number;
}

/** Subscriptions and the change feed (src/live, src/modules/change); every value has a safe default. */
export interface LiveConfig {
  /** A live query's cohort runs again at most this often, in ms, however many changes arrive. */
  throttleMs: number;
  /** Live-query executions running at once in a process; the rest wait their turn (src/live/execution-gate.ts). */
  maxConcurrentExecutions: number;
  /**
   * Open subscriptions one key (or one anonymous client address) may hold at once: across all
   * processes with RATE_BUDGET_STORE=redis (src/live/redis-quota.ts), else in each process.
   */
  maxSubscriptionsPerKey: number;
  /** How often the server pings a WebSocket; a socket that has not answered by the next ping is closed. */
  pingIntervalMs: number;
  /** A connection with no subscription for this long is closed. */
  idleTimeoutMs: number;
  /** Bytes a subscriber may leave unread; past it the server cuts it off rather than grow memory. */
  subscriberBufferBytes: number;
  /** Days the change feed keeps changes; a cursor older than that must resync. */
  changeRetentionDays: number;
}

/** How the server protects itself and its database; every value has a safe default. */
export interface ServingConfig {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxFragments: number;
  /** Parser token limit: bounds the work spent on a document before it is even validated. */
  maxTokens: number;
  bodyLimitBytes: number;
  /** Per-caller leaky bucket: capacity in cost points, and points restored each second. */
  rateLimitCapacity: number;
  rateLimitRestoreRate: number;
  /**
   * Where those buckets live: `memory` gives each process its own (right for one process, the
   * embedded default); `postgres` (an UNLOGGED table) and `redis` give every process one budget.
   */
  rateBudgetStore: RateBudgetStore;
  /** Redis for the shared rate budget (redis:// or rediss://); the default store when set. */
  redisUrl: string | undefined;
  /** Every key this API writes to Redis starts with this, so that one Redis can serve several deployments. */
  redisKeyPrefix: string;
  /** max-age of `Cache-Control: public` on anonymous GET queries; 0 turns caching off. */
  cacheMaxAgeSeconds: number;
  /** Memory for the server's own cache of anonymous GET answers, in MiB; 0 turns it off. */
  responseCacheMb: number;
  /** Longest an answer stays in that cache when nothing is written (a write drops it at once). */
  responseCacheTtlSeconds: number;
  corsOrigins: string[];
  /** Take the client address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy: boolean;
  /** PostgreSQL statement_timeout for every statement; 0 turns it off. */
  statementTimeoutMs: number;
  /** Statements slower than this are logged with their name and duration; 0 turns it off. */
  slowStatementMs: number;
  /** How long to wait for a database connection before failing the request. */
  databaseConnectTimeoutMs: number;
  /** How long SIGTERM waits for requests in flight before closing them. */
  shutdownTimeoutMs: number;
  /**
   * How long SIGTERM keeps serving with /readyz failing before it stops accepting: the time a
   * load balancer needs to see the failed check and send new requests elsewhere.
   */
  shutdownDrainDelayMs: number;
  /** Bearer token GET /metrics requires; unset, /metrics is open outside production and absent in it. */
  metricsToken: string | undefined;
  /** PostgreSQL `work_mem` of every connection ('4MB'): the memory one sort or hash may use. */
  workMem: string;
}

export type RateBudgetStore = 'memory' | 'postgres' | 'redis';

/** A configuration problem, named by its variable; main prints it as one line and exits. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}

type Env = Record<string, string | undefined>;

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${value}")`);
  }
  return Number(value);
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  throw new ConfigError(name, `must be true or false (got "${value}")`);
}

/** A value of the form `pattern`; a secret's value is never repeated in the error. */
function matching<T extends string | undefined>(
  env: Env,
  name: string,
  pattern: RegExp,
  fallback: T,
  problem: string,
  secret = false,
): string | T {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!pattern.test(value)) throw new ConfigError(name, secret ? problem : `${problem} (got "${value}")`);
  return value;
}

function databaseUrl(env: Env): string | undefined {
  const value = env.DATABASE_URL;
  if (value === undefined || value === '') return undefined;
  return postgresUrl('DATABASE_URL', value);
}

/** A PostgreSQL URL (`which`: its place in a list); the error never repeats it (it may hold a password). */
function postgresUrl(variable: string, value: string, which = ''): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(variable, `${which}is not a URL (expected postgres://user@host:port/database)`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(variable, `${which}must start with postgres:// (got "${url.protocol}//")`);
  }
  return value;
}

/** Most replicas one process reads from: each holds a pool of DATABASE_POOL_SIZE connections. */
export const MAX_REPLICAS = 16;

function replicaConfig(env: Env): ReplicaConfig {
  const urls = (env.DATABASE_REPLICA_URLS ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean)
    .map((url, index) => postgresUrl('DATABASE_REPLICA_URLS', url, `URL ${index + 1} `));
  if (urls.length > MAX_REPLICAS) {
    throw new ConfigError('DATABASE_REPLICA_URLS', `names ${urls.length} replicas; at most ${MAX_REPLICAS}`);
  }
  if (urls.length > 0 && !env.DATABASE_URL) {
    throw new ConfigError(
      'DATABASE_REPLICA_URLS',
      'needs DATABASE_URL (the primary): the embedded database is one process with no replicas',
    );
  }
  return {
    urls,
    maxLagMs: integer(env, 'REPLICA_MAX_LAG_MS', 1000, 0, 3_600_000),
    checkIntervalMs: integer(env, 'REPLICA_CHECK_INTERVAL_MS', 500, 10, 600_000),
  };
}

/**
 * GraphiQL reads the schema by introspection: asking for the page turns introspection's
 * default on, and turning introspection off with the page on is a contradiction.
 */
function introspection(env: Env, graphiql: boolean): boolean {
  const enabled = boolean(env, 'INTROSPECTION', graphiql || env.NODE_ENV !== 'production');
  if (graphiql && !enabled) {
    throw new ConfigError(
      'INTROSPECTION',
      'cannot be off while GRAPHIQL is on: the GraphiQL page reads the schema by introspection (set GRAPHIQL=false too)',
    );
  }
  return enabled;
}

export function loadConfig(env: Env = process.env): Config {
  const graphiql = boolean(env, 'GRAPHIQL', env.NODE_ENV !== 'production');
  return {
    environment: oneOf(env, 'NODE_ENV', ['development', 'production', 'test'], 'development'),
    host: env.HOST || '127.0.0.1',
    port: integer(env, 'PORT', 4000, 0, 65535),
    databaseUrl: databaseUrl(env),
    databaseDirectUrl: env.DATABASE_DIRECT_URL
      ? postgresUrl('DATABASE_DIRECT_URL', env.DATABASE_DIRECT_URL)
      : undefined,
    prepareStatements: boolean(env, 'DATABASE_PREPARED_STATEMENTS', true),
    dataDirectory: path.resolve(env.DATA_DIR || './data'),
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    seedWhenEmpty: boolean(env, 'SEED_WHEN_EMPTY', true),
    graphiql,
    introspection: introspection(env, graphiql),
    anonymousReads: boolean(env, 'ANONYMOUS_READS', true),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    serving: servingConfig(env),
    live: liveConfig(env),
    replicas: replicaConfig(env),
  };
}

function liveConfig(env: Env): LiveConfig {
  return {
    throttleMs: integer(env, 'LIVE_THROTTLE_MS', 250, 0, 60_000),
    maxConcurrentExecutions: integer(env, 'LIVE_CONCURRENCY', 4, 1, 1000),
    maxSubscriptionsPerKey: integer(env, 'SUBSCRIPTIONS_PER_KEY', 50, 1, 100_000),
    pingIntervalMs: integer(env, 'WS_PING_INTERVAL_MS', 15_000, 100, 600_000),
    idleTimeoutMs: integer(env, 'SUBSCRIPTION_IDLE_TIMEOUT_MS', 60_000, 100, 86_400_000),
    subscriberBufferBytes: integer(env, 'SUBSCRIBER_BUFFER_BYTES', 1024 * 1024, 1024, 1024 * 1024 * 1024),
    changeRetentionDays: integer(env, 'CHANGE_RETENTION_DAYS', 30, 1, 36_500),
  };
}

function origins(env: Env): string[] {
  const list = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of list) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError(
        'CORS_ORIGINS',
        `"${origin}" is not an origin like https://example.org (comma-separated, or *)`,
      );
    }
  }
  return list;
}

/** A Redis URL may hold a password: errors name its scheme only. */
function redisUrl(env: Env): string | undefined {
  const value = env.REDIS_URL;
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('REDIS_URL', 'is not a URL (expected redis://host:6379 or rediss://host:6380)');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError('REDIS_URL', `must start with redis:// or rediss:// (got "${url.protocol}//")`);
  }
  if (url.hostname === '') throw new ConfigError('REDIS_URL', 'names no host (expected redis://host:6379)');
  return value;
}

function rateBudget(env: Env): Pick<ServingConfig, 'rateBudgetStore' | 'redisUrl' | 'redisKeyPrefix'> {
  const redis = redisUrl(env);
  const store = oneOf<RateBudgetStore>(
    env,
    'RATE_BUDGET_STORE',
    ['memory', 'postgres', 'redis'],
    redis ? 'redis' : 'memory',
  );
  if (store === 'redis' && !redis) {
    throw new ConfigError('REDIS_URL', 'is required when RATE_BUDGET_STORE=redis (such as redis://127.0.0.1:6379)');
  }
  if (store === 'postgres' && !env.DATABASE_URL) {
    throw new ConfigError(
      'RATE_BUDGET_STORE',
      'postgres needs DATABASE_URL: the embedded database serves a single process, whose budget memory already holds',
    );
  }
  const redisKeyPrefix = matching(
    env,
    'REDIS_KEY_PREFIX',
    /^[A-Za-z0-9:._-]{1,64}$/,
    'municipal-diplomacy:',
    'must be 1 to 64 characters from A-Z a-z 0-9 : . _ -',
  );
  return { rateBudgetStore: store, redisUrl: redis, redisKeyPrefix };
}

function servingConfig(env: Env): ServingConfig {
  const maxCost = integer(env, 'MAX_QUERY_COST', 25_000, 1, 1_000_000);
  const rateLimitCapacity = integer(env, 'RATE_LIMIT_CAPACITY', 100_000, 1, 100_000_000);
  if (rateLimitCapacity < maxCost) {
    throw new ConfigError(
      'RATE_LIMIT_CAPACITY',
      `must be at least MAX_QUERY_COST (${maxCost}), or the costliest allowed query could never run`,
    );
  }
  return {
    maxDepth: integer(env, 'MAX_QUERY_DEPTH', 12, 1, 100),
    maxCost,
    maxAliases: integer(env, 'MAX_QUERY_ALIASES', 30, 0, 10_000),
    maxFragments: integer(env, 'MAX_QUERY_FRAGMENTS', 30, 0, 10_000),
    maxTokens: integer(env, 'MAX_QUERY_TOKENS', 5000, 100, 1_000_000),
    bodyLimitBytes: integer(env, 'REQUEST_BODY_LIMIT', 1024 * 1024, 1024, 100 * 1024 * 1024),
    rateLimitCapacity,
    rateLimitRestoreRate: integer(env, 'RATE_LIMIT_RESTORE_RATE', 5000, 1, 100_000_000),
    ...rateBudget(env),
    cacheMaxAgeSeconds: integer(env, 'CACHE_MAX_AGE', 60, 0, 31_536_000),
    responseCacheMb: integer(env, 'RESPONSE_CACHE_MB', 64, 0, 65_536),
    responseCacheTtlSeconds: integer(env, 'RESPONSE_CACHE_TTL', 600, 1, 86_400),
    corsOrigins: origins(env),
    trustProxy: boolean(env, 'TRUST_PROXY', false),
    statementTimeoutMs: integer(env, 'STATEMENT_TIMEOUT_MS', 10_000, 0, 3_600_000),
    slowStatementMs: integer(env, 'SLOW_STATEMENT_MS', 1000, 0, 3_600_000),
    databaseConnectTimeoutMs: integer(env, 'DATABASE_CONNECT_TIMEOUT_MS', 3000, 100, 600_000),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    // 5 s in production: HAProxy as deploy/haproxy.cfg sets it up (a check every 1 s, down
    // after 2 failures, 1 s each at most) takes up to 4 s to stop sending, and a Kubernetes
    // Service takes a few seconds to drop an endpoint. 0 elsewhere: nothing balances a
    // developer's process, and Ctrl-C should stop it at once.
    shutdownDrainDelayMs: integer(env, 'SHUTDOWN_DRAIN_DELAY_MS', env.NODE_ENV === 'production' ? 5000 : 0, 0, 600_000),
    metricsToken: matching(
      env,
      'METRICS_TOKEN',
      /^[A-Za-z0-9._~+/=-]{16,512}$/,
      undefined,
      'must be 16 to 512 characters from A-Z a-z 0-9 - . _ ~ + / = (a bearer token)',
      true,
    ),
    workMem: matching(
      env,
      'DATABASE_WORK_MEM',
      /^[1-9][0-9]{0,6}(kB|MB)$/,
      DEFAULT_WORK_MEM,
      'must be PostgreSQL memory in kB or MB, such as 8MB or 512kB (1 to 9999999, no space)',
    ),
  };
}
