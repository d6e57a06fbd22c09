import { Pool } from 'pg';
import { takeResult, TakeResult } from './leaky-bucket';
import { SharedBuckets } from './rate-budget';

/**
 * One take, in one statement: the row is locked by the upsert, so concurrent takes of one
 * key from any number of processes queue on it and each sees the level the previous left.
 * The drain is computed from the row's own time and the clock read for this statement
 * (EXCLUDED.updated_at: the one server's clock_timestamp(), whatever the processes' clocks);
 * a statement that read the clock before waiting for the lock finds a later time in the row
 * and drains nothing rather than going back in time. A refused take pours nothing: it keeps
 * the drained level. `allowed` is stored because RETURNING sees only the new row.
 */
const DRAINED = `greatest(0, bucket.level - greatest(0, extract(epoch FROM EXCLUDED.updated_at - bucket.updated_at)::float8) * $4::float8)`;
const TAKE = `
  INSERT INTO rate_budget AS bucket (key, level, allowed, updated_at)
  VALUES ($1, CASE WHEN $2::float8 <= $3::float8 THEN $2::float8 ELSE 0 END, $2::float8 <= $3::float8, clock_timestamp())
  ON CONFLICT (key) DO UPDATE SET
    allowed = ${DRAINED} + $2::float8 <= $3::float8,
    level = CASE WHEN ${DRAINED} + $2::float8 <= $3::float8 THEN ${DRAINED} + $2::float8 ELSE ${DRAINED} END,
    updated_at = greatest(bucket.updated_at, EXCLUDED.updated_at)
  RETURNING allowed, level`;

/** How often each process deletes buckets that have drained empty, and at most how many at once. */
const SWEEP_EVERY_MS = 60_000;
const SWEEP_AT_MOST = 10_000;

/**
 * The drained-empty condition is repeated in the outer WHERE so that a row a take refilled
 * between the sub-select and the delete is kept (READ COMMITTED re-checks it on the new row).
 */
const SWEEP = `
  DELETE FROM rate_budget WHERE key IN (
    SELECT key FROM rate_budget WHERE updated_at + make_interval(secs => level / $1) < clock_timestamp() LIMIT $2
  ) AND updated_at + make_interval(secs => level / $1) < clock_timestamp()`;

/**
 * The buckets in PostgreSQL's UNLOGGED table rate_budget (migrations/1765002000000-RateBudget.ts),
 * through the API's own pool (the primary's: a take is a write). The statement is prepared
 * (named) on each connection: it is the same text every time, and planning it would cost more
 * than running it. It is not counted in a request's x-sql-statements, which counts the
 * register's reads. A pool with no free connection makes a take wait up to
 * DATABASE_CONNECT_TIMEOUT_MS, then fail, and the request falls back (src/limits/rate-budget.ts).
 */
export class PostgresBuckets implements SharedBuckets {
  readonly name = 'postgres';
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly pool: Pool,
    private readonly capacity: number,
    private readonly restoreRate: number,
    onSweepFailed: (error: unknown) => void,
  ) {
    this.sweeper = setInterval(() => void this.sweep().catch(onSweepFailed), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  async take(storedKey: string, cost: number): Promise<TakeResult> {
    const { rows } = await this.pool.query<{ allowed: boolean; level: number }>({
      name: 'rate_budget_take',
      text: TAKE,
      values: [storedKey, cost, this.capacity, this.restoreRate],
    });
    const [{ allowed, level }] = rows;
    return takeResult(allowed, level, cost, this.capacity, this.restoreRate);
  }

  /** Deletes buckets that have drained empty (a deleted bucket and an empty one take alike); returns how many. */
  async sweep(): Promise<number> {
    const { rowCount } = await this.pool.query(SWEEP, [this.restoreRate, SWEEP_AT_MOST]);
    return rowCount ?? 0;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }
}
