import { loadConfig } from '../../src/config';
import { createDataSource } from '../../src/open-database';
import { createServer, RunningServer } from '../../src/server';
import { createTestDatabase, testDatabaseKind, TestDatabase, testPoolSize } from './database';
import { FaultProxy, startFaultProxy } from './fault-proxy';

/** A server whose pool reaches its own database only through a fault proxy the test controls. */
export interface FaultServer {
  database: TestDatabase;
  server: RunningServer;
  proxy: FaultProxy;
  /** POSTs an operation as a graphql-response+json client; the parsed body and the status. */
  post(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export async function startFaultServer(env: Record<string, string> = {}): Promise<FaultServer> {
  const database = await createTestDatabase({ seeded: false });
  const config = {
    ...loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', ...env }),
    databaseUrl: database.url,
  };
  const proxy = await startFaultProxy(database.url);
  const dataSource = createDataSource({
    url: proxy.url,
    poolSize: testPoolSize(),
    connectTimeoutMs: config.serving.databaseConnectTimeoutMs,
    statementTimeoutMs: config.serving.statementTimeoutMs,
  });
  await dataSource.initialize();
  const server = await createServer(config, { dataSource, kind: testDatabaseKind(), close: async () => {} });
  return {
    database,
    server,
    proxy,
    async post(query, variables, headers = {}) {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: await response.json() };
    },
    async stop() {
      await server.stop();
      await proxy.close();
      await dataSource.destroy();
      await database.drop();
    },
  };
}
