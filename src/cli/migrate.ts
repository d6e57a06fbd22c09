import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../open-database';

/** Applies pending migrations (npm run migrate); the server also does this on start. */
async function run(): Promise<void> {
  const database = await openDatabase({ ...loadConfig(), seedWhenEmpty: false });
  await database.close();
  const applied = database.migrationsApplied;
  process.stdout.write(applied.length ? `migrated: ${applied.join(', ')}\n` : 'migrations: up to date\n');
}

run().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError ? `configuration error: ${error.message}\n` : `${(error as Error)?.stack ?? error}\n`,
  );
  process.exit(1);
});
