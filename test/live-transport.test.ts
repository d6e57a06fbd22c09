import { ApiKeyRole } from '../src/auth/api-key';
import { makeKey } from './helpers/keys';
import { eventually } from './helpers/live-client';
import { initSocket, openEventStream, openSocket } from './helpers/live-socket';
import { startTestServer, TestServer } from './helpers/server';

/*
 * The transports: keys in connection_init (WebSocket) or the Authorization header (SSE), the
 * limits HTTP queries have, a quota of open subscriptions per key across both, pings and idle
 * connections.
 */

let api: TestServer;
let editor: { id: string; secret: string; headers: Record<string, string> };

beforeAll(async () => {
  api = await startTestServer({
    seeded: true,
    env: {
      MAX_QUERY_COST: '500',
      RATE_LIMIT_CAPACITY: '500',
      RATE_LIMIT_RESTORE_RATE: '1',
      MAX_QUERY_DEPTH: '6',
      SUBSCRIPTIONS_PER_KEY: '3',
      WS_PING_INTERVAL_MS: '200',
      SUBSCRIPTION_IDLE_TIMEOUT_MS: '1000',
    },
  });
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Dashboard');
});

afterAll(async () => {
  await api.stop();
});

const stats = () => api.server.live.stats();
const TEHRAN = 'subscription { live { municipality(slug: "tehran") { slug } } }';
const isFor = (id: string) => (message: Record<string, any>) => message.id === id;

test('an unknown key is refused at connection_init: 4403 and the reason', async () => {
  const raw = await openSocket(api);
  raw.send({ type: 'connection_init', payload: { authorization: 'Bearer mdk_not_a_key' } });
  expect(await raw.closed).toEqual({ code: 4403, reason: 'unknown API key' });
});

test('a key that works is served; its answers come as graphql-ws next messages', async () => {
  const raw = await initSocket(api, editor.secret);
  raw.send({ id: '1', type: 'subscribe', payload: { query: TEHRAN } });
  expect(await raw.message(isFor('1'))).toEqual({
    id: '1',
    type: 'next',
    payload: { data: { live: { municipality: { slug: 'tehran' } } } },
  });
  raw.socket.close();
});

test('too costly or too deep: QUERY_TOO_COMPLEX before anything executes', async () => {
  const raw = await initSocket(api);
  const before = { ...stats() };
  raw.send({
    id: 'costly',
    type: 'subscribe',
    payload: {
      query: 'subscription { live { municipalities(first: 100) { nodes { partners { municipality { slug } } } } } }',
    },
  });
  raw.send({
    id: 'deep',
    type: 'subscribe',
    payload: {
      query:
        'subscription { live { municipality(slug: "tehran") { partOf { partOf { partOf { partOf { partOf { slug } } } } } } } }',
    },
  });
  const costly = await raw.message(isFor('costly'));
  const deep = await raw.message(isFor('deep'));
  expect(costly.type).toBe('error');
  expect(costly.payload.map((error: any) => [error.extensions.code, error.message])).toEqual([
    ['QUERY_TOO_COMPLEX', 'query cost 1103 exceeds the limit of 500; ask for smaller pages or fewer nested lists'],
  ]);
  expect(deep.payload.map((error: any) => [error.extensions.code, error.message])).toEqual([
    ['QUERY_TOO_COMPLEX', 'query depth 8 exceeds the limit of 6'],
  ]);
  expect(stats().executions).toBe(before.executions);
  expect(stats().subscriptions).toBe(before.subscriptions);
  raw.socket.close();
});

test('a subscription spends the same rate budget as HTTP requests, charged once at subscribe', async () => {
  const spender = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Spender');
  const PRICEY = '{ municipalities(first: 40) { nodes { partners { municipality { slug } } } } }';
  const overHttp = await api.query(PRICEY, {}, spender.headers);
  expect(overHttp.errors).toBeUndefined();
  const raw = await initSocket(api, spender.secret);
  raw.send({ id: 'p', type: 'subscribe', payload: { query: `subscription { live ${PRICEY} }` } });
  const refused = await raw.message(isFor('p'));
  expect(refused.payload.map((error: any) => error.extensions.code)).toEqual(['RATE_LIMITED']);
  expect(refused.payload[0].message).toMatch(/^query budget spent: this query costs 443, \d+ points are available/);
  raw.socket.close();
});

