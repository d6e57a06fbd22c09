import 'reflect-metadata';
import { startDatabaseFactory } from './database-factory';

export default async function globalSetup(): Promise<void> {
  const factory = await startDatabaseFactory(process.env.DATABASE_URL || undefined);
  // Workers start after this and inherit the environment: that is how they find the factory.
  process.env.TEST_DATABASE_FACTORY = factory.url;
  (globalThis as { databaseFactory?: typeof factory }).databaseFactory = factory;
}
