import { GraphQLError, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Duplex } from 'node:stream';
import { Config } from '../config';
import { RateBudget } from '../limits/rate-budget';
import { LiveMetrics } from '../observability/metrics';
import { Services } from '../services';
import { ClientNaming, identify } from './callers';
import { SubscriptionGateway } from './gateway';
import { LiveQueries } from './live-queries';
import { Logger } from '../logger';
import { LocalSubscriptionQuota, SubscriptionQuota } from './quota';
import { RedisSubscriptionQuota } from './redis-quota';
import { SseTransport } from './sse';
import { WebSocketTransport } from './websocket';

/** Subscriptions of one server, over both transports. */
export interface LiveServing {
  /** The HTTP server's `upgrade` event: WebSockets at /graphql. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** An event-stream request at /graphql (Accept: text/event-stream), its body read. */
  serveEventStream(request: IncomingMessage, response: ServerResponse, body: string): Promise<void>;
  /**
   * What has happened so far, read in-process (a bench in another process reads the same from
   * GET /metrics: live_cohort_executions_total, live_pushes_total...).
   */
  stats(): LiveMetrics['counts'];
  /** Starts hearing the register's changes. */
  start(): Promise<void>;
  /**
   * Refuses new sockets and subscriptions, lets executions in flight push their answers, closes
   * every WebSocket with 1001 and ends every event stream, then stops the cohorts and the LISTEN.
   */
  stop(): Promise<void>;
}

export interface LiveServingOptions {
  config: Config;
  schema: GraphQLSchema;
  services: Services;
  budget: RateBudget;
  metrics: LiveMetrics;
  naming: ClientNaming;
  logger: Logger;
  /** The server's (Apollo's) formatError: subscription errors leave as HTTP errors do. */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
}

export function createLiveServing(options: LiveServingOptions): LiveServing {
  const { config, schema, services, metrics } = options;
  const formatError = (error: GraphQLError): GraphQLFormattedError => {
    // The HTTP status an error carries is for Apollo's response, not for clients to read.
    const { http: _http, ...extensions } = error.extensions ?? {};
    return options.formatError({ ...error.toJSON(), extensions }, error);
  };
  const quota = createSubscriptionQuota(config, options.logger, metrics);
  const liveQueries = new LiveQueries({ schema, services, settings: config.live, metrics, formatError });
  const gateway = new SubscriptionGateway({
    schema,
    services,
    limits: config.serving,
    budget: options.budget,
    quota,
    liveQueries,
    metrics,
    formatError,
    subscriberBufferBytes: config.live.subscriberBufferBytes,
  });
  const who = (request: IncomingMessage, authorization: string | undefined) =>
    identify(services, options.naming, config.anonymousReads, request, authorization);
  const webSockets = new WebSocketTransport({
    gateway,
    settings: config.live,
    metrics,
    formatError,
    bodyLimitBytes: config.serving.bodyLimitBytes,
    identify: who,
  });
  const eventStreams = new SseTransport({ gateway, metrics, formatError, identify: who });
  return {
    handleUpgrade: (request, socket, head) => webSockets.handleUpgrade(request, socket, head),
    serveEventStream: (request, response, body) => eventStreams.serve(request, response, body),
    stats: () => metrics.counts,
    async start() {
      liveQueries.start();
      await services.changeNotices.start();
    },
    async stop() {
      gateway.stopping = true;
      webSockets.stopping = true;
      await liveQueries.settled();
      await Promise.all([webSockets.closeAll(), eventStreams.endAll()]);
      await liveQueries.stop();
      await Promise.all([services.changeNotices.close(), quota.close()]);
    },
  };
}

/**
 * SUBSCRIPTIONS_PER_KEY across every process when the rate budget's store is Redis (the same
 * REDIS_URL and REDIS_KEY_PREFIX). With the memory and postgres stores each process keeps its
 * own count: memory is the single-process default, and a quota in PostgreSQL was not built
 * (a subscription held for hours is a poor fit for an UNLOGGED row kept by heartbeats).
 */
function createSubscriptionQuota(config: Config, logger: Logger, metrics: LiveMetrics): SubscriptionQuota {
  const { rateBudgetStore, redisUrl, redisKeyPrefix } = config.serving;
  const maxPerSubscriber = config.live.maxSubscriptionsPerKey;
  if (rateBudgetStore !== 'redis') return new LocalSubscriptionQuota(maxPerSubscriber);
  return new RedisSubscriptionQuota({
    url: redisUrl!,
    keyPrefix: redisKeyPrefix,
    maxPerSubscriber,
    logger,
    fellBack: () => metrics.quotaFallback(),
  });
}
