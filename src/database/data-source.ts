import { Client, ClientConfig, types } from 'pg';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { DEFAULT_WORK_MEM } from '../config';
import { StatementCountingLogger } from './statement-counter';

// PostgreSQL `date` values stay ISO strings ('2015-11-18'): turning them into JavaScript Dates
// would shift them by the server's time zone and lose that they are days, not instants.
types.setTypeParser(types.builtins.DATE, (value) => value);

export interface DataSourceOptions {
  url: string;
  /** The entity classes (modules/entities.ts has the register's; open-database.ts passes them). */
  entities: Function[];
  poolSize: number;
  /** PostgreSQL `statement_timeout` of every connection, in ms; 0 or absent means none. */
  statementTimeoutMs?: number;
  /**
   * PostgreSQL `work_mem` of every connection ('4MB'): the memory one sort or hash of a
   * statement may take before it spills to disk, whatever the server's own configuration.
   */
  workMem?: string;
  /** How long to wait for a pool connection before failing (fail fast when PostgreSQL is gone). */
  connectTimeoutMs?: number;
  /** Statements slower than this many ms go to `onSlowStatement`; 0 or absent means none. */
  slowStatementMs?: number;
  onSlowStatement?: (milliseconds: number, query: string) => void;
}

/**
 * The one TypeORM data source, whatever PostgreSQL sits behind the URL (a server, or the
 * embedded PGlite's socket). The schema comes only from migrations: never `synchronize`.
 */
export function createDataSourceWith(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations,
    migrationsTableName: 'schema_migration',
    synchronize: false,
    migrationsRun: false,
    // Extensions are created by the migrations themselves, on both kinds of database.
    installExtensions: false,
    logger: new StatementCountingLogger(options.onSlowStatement),
    // TypeORM times every statement it sends against this (prepared-statements.ts does too).
    maxQueryExecutionTime: options.slowStatementMs || undefined,
    extra: {
      max: options.poolSize,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      // Sent in the start-up packet, so it holds for every statement on every connection.
      // PGlite accepts but does not enforce it (no timers inside WebAssembly).
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
      // Also in the start-up packet: a server tuned for analytics (work_mem of hundreds of MB)
      // must not lend that to every request. PGlite ignores start-up options: embedded.ts sets
      // its configuration file instead.
      options: `-c work_mem=${options.workMem ?? DEFAULT_WORK_MEM}`,
      keepAlive: true,
      Client: ResilientClient,
    },
  });
}

/**
 * pg emits 'error' on a client whose connection drops; pg-pool listens only while the client
 * is idle, so a drop while a request holds it would be an unhandled 'error' event and kill
 * the process. The failure still reaches the pending query, and the pool discards the client
 * on release (it is no longer queryable), so listening here loses nothing.
 */
class ResilientClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', () => {});
  }
}
