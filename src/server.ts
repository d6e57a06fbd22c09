import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import http, { IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Config } from './config';
import { Context, createContext } from './context';
import { Database } from './database';
import { countStatements } from './database/statement-counter';
import { HttpError, parseBody, readBody } from './http/read-body';
import { buildApiSchema } from './schema';
import { Services } from './services';

export interface RunningServer {
  url: string;
  apollo: ApolloServer<Context>;
  services: Services;
  stop(): Promise<void>;
}

const BODY_LIMIT = 1024 * 1024;

/** Builds the GraphQL server over an open database and listens. No side effects on import. */
export async function createServer(config: Config, database: Database): Promise<RunningServer> {
  const services = new Services(database.dataSource);
  const apollo = new ApolloServer<Context>({
    schema: buildApiSchema(),
    introspection: true,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: config.environment !== 'production',
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  const httpServer = http.createServer((request, response) => {
    route(apollo, services, request, response).catch((error: unknown) => sendError(response, error));
  });
  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  return {
    url: `http://${host}:${port}/graphql`,
    apollo,
    services,
    async stop() {
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeIdleConnections();
      });
      await apollo.stop();
    },
  };
}

async function route(apollo: ApolloServer<Context>, services: Services, request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname === '/healthz') {
    return sendJson(response, 200, { status: 'ok' });
  }
  if (url.pathname === '/graphql') {
    return serveGraphQL(apollo, services, request, response, url.search);
  }
  return sendJson(response, 404, { error: `no such path: ${url.pathname}` });
}

async function serveGraphQL(
  apollo: ApolloServer<Context>, services: Services, request: IncomingMessage, response: ServerResponse, search: string,
) {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const text = request.method === 'POST' ? await readBody(request, BODY_LIMIT) : '';
  const body = parseBody(request.headers['content-type'], text);
  const { result, tally } = await countStatements(() =>
    apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method?.toUpperCase() ?? 'GET', headers, search, body },
      context: async () => createContext(services),
    }),
  );
  for (const [name, value] of result.headers) response.setHeader(name, value);
  response.setHeader('x-sql-statements', String(tally.statements));
  response.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

function sendJson(response: ServerResponse, status: number, value: unknown) {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(value));
}

function sendError(response: ServerResponse, error: unknown) {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const status = error instanceof HttpError ? error.status : 500;
  const message = error instanceof HttpError ? error.message : 'internal server error';
  sendJson(response, status, { errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }] });
}