test('queries and mutations over the socket are refused, pointing to POST /graphql', async () => {
  const raw = await initSocket(api);
  raw.send({ id: 'q', type: 'subscribe', payload: { query: '{ municipality(slug: "tehran") { slug } }' } });
  const refused = await raw.message(isFor('q'));
  expect(refused).toEqual({
    id: 'q',
    type: 'error',
    payload: [
      {
        message: 'this connection serves subscriptions only: send query operations by POST (or GET) to /graphql',
        extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
      },
    ],
  });
  raw.socket.close();
});

test('a key holds at most SUBSCRIPTIONS_PER_KEY subscriptions, across WebSocket and SSE', async () => {
  const raw = await initSocket(api, editor.secret);
  const stream = await openEventStream(api, TEHRAN, editor.headers);
  await eventually(() => stream.events.length >= 1, 'the SSE answer');
  for (const id of ['a', 'b']) {
    raw.send({ id, type: 'subscribe', payload: { query: TEHRAN } });
    expect((await raw.message(isFor(id))).type).toBe('next');
  }
  raw.send({ id: 'c', type: 'subscribe', payload: { query: TEHRAN } });
  const refused = await raw.message(isFor('c'));
  expect(refused.payload.map((error: any) => [error.extensions.code, error.message])).toEqual([
    [
      'RATE_LIMITED',
      'too many open subscriptions: this key (or address) holds 3, the limit is 3 (SUBSCRIPTIONS_PER_KEY); end one first',
    ],
  ]);
  // Another caller (anonymous, by address) has a quota of its own.
  const anonymous = await initSocket(api);
  anonymous.send({ id: 'x', type: 'subscribe', payload: { query: TEHRAN } });
  expect((await anonymous.message(isFor('x'))).type).toBe('next');
  // Ending the SSE stream gives its place back.
  stream.close();
  await eventually(() => stats().connections.sse === 0, 'the SSE stream to end');
  raw.send({ id: 'd', type: 'subscribe', payload: { query: TEHRAN } });
  expect((await raw.message(isFor('d'))).type).toBe('next');
  raw.socket.close();
  anonymous.socket.close();
});

test('SSE: a live query over an event stream gets its first answer at once', async () => {
  const stream = await openEventStream(api, TEHRAN);
  expect(stream.response.status).toBe(200);
  // Proxies that buffer (nginx) are told not to hold the events back.
  expect(stream.response.headers.get('x-accel-buffering')).toBe('no');
  await eventually(() => stream.events.length >= 1, 'the first event');
  expect(stream.events[0]).toEqual({ event: 'next', data: { data: { live: { municipality: { slug: 'tehran' } } } } });
  stream.close();
  await stream.finished;
});

test('SSE: an unknown key is refused with 401 UNAUTHENTICATED, no stream', async () => {
  const stream = await openEventStream(api, TEHRAN, { authorization: 'Bearer mdk_not_a_key' });
  expect(stream.response.status).toBe(401);
  expect(await stream.response.json()).toEqual({
    errors: [{ message: 'unknown API key', extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }],
  });
});

test('a socket that does not answer pings is dropped', async () => {
  const raw = await openSocket(api, { autoPong: false });
  raw.send({ type: 'connection_init', payload: {} });
  expect((await raw.closed).code).toBe(1006);
});

test('a connection that holds no subscription is closed after SUBSCRIPTION_IDLE_TIMEOUT_MS', async () => {
  const raw = await initSocket(api);
  expect(await raw.closed).toEqual({
    code: 1000,
    reason: 'no subscription for 1000 ms (SUBSCRIPTION_IDLE_TIMEOUT_MS)',
  });
});
