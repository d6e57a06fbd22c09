import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/open-database';
import { EMBEDDED_POOL_SIZE } from '../../src/database/embedded';
import { seed } from '../../src/database/seed';

/** A database of this test file's own: nothing another file does can be seen in it. */
export interface TestDatabase {
  url: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** 'migrated' (default) has the schema; 'empty' has nothing, for migration tests. */
  state?: 'migrated' | 'empty';
  /** Load the founding story's seed data. */
  seeded?: boolean;
}

/** Pool size for a test's connections: one on the embedded database, as the application uses. */
export function testPoolSize(): number {
  return testDatabaseKind() === 'server' ? 5 : EMBEDDED_POOL_SIZE;
}

/** Which kind of database the tests run on: server PostgreSQL when DATABASE_URL names one. */
export function testDatabaseKind(): 'server' | 'embedded' {
  return process.env.DATABASE_URL ? 'server' : 'embedded';
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const factory = process.env.TEST_DATABASE_FACTORY;
  if (!factory) throw new Error('TEST_DATABASE_FACTORY is not set: run the tests through jest (npm test)');
  const response = await fetch(`${factory}/databases?state=${options.state ?? 'migrated'}`, { method: 'POST' });
  const created = (await response.json()) as { name: string; url: string; error?: string };
  if (!response.ok) throw new Error(`database factory: ${created.error}`);
  const dataSource = createDataSource({ url: created.url, poolSize: testPoolSize() });
  await dataSource.initialize();
  if (options.seeded) await dataSource.transaction((manager) => seed(manager));
  return {
    url: created.url,
    dataSource,
    async drop() {
      await dataSource.destroy();
      await fetch(`${factory}/databases/${created.name}`, { method: 'DELETE' });
    },
  };
}
