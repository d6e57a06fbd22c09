import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import http, { IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { authenticate } from './auth/caller';
import { Config } from './config';
import { Context, createContext } from './context';
import { Database } from './database';
import { createLogger, Logger } from './logger';
import { countStatements } from './database/statement-counter';
import { refusingDatabaseFailures } from './errors/database-refusal';
import { createGraphiQLHandler } from './http/graphiql';
import { metricsAccess } from './http/metrics-access';
import { parseBody, readBody } from './http/read-body';
import { checkReadiness } from './http/readiness';
import { sendJson, sendText } from './http/responses';
import { statusForMediaType } from './http/request-errors';
import { currentScope } from './observability/request-scope';
import { responseCachePlugins } from './http/response-cache';
import { readRoutingPlugin } from './http/read-routing.plugin';
import { servedOperationsRule } from './http/served-operations';
import { createServing, Serving } from './http/serving';
import { budgetKeyOf, clientAddressOf } from './http/request-info';
import { createLiveServing, LiveServing } from './live/live-serving';
import { startChangeCompaction } from './modules/change';
import { buildApiSchema } from './schema';
import { Services } from './services';

export interface RunningServer {
  url: string;
  apollo: ApolloServer<Context>;
  services: Services;
  /** Subscriptions over WebSocket and SSE; `live.stats()` counts cohort executions and pushes. */
  live: LiveServing;
  /**
   * Fails /readyz and keeps serving for SHUTDOWN_DRAIN_DELAY_MS, then stops accepting, lets
   * live pushes in flight finish, closes WebSockets (1001), event streams and the LISTEN
   * connection, and lets requests in flight finish within SHUTDOWN_TIMEOUT_MS, cutting the rest.
   */
  stop(): Promise<void>;
}

/** Builds the GraphQL server over an open database and listens. No side effects on import. */
/** `logger` is the process's one logger (main.ts makes it); tests may leave it out. */
export async function createServer(
  config: Config,
  database: Database,
  logger: Logger = createLogger(config),
): Promise<RunningServer> {
  const services = new Services(database.dataSource, database.kind, {
    replicas: { dataSources: database.replicas ?? [], ...config.replicas },
    listenUrl: config.databaseDirectUrl,
    prepareStatements: config.prepareStatements,
  });
  const serving = createServing(config, database.dataSource, logger);
  serving.metrics.watchReplicas(() => services.reads.stats());
  const graphiql = config.graphiql ? createGraphiQLHandler() : undefined;
  const schema = buildApiSchema();
  const live = createLiveServing({
    config,
    schema,
    services,
    budget: serving.budget,
    metrics: serving.metrics.live,
    naming: { addressOf: (request) => clientAddressOf(request, config.serving.trustProxy), budgetKeyOf },
    logger,
    formatError: serving.apollo.formatError,
  });
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: config.introspection,
    // CSRF prevention guards cookie sessions; this API authenticates only by Authorization:
    // Bearer, which a cross-site form, link or image cannot send, so what such a request can
    // do is what anyone may do anonymously. Apollo still refuses mutations over GET (405)
    // and POST bodies that are not JSON (400), whatever this option says. Off, plain GET
    // queries (with URL-encoded variables) work, as GraphQL over HTTP lets clients expect.
    csrfPrevention: false,
    validationRules: [servedOperationsRule],
    includeStacktraceInErrorResponses: config.environment !== 'production',
    // main.ts owns the signals (drain, deadline, second signal forces exit); Apollo's own
    // handler would stop it early and re-send the signal, which main reads as a second one.
    stopOnTerminationSignals: false,
    formatError: serving.apollo.formatError,
    parseOptions: serving.apollo.parseOptions,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ...serving.apollo.plugins,
      readRoutingPlugin(),
      ...responseCachePlugins(config.serving),
    ],
  });
  await apollo.start();
  const httpServer = http.createServer((request, response) => {
    // Once stop() has stopped accepting, a keep-alive connection whose answer was in flight is
    // closed as soon as that answer is written, not held open until the keep-alive timeout.
    response.once('finish', () => {
      if (!httpServer.listening) setImmediate(() => httpServer.closeIdleConnections());
    });
    void serving.handle(request, response, async () => {
      if (graphiql?.handle(request, response)) return;
      await route({ apollo, services, serving, config, live }, request, response);
    });
  });
  httpServer.on('upgrade', (request, socket, head) => live.handleUpgrade(request, socket, head));
  await live.start();
  await services.reads.start();
  // Any process may compact the feed; an advisory lock lets one at a time.
  const stopCompaction = startChangeCompaction(services.manager, config.live.changeRetentionDays, (error) =>
    logger.warn({ err: error }, 'change feed compaction failed'),
  );
  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  return {
    url: `http://${host}:${port}/graphql`,
    apollo,
    services,
    live,
    async stop() {
      // /readyz fails from here while everything is still served: the load balancer must see
      // the failed check and send new requests elsewhere before this process stops accepting.
      serving.stopping = true;
      await new Promise((resolve) => setTimeout(resolve, config.serving.shutdownDrainDelayMs));
      logger.info('drained: no longer accepting, finishing requests in flight');
      stopCompaction();
      await live.stop();
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      // Requests still running at the deadline are cut: a stuck client must not hold the exit.
      const deadline = setTimeout(() => httpServer.closeAllConnections(), config.serving.shutdownTimeoutMs);
      await closed;
      clearTimeout(deadline);
      await apollo.stop();
      await services.reads.stop();
      await serving.budget.close();
    },
  };
}

