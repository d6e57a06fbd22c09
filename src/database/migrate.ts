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
    // The serving statement_timeout (10 s) is for requests. A migration that backfills a large
    // register takes longer (agreement_countries over 400,000 agreements: over 10 s), and a
    // replica starting meanwhile waits on the lock below as long: neither may be cut. The
    // RESET below gives the connection its timeout back before it returns to the pool.
    await runner.query('SET statement_timeout = 0');
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        // On the lock's own connection: the embedded database's pool has only one.
        const executor = new MigrationExecutor(dataSource, runner);
        executor.transaction = 'each';
        const applied = await executor.executePendingMigrations();
        return applied.map((migration) => migration.name);
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      }
    } finally {
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
