import { types } from 'pg';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { entities } from '../modules/entities';
import { StatementCountingLogger } from './statement-counter';

// PostgreSQL `date` values stay ISO strings ('2015-11-18'): turning them into JavaScript Dates
// would shift them by the server's time zone and lose that they are days, not instants.
types.setTypeParser(types.builtins.DATE, (value) => value);

export interface DataSourceOptions {
  url: string;
  poolSize: number;
  /** Called for statements slower than `maxQueryExecutionTime`. */
  onSlowQuery?: (milliseconds: number, query: string) => void;
}

/**
 * The one TypeORM data source, whatever PostgreSQL sits behind the URL (a server, or the
 * embedded PGlite's socket). The schema comes only from migrations: never `synchronize`.
 */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities,
    migrations,
    migrationsTableName: 'schema_migration',
    synchronize: false,
    migrationsRun: false,
    // Extensions are created by the migrations themselves, on both kinds of database.
    installExtensions: false,
    logger: new StatementCountingLogger(options.onSlowQuery),
    maxQueryExecutionTime: 1000,
    extra: { max: options.poolSize, connectionTimeoutMillis: 5000 },
  });
}
