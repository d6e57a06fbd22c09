import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { ApiKeyRole } from '../src/auth/api-key';
import { storedKeyOf } from '../src/limits/rate-budget';
import { closedPort } from './helpers/config';
import { testDatabaseKind } from './helpers/database';
import { makeKey } from './helpers/keys';
import { eventually, liveClient, subscribe } from './helpers/live-client';
import { startPeerServer, startTestServer, TestServer } from './helpers/server';

/**
 * SUBSCRIPTIONS_PER_KEY through servers whose rate budget is in Redis: one quota for a key
 * across processes, and a Redis that is down costing no subscription. The quota's own rules
 * (expiry of a dead process's entries, refresh): test/live-quota-redis.test.ts.
 */
const REDIS_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `test:${randomUUID()}:`;
const TEHRAN = 'subscription { live { municipality(slug: "tehran") { slug } } }';
const ANSWER = { data: { live: { municipality: { slug: 'tehran' } } } };
const QUOTA_ENV = { RATE_BUDGET_STORE: 'redis', REDIS_KEY_PREFIX: PREFIX, SUBSCRIPTIONS_PER_KEY: '2' };
const REFUSED = {
  message:
    'too many open subscriptions: this key (or address) holds 2, the limit is 2 (SUBSCRIPTIONS_PER_KEY); end one first',
  extensions: expect.objectContaining({ code: 'RATE_LIMITED', openSubscriptions: 2, limit: 2 }),
};

let inspect: Redis;
beforeAll(() => {
  inspect = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  const keys = await inspect.keys(`${PREFIX}*`);
  if (keys.length) await inspect.del(...keys);
  await inspect.quit();
});

const heldInRedis = (keyId: string) => inspect.zcard(`${PREFIX}subs:${storedKeyOf(`key:${keyId}`)}`);

describe('one server, Redis up', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ seeded: true, env: { ...QUOTA_ENV, REDIS_URL } });
  });
  afterAll(() => api?.stop());

  test("a key's subscriptions are held in Redis while open, and leave it when they end", async () => {
    const editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Dashboard');
    const client = liveClient(api, editor.secret);
    const first = subscribe(client, TEHRAN);
    const second = subscribe(client, TEHRAN);
    expect((await first.received(1))[0]).toEqual(ANSWER);
    expect((await second.received(1))[0]).toEqual(ANSWER);
    expect(await heldInRedis(editor.id)).toBe(2);
    expect(await subscribe(client, TEHRAN).refused()).toEqual([expect.objectContaining(REFUSED)]);
    first.end();
    second.end();
    await eventually(async () => (await heldInRedis(editor.id)) === 0, 'the releases to reach Redis');
    await client.dispose();
  });
});

const serverOnly = testDatabaseKind() === 'server' ? describe : describe.skip;

serverOnly('two servers on one database (server PostgreSQL: a peer needs its own pool)', () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    a = await startTestServer({ seeded: true, env: { ...QUOTA_ENV, REDIS_URL } });
    b = await startPeerServer(a, { ...QUOTA_ENV, REDIS_URL });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  test('a key holding its quota on one server is refused on the other, until it ends one', async () => {
    const editor = await makeKey(a.database.dataSource, ApiKeyRole.EDITOR, 'Dashboard');
    const [onA, onB] = [liveClient(a, editor.secret), liveClient(b, editor.secret)];
    const held = [subscribe(onA, TEHRAN), subscribe(onA, TEHRAN)];
    for (const subscription of held) expect((await subscription.received(1))[0]).toEqual(ANSWER);
    expect(await subscribe(onB, TEHRAN).refused()).toEqual([expect.objectContaining(REFUSED)]);
    held[0].end();
    await eventually(async () => (await heldInRedis(editor.id)) === 1, 'the release to reach Redis');
    const third = subscribe(onB, TEHRAN);
    expect((await third.received(1))[0]).toEqual(ANSWER);
    expect(await heldInRedis(editor.id)).toBe(2);
    third.end();
    held[1].end();
    await Promise.all([onA.dispose(), onB.dispose()]);
  });
});

describe('a server whose Redis is down', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({
      seeded: true,
      env: { ...QUOTA_ENV, REDIS_URL: `redis://127.0.0.1:${await closedPort()}` },
    });
  });
  afterAll(() => api?.stop());

  test("subscriptions are served and bounded by the process's own quota; each is counted as a fallback", async () => {
    const editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Dashboard');
    const client = liveClient(api, editor.secret);
    const held = [subscribe(client, TEHRAN), subscribe(client, TEHRAN)];
    for (const subscription of held) expect((await subscription.received(1))[0]).toEqual(ANSWER);
    expect(await subscribe(client, TEHRAN).refused()).toEqual([expect.objectContaining(REFUSED)]);
    const metrics = await (await fetch(api.server.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toContain('live_subscription_quota_fallbacks_total 3');
    for (const subscription of held) subscription.end();
    await client.dispose();
  });
});
