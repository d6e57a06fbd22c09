import { DataSource } from 'typeorm';
import { Config } from '../config';
import { Logger } from '../logger';
import { createDataSourceWith } from './data-source';
import { EMBEDDED_POOL_SIZE, startEmbeddedPostgres } from './embedded';
import { migrate } from './migrate';
import { seed } from './seed';
import { statementExcerpt, statementName } from './statement-name';

/** An open, migrated database and the way to close everything opened for it. */
export interface Database {
  dataSource: DataSource;
  /** 'embedded' when running on PGlite in a data directory. */
  kind: 'embedded' | 'server';
  /**
   * Data sources on the read replicas (DATABASE_REPLICA_URLS), not yet connected: the server
   * connects to each at its first check, so a replica that is down at start-up delays nothing.
   */
  replicas?: DataSource[];
  close(): Promise<void>;
}

export interface OpenedDatabase extends Database {
  migrationsApplied: string[];
  seededRows: number;
}

/**
 * The single place where the two kinds of database differ: with a URL we connect to it;
 * without one we start embedded PostgreSQL first and connect to it the same way.
 */
export async function openDatabaseWith(entities: Function[], config: Config, logger: Logger): Promise<OpenedDatabase> {
  // The socket server refuses connections beyond its limit; the pool holds one (see
  // EMBEDDED_POOL_SIZE), the rest is room for a connection being replaced.
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({
        dataDirectory: config.dataDirectory,
        maxConnections: EMBEDDED_POOL_SIZE + 2,
        workMem: config.serving.workMem,
      });
  const sourceOn = (url: string, poolSize: number) =>
    createDataSourceWith({
      entities,
      url,
      poolSize,
      statementTimeoutMs: config.serving.statementTimeoutMs,
      workMem: config.serving.workMem,
      slowStatementMs: config.serving.slowStatementMs,
      onSlowStatement: (milliseconds, sql) =>
        logger.warn(
          { statement: statementName(sql), durationMs: milliseconds, sql: statementExcerpt(sql) },
          'slow statement',
        ),
      connectTimeoutMs: config.serving.databaseConnectTimeoutMs,
    });
  const dataSource = sourceOn(
    config.databaseUrl ?? embedded!.url,
    embedded ? EMBEDDED_POOL_SIZE : config.databasePoolSize,
  );
  const replicas = config.replicas.urls.map((url) => sourceOn(url, config.databasePoolSize));
  const close = async () => {
    for (const source of [dataSource, ...replicas]) if (source.isInitialized) await source.destroy();
    await embedded?.stop();
  };
  try {
    await dataSource.initialize();
    const migrationsApplied = await migrateOn(config.databaseDirectUrl, dataSource, sourceOn);
    const seededRows = config.seedWhenEmpty ? await seedIfEmpty(dataSource) : 0;
    return {
      dataSource,
      kind: embedded ? 'embedded' : 'server',
      replicas,
      close,
      migrationsApplied,
      seededRows,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Migrates through `dataSource`, or through a connection of its own to `directUrl`: behind a
 * transaction pooler, the migration's session-level advisory lock could be taken on one server
 * connection and released on another, and then held until that connection closed.
 */
async function migrateOn(
  directUrl: string | undefined,
  dataSource: DataSource,
  sourceOn: (url: string, poolSize: number) => DataSource,
): Promise<string[]> {
  if (!directUrl) return migrate(dataSource);
  const direct = sourceOn(directUrl, 1);
  await direct.initialize();
  try {
    return await migrate(direct);
  } finally {
    await direct.destroy();
  }
}

/** Loads the founding story when the register holds no municipality yet. */
export async function seedIfEmpty(dataSource: DataSource): Promise<number> {
  const [{ empty }] = await dataSource.query('SELECT NOT EXISTS (SELECT 1 FROM municipality) AS empty');
  if (!empty) return 0;
  const { inserted } = await dataSource.transaction((manager) => seed(manager));
  return inserted;
}
