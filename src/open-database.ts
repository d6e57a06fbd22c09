import { Config } from './config';
import { createDataSourceWith, DataSourceOptions } from './database/data-source';
import { OpenedDatabase, openDatabaseWith } from './database';
import { createLogger, Logger } from './logger';
import { entities } from './modules/entities';

/*
 * The register's database: database/ knows PostgreSQL, PGlite, pools and migrations but not
 * which entities the modules define (it sits below them), so this is where the two meet.
 */

/** Opens (starting embedded PostgreSQL when there is no DATABASE_URL), migrates and seeds the register. */
export function openDatabase(config: Config, logger: Logger = createLogger(config)): Promise<OpenedDatabase> {
  return openDatabaseWith(entities, config, logger);
}

/** A data source on `url` with the register's entities, not yet initialized. */
export function createDataSource(options: Omit<DataSourceOptions, 'entities'>) {
  return createDataSourceWith({ ...options, entities });
}