/** What the router hands requests to. */
interface Routes {
  apollo: ApolloServer<Context>;
  services: Services;
  serving: Serving;
  config: Config;
  live: LiveServing;
}

async function route(
  { apollo, services, serving, config, live }: Routes,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname === '/healthz') {
    return sendJson(response, 200, { status: 'ok' });
  }
  if (url.pathname === '/readyz') {
    const readiness = await checkReadiness(
      services.dataSource,
      serving.stopping,
      config.serving.databaseConnectTimeoutMs,
    );
    return sendJson(response, readiness.ready ? 200 : 503, readiness);
  }
  if (url.pathname === '/metrics') return serveMetrics(serving, config, request, response);
  if (url.pathname === '/graphql' && /\btext\/event-stream\b/.test(request.headers.accept ?? '')) {
    const body = request.method === 'POST' ? await readBody(request, config.serving.bodyLimitBytes) : '';
    return live.serveEventStream(request, response, body);
  }
  if (url.pathname === '/graphql') {
    return serveGraphQL(apollo, services, config, request, response, url.search);
  }
  return sendJson(response, 404, { error: `no such path: ${url.pathname}` });
}

async function serveMetrics(serving: Serving, config: Config, request: IncomingMessage, response: ServerResponse) {
  const access = metricsAccess(config.serving.metricsToken, config.environment === 'production', request);
  if (access === 'hidden') return sendJson(response, 404, { error: 'no such path: /metrics' });
  if (access === 'unauthorized') {
    response.setHeader('www-authenticate', 'Bearer realm="metrics"');
    return sendJson(response, 401, { error: 'GET /metrics needs the header Authorization: Bearer <METRICS_TOKEN>' });
  }
  return sendText(response, 200, await serving.metrics.registry.metrics(), serving.metrics.registry.contentType);
}

async function serveGraphQL(
  apollo: ApolloServer<Context>,
  services: Services,
  config: Config,
  request: IncomingMessage,
  response: ServerResponse,
  search: string,
) {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const text = request.method === 'POST' ? await readBody(request, config.serving.bodyLimitBytes) : '';
  const body = parseBody(request.headers['content-type'], text);
  const { result, tally } = await countStatements(() =>
    apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method?.toUpperCase() ?? 'GET', headers, search, body },
      // An unknown, revoked or expired key fails here: UNAUTHENTICATED, HTTP 401; the
      // database failing the key's look-up: DATABASE_UNAVAILABLE or SERVER_BUSY, HTTP 503.
      context: () =>
        refusingDatabaseFailures(async () =>
          createContext(
            services,
            await authenticate(services.manager, request.headers.authorization, config.anonymousReads),
          ),
        ),
    }),
  );
  for (const [name, value] of result.headers) response.setHeader(name, value);
  response.setHeader('x-sql-statements', String(tally.statements));
  const scope = currentScope();
  if (scope) scope.statements = tally.statements;
  response.statusCode = statusForMediaType(
    result.status ?? 200,
    result.headers.get('content-type'),
    scope?.requestError === true,
  );
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}
