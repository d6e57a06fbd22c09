import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createServer, RunningServer } from '../../src/server';
import { createTestDatabase, TestDatabase, TestDatabaseOptions } from './database';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  statements: number;
}

/** A server on its own database, reached over real HTTP like any client would. */
export interface TestServer {
  database: TestDatabase;
  server: RunningServer;
  query<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

export async function startTestServer(options: TestDatabaseOptions = { seeded: true }): Promise<TestServer> {
  const database = await createTestDatabase(options);
  const config = { ...loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent' }), databaseUrl: database.url };
  const server = await createServer(config, { dataSource: database.dataSource, kind: 'server', close: async () => {} });
  return {
    database,
    server,
    async query(query, variables, headers = {}) {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse, 'status' | 'statements'>;
      return { ...body, status: response.status, statements: Number(response.headers.get('x-sql-statements')) } as GraphQLResponse<any>;
    },
    async stop() {
      await server.stop();
      await database.drop();
    },
  };
}

/** A contract operation, read as written from ../shared/contract (the clients' own files). */
export function contractOperation(file: string): string {
  return readFileSync(path.resolve(__dirname, '../../../shared/contract', file), 'utf8');
}
