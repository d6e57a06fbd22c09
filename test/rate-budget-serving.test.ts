import { loadConfig } from '../src/config';
import { closedPort, configError } from './helpers/config';
import { startTestServer, TestServer } from './helpers/server';

/** RATE_BUDGET_STORE and REDIS_URL: their validation, and a server whose Redis is down. */

const DATABASE = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' };

describe('configuration', () => {
  test('RATE_BUDGET_STORE: memory by default, redis when REDIS_URL is set, postgres when asked', () => {
    expect(loadConfig({}).serving).toMatchObject({ rateBudgetStore: 'memory', redisUrl: undefined });
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).serving).toMatchObject({
      rateBudgetStore: 'redis',
      redisUrl: 'redis://127.0.0.1:6379',
      redisKeyPrefix: 'municipal-diplomacy:',
    });
    expect(loadConfig({ REDIS_URL: 'rediss://cache.internal:6380/2' }).serving.rateBudgetStore).toBe('redis');
    expect(loadConfig({ REDIS_URL: 'redis://h:6379', RATE_BUDGET_STORE: 'memory' }).serving.rateBudgetStore).toBe(
      'memory',
    );
    expect(loadConfig({ ...DATABASE, RATE_BUDGET_STORE: 'postgres' }).serving.rateBudgetStore).toBe('postgres');
    expect(loadConfig({ REDIS_URL: 'redis://h:6379', REDIS_KEY_PREFIX: 'staging:' }).serving.redisKeyPrefix).toBe(
      'staging:',
    );
  });

  test('RATE_BUDGET_STORE: an unknown store, redis without REDIS_URL, postgres without DATABASE_URL fail by name', () => {
    expect(configError({ RATE_BUDGET_STORE: 'memcached' })).toEqual({
      variable: 'RATE_BUDGET_STORE',
      message: 'RATE_BUDGET_STORE: must be one of memory, postgres, redis (got "memcached")',
    });
    expect(configError({ RATE_BUDGET_STORE: 'redis' })).toEqual({
      variable: 'REDIS_URL',
      message: 'REDIS_URL: is required when RATE_BUDGET_STORE=redis (such as redis://127.0.0.1:6379)',
    });
    expect(configError({ RATE_BUDGET_STORE: 'postgres' })).toEqual({
      variable: 'RATE_BUDGET_STORE',
      message:
        'RATE_BUDGET_STORE: postgres needs DATABASE_URL: the embedded database serves a single process, whose budget memory already holds',
    });
  });

  test('REDIS_URL: a redis:// or rediss:// URL with a host; its value (a password, perhaps) is never repeated', () => {
    expect(configError({ REDIS_URL: 'http://:secret@cache:6379' })).toEqual({
      variable: 'REDIS_URL',
      message: 'REDIS_URL: must start with redis:// or rediss:// (got "http://")',
    });
    expect(configError({ REDIS_URL: '//cache:6379' })).toEqual({
      variable: 'REDIS_URL',
      message: 'REDIS_URL: is not a URL (expected redis://host:6379 or rediss://host:6380)',
    });
    expect(configError({ REDIS_URL: 'redis:///0' }).message).toBe(
      'REDIS_URL: names no host (expected redis://host:6379)',
    );
    expect(configError({ REDIS_URL: 'redis://h:6379', REDIS_KEY_PREFIX: 'has space' })).toEqual({
      variable: 'REDIS_KEY_PREFIX',
      message: 'REDIS_KEY_PREFIX: must be 1 to 64 characters from A-Z a-z 0-9 : . _ - (got "has space")',
    });
  });
});

describe('a server whose Redis is down', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({
      seeded: false,
      env: {
        REDIS_URL: `redis://127.0.0.1:${await closedPort()}`,
        MAX_QUERY_COST: '10',
        RATE_LIMIT_CAPACITY: '10',
        RATE_LIMIT_RESTORE_RATE: '1',
      },
    });
  });
  afterAll(() => api?.stop());

  test('serves every request from its own bucket, which still bounds the caller, and counts each', async () => {
    // `municipalities(first: 3) { nodes { slug } }` costs 2: five fit a budget of 10.
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await api.query('{ municipalities(first: 3) { nodes { slug } } }'));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(answers[4].data).toEqual({ municipalities: { nodes: [] } });
    expect(answers[5].errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    const metrics = await (await fetch(api.server.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toContain('rate_budget_fallbacks_total{store="redis"} 6');
  });
});
