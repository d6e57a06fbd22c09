import { GraphQLError, GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { Channel } from '../src/common/channel';
import { loadConfig } from '../src/config';
import { SubscriptionGateway } from '../src/live/gateway';
import { LiveQueries } from '../src/live/live-queries';
import { LocalSubscriptionQuota } from '../src/live/quota';
import { MemoryBudget } from '../src/limits/rate-budget';
import { LiveMetrics } from '../src/observability/metrics';
import { Registry } from 'prom-client';
import { createTestDatabase, testDatabaseKind, TestDatabase } from './helpers/database';
import { Services } from '../src/services';

/*
 * A subscription field other than `live` (the change stream is one) goes through the same
 * gateway: limits and quota first, then graphql-js `subscribe`, its results formatted, and its
 * source ended when the subscriber leaves.
 */

let database: TestDatabase;
let services: Services;

beforeAll(async () => {
  database = await createTestDatabase();
  services = new Services(database.dataSource, testDatabaseKind());
});

afterAll(async () => {
  await database.drop();
});

/** A schema with one stream, `ticks`, fed by the test through `source`. */
function ticking() {
  let source: Channel<{ ticks: number }> | undefined;
  const query = new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLInt, resolve: () => 1 } } });
  const subscription = new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      ticks: {
        type: new GraphQLNonNull(GraphQLInt),
        subscribe: () => (source = new Channel<{ ticks: number }>()),
        resolve: (tick: { ticks: number }) => {
          if (tick.ticks < 0) throw new GraphQLError('negative tick', { extensions: { code: 'BAD_USER_INPUT' } });
          return tick.ticks;
        },
      },
    },
  });
  return { schema: new GraphQLSchema({ query, subscription }), source: () => source! };
}

function gateway(schema: GraphQLSchema) {
  const config = loadConfig({ SUBSCRIPTIONS_PER_KEY: '1' });
  const metrics = new LiveMetrics(new Registry());
  const formatError = (error: GraphQLError) => ({
    message: error.message,
    extensions: { code: error.extensions.code },
  });
  const liveQueries = new LiveQueries({ schema, services, settings: config.live, metrics, formatError });
  const opened = new SubscriptionGateway({
    schema,
    services,
    limits: config.serving,
    budget: new MemoryBudget(100, 1),
    quota: new LocalSubscriptionQuota(config.live.maxSubscriptionsPerKey),
    liveQueries,
    metrics,
    formatError,
    subscriberBufferBytes: config.live.subscriberBufferBytes,
  });
  return { opened, metrics };
}

const request = {
  caller: { kind: 'anonymous' as const },
  budgetKey: 'address:test',
  address: 'test',
  unsentBytes: () => 0,
  cutOff: () => {},
};

test('another subscription field streams its formatted results, and ends its source when the subscriber leaves', async () => {
  const { schema, source } = ticking();
  const { opened, metrics } = gateway(schema);
  const first = await opened.open({ ...request, query: 'subscription { ticks }' });
  if (!('results' in first)) throw new Error(JSON.stringify(first.errors));
  // The quota (1 here) holds while it is open...
  const second = await opened.open({ ...request, query: 'subscription { ticks }' });
  expect('errors' in second && second.errors.map((error) => error.extensions.code)).toEqual(['RATE_LIMITED']);
  await new Promise((resolve) => setImmediate(resolve));
  source().push({ ticks: 1 });
  source().push({ ticks: -1 });
  expect(await first.results.next()).toEqual({ done: false, value: { data: { ticks: 1 } } });
  expect(await first.results.next()).toEqual({
    done: false,
    value: { data: null, errors: [{ message: 'negative tick', extensions: { code: 'BAD_USER_INPUT' } }] },
  });
  expect(metrics.counts.subscriptions).toBe(1);
  await first.results.return();
  expect(source().isEnded).toBe(true);
  expect(metrics.counts.subscriptions).toBe(0);
  // ...and is given back when it ends.
  const third = await opened.open({ ...request, query: 'subscription { ticks }' });
  expect('results' in third).toBe(true);
  if ('results' in third) await third.results.return();
});

test('a document that does not parse or validate is refused with its code, and holds no quota', async () => {
  const { schema } = ticking();
  const { opened, metrics } = gateway(schema);
  const broken = await opened.open({ ...request, query: 'subscription {' });
  const invalid = await opened.open({ ...request, query: 'subscription { nope }' });
  expect([broken, invalid].map((result) => 'errors' in result && result.errors[0].extensions.code)).toEqual([
    'GRAPHQL_PARSE_FAILED',
    'GRAPHQL_VALIDATION_FAILED',
  ]);
  expect(metrics.counts.subscriptions).toBe(0);
  const served = await opened.open({ ...request, query: 'subscription { ticks }' });
  expect('results' in served).toBe(true);
  if ('results' in served) await served.results.return();
});
