import 'reflect-metadata';
import { parse } from 'graphql';
import { Client } from 'pg';
import { concerns, Reach, recordTypesReached } from '../../src/live/relevance';
import { createDataSource } from '../../src/open-database';
import { buildApiSchema } from '../../src/schema';
import { LiveQuery } from './documents';

/**
 * What each live query reaches by the API's own rule (src/live/relevance.ts: the record types
 * whose changes may alter its answer, or everything), read with the API's schema and entity
 * metadata, so that "cohorts a change affects" means what the server decides, not a guess.
 */
export async function reachOf(databaseUrl: string, queries: readonly LiveQuery[]): Promise<Reach[]> {
  const dataSource = createDataSource({ url: databaseUrl, poolSize: 1 });
  await dataSource.initialize();
  try {
    const schema = buildApiSchema();
    return queries.map((query) => recordTypesReached(schema, parse(query.query), dataSource));
  } finally {
    await dataSource.destroy();
  }
}

/** A change notice as the register's trigger sends it (NOTIFY register_changes). */
export interface Notice {
  at: number;
  types: string[] | null;
}

/** Hears the register's notices on a connection of its own (straight to PostgreSQL, not counted). */
export class NoticeLog {
  readonly notices: Notice[] = [];
  private client: Client | undefined;

  async start(databaseUrl: string): Promise<void> {
    this.client = new Client({ connectionString: databaseUrl });
    await this.client.connect();
    this.client.on('notification', (message) => {
      if (message.channel !== 'register_changes') return;
      let types: string[] | null = null;
      try {
        types = JSON.parse(message.payload ?? '{}').types ?? null;
      } catch {
        types = null;
      }
      this.notices.push({ at: performance.now(), types });
    });
    await this.client.query('LISTEN register_changes');
  }

  async stop(): Promise<void> {
    await this.client?.end();
  }
}

/**
 * Cohorts the notices concern, summed: a notice concerns a cohort when the API would ask it to
 * run again (concerns(reach, types)); each process serving a live query has a cohort of its own.
 */
export function affectedCohorts(notices: readonly Notice[], cohorts: ReadonlyArray<{ reach: Reach }>): number {
  let total = 0;
  for (const notice of notices) for (const cohort of cohorts) if (concerns(cohort.reach, notice.types)) total++;
  return total;
}
