import { GraphQLError } from 'graphql';
import pino from 'pino';
import { QueryFailedError } from 'typeorm';
import { createErrorFormatter } from '../src/errors/format-error';
import { LeakyBuckets } from '../src/limits/leaky-bucket';
import { startTestServer, TestServer } from './helpers/server';

/** Depth, cost, alias and fragment limits; the per-caller budget; error masking. */
let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({
    seeded: false,
    env: {
      MAX_QUERY_COST: '300',
      RATE_LIMIT_CAPACITY: '400',
      RATE_LIMIT_RESTORE_RATE: '10',
      MAX_QUERY_ALIASES: '5',
      MAX_QUERY_FRAGMENTS: '3',
      TRUST_PROXY: 'true',
    },
  });
});
afterAll(async () => {
  await api?.stop();
});

/** A caller of its own (by address, the server trusting X-Forwarded-For), with a full bucket. */
let caller = 0;
const asNewCaller = () => ({ 'x-forwarded-for': `203.0.113.${++caller}` });

async function post(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(api.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as any,
    statements: Number(response.headers.get('x-sql-statements')),
  };
}

test('every response reports its cost and the limit', async () => {
  const { body } = await post('{ municipalities(first: 3) { nodes { slug } } }');
  // connection 1 + nodes (1 + 3 pages x 0 for scalars)
  expect(body.extensions.cost).toMatchObject({ requested: 2, limit: 300 });
  const failed = await post('{ nope }');
  expect(failed.body.extensions.cost).toMatchObject({ requested: 0, limit: 300 });
});

