import {
  GraphQLFieldConfig,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { buildSchemaSync, NonEmptyArray, PubSub } from 'type-graphql';
import { documentArgumentLimits } from './limits/argument-docs';

/**
 * Every class exported by a `*.resolver` file under modules/ is part of the API: a module adds
 * resolvers by adding the file, and no central list can forget one. Works for the compiled .js files and for the TypeScript
 * sources under jest alike.
 */
function discoverResolvers(): NonEmptyArray<Function> {
  const modules = path.join(__dirname, 'modules');
  const files = (readdirSync(modules, { recursive: true }) as string[])
    .filter((file) => /\.resolver\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'))
    .sort();
  const classes = files
    // A require, not an import: the files are found at run time (and must load synchronously).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    .flatMap((file) => Object.values(require(path.join(modules, file)) as Record<string, unknown>))
    .filter((value): value is Function => typeof value === 'function');
  if (classes.length === 0) throw new Error(`no resolvers found under ${modules}`);
  return classes as NonEmptyArray<Function>;
}

/**
 * type-graphql refuses to build subscriptions without a PubSub, even when every one brings its
 * own `subscribe` (registerChanged reads the change feed): this one has no topics to give.
 */
const NO_TOPICS: PubSub = {
  publish() {
    throw new Error('this API publishes no topics: subscriptions bring their own streams');
  },
  subscribe() {
    throw new Error('this API has no topics: subscriptions bring their own streams');
  },
};

/** The name of the Subscription field that serves live queries (src/live/live-queries.ts). */
export const LIVE_FIELD = 'live';

/**
 * `Subscription.live: Query!`, added to whatever Subscription type the modules declare. A field,
 * not an `@live` directive: GraphiQL, Apollo Client and urql send only `subscription` operations
 * over their WebSocket, so a live query must be one. The transports (src/live) serve it by
 * cohorts without calling `subscribe` below, which only answers a caller that went around them.
 */
function liveField(query: GraphQLObjectType): GraphQLFieldConfig<unknown, unknown> {
  return {
    type: new GraphQLNonNull(query),
    description:
      'A live query: any query under it, answered at once and then again whenever a committed change could alter the answer, and only when the answer differs. Subscribers asking the same document, variables and key share one execution per change, at most one every LIVE_THROTTLE_MS (250 ms by default). Served over WebSocket (graphql-ws) and SSE (Accept: text/event-stream) at /graphql.',
    subscribe: () => {
      throw new Error('live queries are served by the subscription transports (src/live), not by graphql-js subscribe');
    },
    resolve: (root) => root,
  };
}

/** The schema with `live` on its Subscription type, rebuilt so that each type name appears once. */
function withLiveField(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  if (!query) throw new Error('the schema has no Query type');
  const existing = schema.getSubscriptionType();
  const subscription = new GraphQLObjectType({
    name: 'Subscription',
    description:
      "Streams over WebSocket (graphql-ws) and SSE: live queries, and the register's changes as they commit.",
    fields: () => ({ ...(existing?.toConfig().fields ?? {}), [LIVE_FIELD]: liveField(query) }),
  });
  const config = schema.toConfig();
  return new GraphQLSchema({
    ...config,
    subscription,
    types: config.types.filter((type) => type !== existing),
  });
}

/** The GraphQL schema, built from the modules' decorated classes. */
export function buildApiSchema(): GraphQLSchema {
  const schema = withLiveField(buildSchemaSync({ resolvers: discoverResolvers(), validate: false, pubSub: NO_TOPICS }));
  // type-graphql has no decorator for the root types' descriptions; GraphiQL shows them first.
  const query = schema.getQueryType();
  if (query)
    query.description = 'Reading the register: municipalities, agreements, visits, people and the evidence for each.';
  const mutation = schema.getMutationType();
  if (mutation)
    mutation.description = 'Changing the register: every write is validated, attributed and done in one transaction.';
  const subscription = schema.getSubscriptionType();
  if (subscription)
    subscription.description =
      'Following the register as it changes, over WebSocket (graphql-ws) or Server-Sent Events at /graphql.';
  documentArgumentLimits(schema);
  return schema;
}

/** The schema as committed in schema.graphql: sorted, so that diffs show real changes only. */
export function printApiSchema(schema: GraphQLSchema = buildApiSchema()): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
