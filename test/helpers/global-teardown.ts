import { DatabaseFactory } from './database-factory';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { databaseFactory?: DatabaseFactory }).databaseFactory?.close();
}