test('a connection costs its page size times its children: over the limit is refused before any SQL', async () => {
  const query = '{ municipalities(first: 50) { nodes { mayors { person { id } } } } }';
  const { status, body, statements } = await post(query);
  // 1 + (1 + 50 x (1 + 10 x (1 + 0)))
  expect(body.extensions.cost.requested).toBe(552);
  expect(status).toBe(400);
  expect(body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  expect(body.errors[0].message).toBe(
    'query cost 552 exceeds the limit of 300; ask for smaller pages or fewer nested lists',
  );
  expect(body.data).toBeUndefined();
  expect(statements).toBe(0);
  // The same query with a page size of 5 passes: 1 + (1 + 5 x 11) = 57.
  const smaller = await post(
    query.replace('first: 50', 'first: $size').replace('{ municipalities', 'query ($size: Int) { municipalities'),
    { size: 5 },
  );
  expect(smaller.body.extensions.cost.requested).toBe(57);
  expect(smaller.status).toBe(200);
});

test('a list with a page size of its own costs that size, never the length of a filter list', async () => {
  // search: 1 + 1 (one item in types) + 100 results x (partners 1 + 10 assumed x municipality 1)
  const search = await post(
    '{ search(query: "te", first: 100, types: [MUNICIPALITY]) { ... on Municipality { partners { municipality { slug } } } } }',
  );
  expect(search.body.extensions.cost.requested).toBe(1102);
  expect(search.body.errors[0]).toMatchObject({
    message: 'query cost 1102 exceeds the limit of 300; ask for smaller pages or fewer nested lists',
    extensions: { code: 'QUERY_TOO_COMPLEX' },
  });
  expect(search.statements).toBe(0);
});

test('every item of a list argument costs 1; nodes(ids:) is as long as its ids', async () => {
  // agreements: 1 + 2 (two party slugs) + nodes (1 + 5 x 0)
  const filtered = await post('{ agreements(first: 5, filter: { parties: ["tehran", "moscow"] }) { nodes { id } } }');
  expect(filtered.body.extensions.cost.requested).toBe(4);
  // nodes: 1 + 3 (ids) + 3 x (parties 1 + 10 assumed x 0)
  const nodes = await post('{ nodes(ids: ["a", "b", "c"]) { ... on Agreement { parties { slug } } } }');
  expect(nodes.body.extensions.cost.requested).toBe(7);
  expect(nodes.body.data).toEqual({ nodes: [null, null, null] });
});

test('depth over 12 is refused before any SQL', async () => {
  let selection = 'slug';
  for (let level = 0; level < 12; level += 1) selection = `parts { ${selection} }`;
  const { status, body, statements } = await post(`{ municipality(slug: "x") { ${selection} } }`);
  expect(status).toBe(400);
  expect(body.errors[0]).toMatchObject({
    message: 'query depth 14 exceeds the limit of 12',
    extensions: { code: 'QUERY_TOO_COMPLEX' },
  });
  expect(statements).toBe(0);
});

test('aliases and fragments beyond their limits are refused', async () => {
  const aliases = Array.from({ length: 6 }, (_, index) => `a${index}: __typename`).join(' ');
  const tooManyAliases = await post(`{ ${aliases} }`);
  expect(tooManyAliases.body.errors[0]).toMatchObject({
    message: 'query uses 6 aliases; the limit is 5',
    extensions: { code: 'QUERY_TOO_COMPLEX' },
  });
  const fragments = Array.from(
    { length: 4 },
    (_, index) => `fragment F${index} on Query { __typename ${index > 0 ? `...F${index - 1}` : ''} }`,
  ).join('\n');
  const tooManyFragments = await post(`{ ...F3 }\n${fragments}`);
  expect(tooManyFragments.body.errors[0]).toMatchObject({
    message: 'query defines 4 fragments; the limit is 3',
    extensions: { code: 'QUERY_TOO_COMPLEX' },
  });
});

test('the budget: a spent bucket answers 429 RATE_LIMITED with Retry-After, per caller', async () => {
  // Each costs 1 + (1 + 20 x 11) = 222 against a bucket of 400 that refills 10 a second.
  const query = '{ municipalities(first: 20) { nodes { mayors { person { id } } } } }';
  const headers = asNewCaller();
  const first = await post(query, undefined, headers);
  expect(first.status).toBe(200);
  expect(first.body.extensions.cost.throttle).toEqual({
    maximumAvailable: 400,
    currentlyAvailable: 178,
    restoreRate: 10,
  });
  const second = await post(query, undefined, headers);
  expect(second.status).toBe(429);
  expect(second.statements).toBe(0);
  expect(second.body.errors[0].extensions.code).toBe('RATE_LIMITED');
  // 222 more would overflow by about 44 points: about 5 seconds at 10 a second.
  expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(4);
  expect(Number(second.headers.get('retry-after'))).toBeLessThanOrEqual(5);
  expect(second.body.errors[0].extensions.retryAfterSeconds).toBe(Number(second.headers.get('retry-after')));
  // Another caller's bucket is untouched.
  expect((await post(query, undefined, asNewCaller())).status).toBe(200);
});

test('the leaky bucket drains at its restore rate and refuses without charging', () => {
  let now = 0;
  const buckets = new LeakyBuckets(100, 10, () => now);
  expect(buckets.take('k', 80)).toMatchObject({ allowed: true, status: { currentlyAvailable: 20 } });
  expect(buckets.take('k', 30)).toEqual({
    allowed: false,
    retryAfterSeconds: 1,
    status: { maximumAvailable: 100, currentlyAvailable: 20, restoreRate: 10 },
  });
  expect(buckets.take('other', 100)).toMatchObject({ allowed: true });
  now = 1000;
  expect(buckets.take('k', 30)).toMatchObject({ allowed: true, status: { currentlyAvailable: 0 } });
});

describe('error masking', () => {
  const logged: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
  const sqlFailure = new QueryFailedError(
    'SELECT secret FROM api_key WHERE id = $1',
    ['x'],
    new Error('relation "api_key" does not exist'),
  );
  const wrapped = new GraphQLError('relation "api_key" does not exist', {
    originalError: sqlFailure,
    path: ['municipality'],
  });

  test('in production an unknown error reaches the client as an id only, logged with that id', () => {
    const formatted = createErrorFormatter({ production: true, logger })(
      { message: wrapped.message, path: ['municipality'] },
      wrapped,
    );
    const errorId = formatted.extensions?.errorId as string;
    expect(formatted).toEqual({
      message: `internal server error (id ${errorId})`,
      path: ['municipality'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
    });
    expect(JSON.stringify(formatted)).not.toMatch(/SELECT|api_key|stack/);
    expect(logged.find((line) => line.errorId === errorId)).toMatchObject({ msg: 'internal error', level: 50 });
  });

  test('codes from the stable set pass through; Apollo codes outside it are translated', () => {
    const format = createErrorFormatter({ production: true, logger });
    expect(format({ message: 'no', extensions: { code: 'FORBIDDEN' } }, new GraphQLError('no'))).toEqual({
      message: 'no',
      extensions: { code: 'FORBIDDEN' },
    });
    expect(
      format({ message: 'bad', extensions: { code: 'BAD_REQUEST' } }, new GraphQLError('bad')).extensions?.code,
    ).toBe('BAD_USER_INPUT');
  });

  test('an unreachable database becomes DATABASE_UNAVAILABLE without internals', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const formatted = createErrorFormatter({ production: true, logger })(
      { message: refused.message },
      new GraphQLError(refused.message, { originalError: refused }),
    );
    expect(formatted).toEqual({
      message: 'the database is unavailable; try again shortly',
      extensions: { code: 'DATABASE_UNAVAILABLE' },
    });
  });
});
