import { createHash } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { EntityManager } from 'typeorm';

/** Most statement texts a process prepares; any others run unprepared. */
const MAX_PREPARED = 500;

/**
 * Read statements sent as named prepared statements, on server PostgreSQL. The reads of a
 * request repeat a small set of texts (one per loader and combination of loaders a query
 * shape makes), and for most of them PostgreSQL spends more on parsing and planning than on
 * running (a host's visits' second wave: 1.3 to 3.3 ms planning, 0.3 ms running; EXPLAIN
 * ANALYZE at scale 1). Prepared, a text is parsed once per connection; the connections plan
 * each run for its parameters (`customPlans` in data-source.ts), since generic plans made
 * filtered agreement pages slower. Measured at scale 1, 16 connections, 10 s each, same
 * run: host's visits 368 → 389 requests/s, city card 696 → 751, node lookup 1,710 → 1,905.
 *
 * The texts prepared are capped per process (each holds memory in every connection). The
 * embedded database never prepares: its one session is shared by every socket connection,
 * so a name prepared on a connection since closed would clash with a new one's.
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
    let broken: Error | undefined;
    const started = Date.now();
    try {
      const result = await client.query<R & object>({ name: this.nameOf(sql), text: sql, values: params });
      const elapsed = Date.now() - started;
      const slow = this.manager.connection.options.maxQueryExecutionTime;
      if (slow && elapsed > slow) logger.logQuerySlow(elapsed, sql, params);
      return result.rows;
    } catch (error) {
      // A connection that failed mid-statement is not given back to the pool.
      if ((error as { code?: string }).code === undefined) broken = error as Error;
      throw error;
    } finally {
      client.release(broken);
    }
  }

  private nameOf(sql: string): string | undefined {
    let name = this.names.get(sql);
    if (!name && this.names.size < MAX_PREPARED) {
      name = `read_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
      this.names.set(sql, name);
    }
    return name;
  }
}
