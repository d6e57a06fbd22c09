import { Pool, PoolClient } from 'pg';
import { EntityManager } from 'typeorm';
import { statementName } from './statement-name';

/** Most statement texts a process prepares; any others run unprepared. */
const MAX_PREPARED = 500;

/** SQLSTATE of "cached plan must not change result type": the schema changed under a prepared `SELECT *`. */
const CACHED_PLAN_CHANGED = '0A000';

/**
 * Loaders' key lookups sent as named prepared statements, on server PostgreSQL. A request
 * repeats a small set of texts (one per loader and combination of loaders a query shape
 * makes), and for most of them PostgreSQL spends more on parsing and planning than on running
 * (a host's visits' second wave: 1.3 to 3.3 ms planning, 0.3 ms running; EXPLAIN ANALYZE at
 * scale 1). Prepared, a text is parsed once per connection, and after five runs PostgreSQL
 * may keep a generic plan, which for a lookup by keys is the plan it would make anyway. Lists
 * with filters are not prepared (a generic plan made agreement pages by area and country 16%
 * slower). Measured at scale 1, 16 connections, 8 s each, one run, unprepared → prepared:
 * host's visits 382 → 392 requests/s, city card 740 → 781, node lookup 1,855 → 2,126,
 * agreements page 87 → 85 (its page and count are not prepared).
 *
 * The texts prepared are capped per process, first come (each holds memory in every
 * connection). If another process changes the schema, a prepared `SELECT *` fails with
 * CACHED_PLAN_CHANGED: that connection is dropped and the statement sent again unprepared.
 * The embedded database never prepares: its one session is shared by every socket
 * connection, so a name prepared on a connection since closed would clash with a new one's.
 */
export class PreparedStatements {
  private readonly names = new Map<string, string>();

  constructor(private readonly manager: EntityManager) {}

  async query<R>(sql: string, params: unknown[]): Promise<R[]> {
    // Counted, and logged when slow, like every statement TypeORM sends.
    const logger = this.manager.connection.logger;
    logger.logQuery(sql, params);
    const pool = (this.manager.connection.driver as unknown as { master: Pool }).master;
    const client: PoolClient = await pool.connect();
    let drop: Error | undefined;
    const started = Date.now();
    try {
      const result = await client.query<R & object>({ name: this.nameOf(sql), text: sql, values: params });
      const elapsed = Date.now() - started;
      const slow = this.manager.connection.options.maxQueryExecutionTime;
      if (slow && elapsed > slow) logger.logQuerySlow(elapsed, sql, params);
      return result.rows;
    } catch (error) {
      const code = (error as { code?: string }).code;
      // A connection that failed mid-statement, or holds a stale plan, is not given back.
      if (code === undefined || code === CACHED_PLAN_CHANGED) drop = error as Error;
      if (code === CACHED_PLAN_CHANGED) return this.manager.query(sql, params);
      throw error;
    } finally {
      client.release(drop);
    }
  }

  private nameOf(sql: string): string | undefined {
    let name = this.names.get(sql);
    if (!name && this.names.size < MAX_PREPARED) {
      name = statementName(sql);
      this.names.set(sql, name);
    }
    return name;
  }
}
