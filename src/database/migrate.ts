import { DataSource, MigrationExecutor } from 'typeorm';

/** Any fixed number: it names the lock that serializes migration runs across processes. */
const MIGRATION_LOCK = 727_001;

/**
 * Applies pending migrations under an advisory lock, so that two processes starting against
 * one database (two replicas, a server and an import) never migrate at the same time.
 * Returns the names of the migrations applied now.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    // The serving statement_timeout (10 s) is for requests; a migration that backfills a large
    // register takes longer (agreement_countries over 400,000 agreements: over 10 s) and
    // must not be cut. Reset when the connection goes back to the pool.
    await runner.query('SET statement_timeout = 0');
    try {
      // On the lock's own connection: the embedded database's pool has only one.
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      const applied = await executor.executePendingMigrations();
      return applied.map((migration) => migration.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      await runner.query('RESET statement_timeout');
    }
  } finally {
    await runner.release();
  }
}

/** True when every migration the code knows has been applied (for readiness checks). */
export async function migrationsCurrent(dataSource: DataSource): Promise<boolean> {
  return !(await dataSource.showMigrations());
}
