import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createServer, RunningServer } from '../../src/server';
import { createDataSource } from '../../src/open-database';
import { createTestDatabase, testDatabaseKind, TestDatabase, TestDatabaseOptions, testPoolSize } from './database';
import { startTcpProxy, TcpProxy } from './tcp-proxy';

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
  /** Present when started with `viaProxy`: cut it to take the database away from the server. */
  proxy?: TcpProxy;
  query<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** The same as a GET request (with the header CSRF prevention asks of one), and its response headers. */
  get<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T> & { headers: Headers }>;
  stop(): Promise<void>;
}

export interface TestServerOptions extends TestDatabaseOptions {
  /** Environment variables for the server's configuration (MAX_QUERY_COST, NODE_ENV...). */
  env?: Record<string, string>;
  /** Reach the database through a TCP proxy the test can cut (`proxy`), on a pool of its own. */
  viaProxy?: boolean;
  /**
   * Read replicas of the test database (server PostgreSQL): for each, a URL with the replica's
   * port in place of the primary's (a streaming replica holds every database of its cluster).
   */
  replicaPorts?: number[];
}

export async function startTestServer(options: TestServerOptions = { seeded: true }): Promise<TestServer> {
  const database = await createTestDatabase(options);
  // Tests of other features run deliberately heavy queries (to count SQL statements) from one
  // address: lift the cost limit and the budget for them; the serving suites set their own.
  const generous = {
    MAX_QUERY_COST: '1000000',
    RATE_LIMIT_CAPACITY: '100000000',
    RATE_LIMIT_RESTORE_RATE: '100000000',
  };
  const config = {
    ...loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', ...generous, ...options.env }),
    databaseUrl: database.url,
  };
  const proxy = options.viaProxy ? await startTcpProxy(database.url) : undefined;
  const dataSource = proxy
    ? createDataSource({
        url: proxy.url,
        poolSize: testPoolSize(),
        connectTimeoutMs: config.serving.databaseConnectTimeoutMs,
        statementTimeoutMs: config.serving.statementTimeoutMs,
      })
    : database.dataSource;
  if (proxy) await dataSource.initialize();
  const replicas = replicaDataSources(database.url, options.replicaPorts ?? []);
  const server = await createServer(config, {
    dataSource,
    kind: testDatabaseKind(),
    replicas,
    close: async () => {},
  });
  return {
    database,
    server,
    proxy,
    query: (query, variables, headers = {}) => sendPost(server.url, query, variables, headers),
    get: (query, variables, headers = {}) => sendGet(server.url, query, variables, headers),
    async stop() {
      await server.stop();
      for (const replica of replicas) if (replica.isInitialized) await replica.destroy();
      if (proxy) {
        await proxy.close();
        await dataSource.destroy();
      }
      await database.drop();
    },
  };
}

/**
 * A second server process's stand-in: another server with its own pool, LISTEN connection
 * and caches over the same database as `of` (server PostgreSQL only: on the embedded database
 * a commit's notice reaches only the pool that made it, so it runs as one process).
 */
export async function startPeerServer(
  of: TestServer,
  env: Record<string, string> = {},
  replicaPorts: number[] = [],
): Promise<TestServer> {
  const config = {
    ...loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', ...env }),
    databaseUrl: of.database.url,
  };
  const dataSource = createDataSource({ url: of.database.url, poolSize: testPoolSize() });
  await dataSource.initialize();
  const replicas = replicaDataSources(of.database.url, replicaPorts);
  const server = await createServer(config, { dataSource, kind: testDatabaseKind(), replicas, close: async () => {} });
  const peer: TestServer = {
    database: { url: of.database.url, dataSource, drop: async () => {} },
    server,
    query: (query, variables, headers = {}) => sendPost(server.url, query, variables, headers),
    get: (query, variables, headers = {}) => sendGet(server.url, query, variables, headers),
    async stop() {
      await server.stop();
      await dataSource.destroy();
    },
  };
  return peer;
}

/** Data sources (not yet connected) on the same database as `url` at each replica's port. */
function replicaDataSources(url: string, ports: number[]) {
  return ports.map((port) => {
    const replica = new URL(url);
    replica.port = String(port);
    return createDataSource({ url: replica.toString(), poolSize: testPoolSize() });
  });
}

/** A contract operation, read as written from ../shared/contract (the clients' own files). */
export function contractOperation(file: string): string {
  return readFileSync(path.resolve(__dirname, '../../../shared/contract', file), 'utf8');
}

async function sendPost(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<any>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse, 'status' | 'statements'>;
  return {
    ...body,
    status: response.status,
    statements: Number(response.headers.get('x-sql-statements')),
  } as GraphQLResponse<any>;
}

async function sendGet(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<any> & { headers: Headers }> {
  const search = new URLSearchParams({ query, ...(variables ? { variables: JSON.stringify(variables) } : {}) });
  const response = await fetch(`${url}?${search}`, {
    headers: { accept: 'application/graphql-response+json', 'apollo-require-preflight': 'true', ...headers },
  });
  const body = (await response.json()) as Omit<GraphQLResponse, 'status' | 'statements'>;
  return {
    ...body,
    status: response.status,
    statements: Number(response.headers.get('x-sql-statements')),
    headers: response.headers,
  } as GraphQLResponse<any> & { headers: Headers };
}
