import { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLFormattedError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { DataSource } from 'typeorm';
import { Config } from '../config';
import { createErrorFormatter } from '../errors/format-error';
import { limitsPlugin } from '../limits/limits.plugin';
import { createRateBudget, RateBudget } from '../limits/rate-budget';
import { Logger } from '../logger';
import { Metrics } from '../observability/metrics';
import { logRequest } from '../observability/request-log';
import { applyCors } from './cors';
import { clientKeyOf, requestIdOf } from './request-info';
import { RequestScope, runInScope } from '../observability/request-scope';
import { HttpError } from './read-body';
import { sendRequestError } from './responses';
import { servingPlugin } from './serving.plugin';

/** Everything production serving adds around Apollo, built once per server. */
export interface Serving {
  logger: Logger;
  metrics: Metrics;
  /**
   * Every caller's rate budget: HTTP requests and subscriptions (src/live) draw on the same one,
   * and with RATE_BUDGET_STORE=postgres or redis so do all processes. Closed by the server's stop().
   */
  budget: RateBudget;
  /** Apollo options: error formatting, parser limits and the plugins below. */
  apollo: {
    formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
    parseOptions: { maxTokens: number };
    plugins: ApolloServerPlugin<BaseContext>[];
  };
  /** Set on the first shutdown signal: readiness turns false, responses close their connection. */
  stopping: boolean;
  /** Runs one HTTP request with its id, CORS, scope, error net, log line and metrics. */
  handle(request: IncomingMessage, response: ServerResponse, route: () => Promise<void>): Promise<void>;
}

export function createServing(config: Config, dataSource: DataSource, logger: Logger): Serving {
  const { serving: settings } = config;
  const metrics = new Metrics(dataSource);
  const budget = createRateBudget(settings, dataSource, logger, metrics);
  const state: Serving = {
    logger,
    metrics,
    budget,
    stopping: false,
    apollo: {
      formatError: createErrorFormatter({ production: config.environment === 'production', logger }),
      parseOptions: { maxTokens: settings.maxTokens },
      plugins: [
        ApolloServerPluginCacheControlDisabled(),
        limitsPlugin(settings, budget),
        servingPlugin(settings.cacheMaxAgeSeconds),
      ],
    },
    async handle(request, response, route) {
      const startedAt = process.hrtime.bigint();
      const scope: RequestScope = {
        id: requestIdOf(request),
        clientKey: clientKeyOf(request, settings.trustProxy),
        // Any credentials at all make the answer private, valid or not.
        authenticated: request.headers.authorization !== undefined || request.headers.cookie !== undefined,
        statements: 0,
        errorCodes: [],
      };
      response.setHeader('x-request-id', scope.id);
      // The default; the serving plugin makes successful anonymous GET queries public.
      response.setHeader('cache-control', 'no-store');
      if (state.stopping) response.setHeader('connection', 'close');
      if (applyCors(settings.corsOrigins, request, response)) return;
      await runInScope(scope, async () => {
        try {
          await route();
        } catch (error) {
          const errorId = randomUUID();
          if (!(error instanceof HttpError))
            logger.error({ requestId: scope.id, errorId, err: error }, 'request failed');
          scope.errorCodes = [sendRequestError(response, error, errorId, settings.maxCost)];
        }
      });
      const durationSeconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      logRequest(logger, metrics, request, response, scope, durationSeconds);
    },
  };
  return state;
}
