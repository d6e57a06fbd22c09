import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../open-database';
import { seed } from '../database/seed';

/** Loads the founding story's seed data (npm run seed); running it again changes nothing. */
async function run(): Promise<void> {
  const database = await openDatabase({ ...loadConfig(), seedWhenEmpty: false });
  try {
    const { inserted } = await database.dataSource.transaction((manager) => seed(manager));
    process.stdout.write(
      inserted === 0 ? 'seed: already loaded, nothing changed\n' : `seed: inserted ${inserted} rows\n`,
    );
  } finally {
    await database.close();
  }
}

run().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError ? `configuration error: ${error.message}\n` : `${(error as Error)?.stack ?? error}\n`,
  );
  process.exit(1);
});
