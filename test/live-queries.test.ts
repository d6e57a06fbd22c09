import { Client } from 'graphql-ws';
import { ApiKeyRole } from '../src/auth/api-key';
import { makeKey } from './helpers/keys';
import { eventually, liveClient, notify, subscribe } from './helpers/live-client';
import { startTestServer, TestServer } from './helpers/server';

/*
 * Live queries: `subscription { live { ... } }` answers at once, then again after a change that
 * could alter the answer, and only when it differs. Changes are announced by the register's
 * NOTIFY; each test also sends one itself (pg_notify), so that it passes whether or not the
 * writes of this branch notify yet.
 */

let api: TestServer;
let client: Client;
let editor: { secret: string; headers: Record<string, string> };

const COUNT = `subscription Count { live { municipalities(first: 100, filter: { countries: ["BY"] }) { totalCount nodes { slug } } } }`;

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Live editor');
  client = liveClient(api);
});

afterAll(async () => {
  await client.dispose();
  await api.stop();
});

const stats = () => api.server.live.stats();

async function createCity(slug: string) {
  const created = await api.query(
    `mutation ($input: CreateMunicipalityInput!) { createMunicipality(input: $input) { userErrors { message } } }`,
    { input: { slug, countryCode: 'BY', names: [{ lang: 'en', value: slug }] } },
    editor.headers,
  );
  expect(created.data!.createMunicipality.userErrors).toEqual([]);
  await notify(api, ['Municipality']);
}

test('the first answer comes at once; a write brings the new one', async () => {
  const live = subscribe(client, COUNT);
  const [first] = await live.received(1);
  expect(first).toEqual({ data: { live: { municipalities: { totalCount: 0, nodes: [] } } } });
  await createCity('minsk');
  const [, second] = await live.received(2);
  expect(second).toEqual({ data: { live: { municipalities: { totalCount: 1, nodes: [{ slug: 'minsk' }] } } } });
  live.end();
});

test('notices that leave the answer as it was push nothing', async () => {
  const live = subscribe(client, `subscription { live { tehran: municipality(slug: "tehran") { slug } } }`);
  await live.received(1);
  const before = { ...stats() };
  await notify(api, ['Municipality']);
  await eventually(() => stats().executions >= before.executions + 1, 'a re-execution');
  await notify(api, ['Municipality']);
  await eventually(() => stats().executions >= before.executions + 2, 'a second re-execution');
  // A third, unrelated subscriber's push proves the pipe is flowing; this one got nothing more.
  const other = subscribe(client, `subscription { live { moscow: municipality(slug: "moscow") { slug } } }`);
  await other.received(1);
  expect(live.messages).toEqual([{ data: { live: { tehran: { slug: 'tehran' } } } }]);
  expect(stats().pushes).toBe(before.pushes + 1);
  live.end();
  other.end();
});

test('subscribers of the same document share one cohort: one execution per change', async () => {
  const subscribers = Array.from({ length: 5 }, () => subscribe(client, COUNT));
  await Promise.all(subscribers.map((live) => live.received(1)));
  expect(stats().cohorts).toBe(1);
  const before = stats().executions;
  const pushesBefore = stats().pushes;
  await createCity('grodno');
  await Promise.all(subscribers.map((live) => live.received(2)));
  for (const live of subscribers) {
    expect(live.messages[1].data!.live.municipalities.totalCount).toBe(2);
  }
  // One run per cohort, not per subscriber: two when the write's own notice and the test's
  // come in one throttle window (a leading and a trailing run), never five.
  expect(stats().executions - before).toBeLessThanOrEqual(2);
  expect(stats().pushes - pushesBefore).toBe(5);
  subscribers.forEach((live) => live.end());
  await eventually(() => stats().cohorts === 0, 'the cohort to end with its last subscriber');
});

test("a late joiner gets the cohort's last answer at once, without running it again", async () => {
  const early = subscribe(client, `subscription { live { municipality(slug: "moscow") { slug } } }`);
  await early.received(1);
  const before = stats().executions;
  const late = subscribe(client, `subscription { live { municipality(slug: "moscow") { slug } } }`);
  expect(await late.received(1)).toEqual([{ data: { live: { municipality: { slug: 'moscow' } } } }]);
  expect(stats().executions).toBe(before);
  early.end();
  late.end();
});

test('a burst of 200 notices runs the cohort a bounded number of times', async () => {
  const live = subscribe(client, COUNT);
  await live.received(1);
  const before = stats().executions;
  await Promise.all(Array.from({ length: 200 }, (_, index) => notify(api, ['Municipality'], index + 2)));
  await createCity('brest');
  await live.received(2);
  expect(live.messages[1].data!.live.municipalities.totalCount).toBe(3);
  // Leading run, trailing run, and the write's own notice: nowhere near 200.
  expect(stats().executions - before).toBeLessThanOrEqual(4);
  live.end();
});

test('errors of an execution are pushed as a query would answer them', async () => {
  const live = subscribe(client, `subscription { live { municipality { slug } } }`);
  const [first] = await live.received(1);
  expect(first.data).toEqual({ live: { municipality: null } });
  expect(
    first.errors?.map((error) => [error.message, error.extensions?.code, (error as { path?: unknown }).path]),
  ).toEqual([['municipality: give exactly one of slug and wikidataId', 'BAD_USER_INPUT', ['live', 'municipality']]]);
  live.end();
});

test('GET /metrics counts connections, subscriptions, cohorts, executions and pushes', async () => {
  const live = subscribe(client, COUNT);
  await live.received(1);
  // The earlier tests' sockets close on their own time.
  await eventually(
    () => stats().connections.websocket === 1 && stats().subscriptions === 1,
    'one socket, one subscription',
  );
  const text = await (await fetch(api.server.url.replace(/\/graphql$/, '/metrics'))).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1]);
  expect(value('live_connections\\{transport="websocket"\\}')).toBe(1);
  expect(value('live_subscriptions')).toBe(1);
  expect(value('live_cohorts')).toBe(1);
  expect(value('live_cohort_executions_total')).toBe(stats().executions);
  expect(value('live_pushes_total')).toBe(stats().pushes);
  expect(value('live_subscribers_cut_off_total')).toBe(0);
  live.end();
});
