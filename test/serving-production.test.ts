import { loadConfig } from '../src/config';
import { configError } from './helpers/config';
import { startTestServer, TestServer } from './helpers/server';

/** Production defaults: introspection off, /metrics behind METRICS_TOKEN or absent; their configuration. */
const TOKEN = 'scraper-token-0123456789abcdef';

describe('configuration', () => {
  test('INTROSPECTION: on, except in production, where GRAPHIQL=true turns it on', () => {
    expect(loadConfig({}).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'true' }).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', GRAPHIQL: 'true' }).introspection).toBe(true);
    expect(loadConfig({ GRAPHIQL: 'false', INTROSPECTION: 'false' }).introspection).toBe(false);
  });

  test('INTROSPECTION off with GRAPHIQL on, or not a boolean, fails naming INTROSPECTION', () => {
    expect(configError({ INTROSPECTION: 'false' })).toEqual({
      variable: 'INTROSPECTION',
      message:
        'INTROSPECTION: cannot be off while GRAPHIQL is on: the GraphiQL page reads the schema by introspection (set GRAPHIQL=false too)',
    });
    expect(configError({ NODE_ENV: 'production', GRAPHIQL: 'true', INTROSPECTION: 'no' }).variable).toBe(
      'INTROSPECTION',
    );
    expect(configError({ INTROSPECTION: 'maybe' })).toEqual({
      variable: 'INTROSPECTION',
      message: 'INTROSPECTION: must be true or false (got "maybe")',
    });
  });

  test('METRICS_TOKEN: unset by default; a weak one fails without repeating it', () => {
    expect(loadConfig({}).serving.metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: TOKEN }).serving.metricsToken).toBe(TOKEN);
    for (const weak of ['short', 'has spaces in it, sixteen+', `${'a'.repeat(513)}`]) {
      expect(configError({ METRICS_TOKEN: weak })).toEqual({
        variable: 'METRICS_TOKEN',
        message: 'METRICS_TOKEN: must be 16 to 512 characters from A-Z a-z 0-9 - . _ ~ + / = (a bearer token)',
      });
    }
  });

  test('DATABASE_WORK_MEM: 4MB by default, PostgreSQL kB or MB', () => {
    expect(loadConfig({}).serving.workMem).toBe('4MB');
    for (const value of ['512kB', '64MB', '9999999MB', '1kB'])
      expect(loadConfig({ DATABASE_WORK_MEM: value }).serving.workMem).toBe(value);
    for (const value of ['8 MB', '8mb', '8GB', '0MB', '08MB', '10000000kB', '8', 'MB', '-1MB']) {
      expect(configError({ DATABASE_WORK_MEM: value })).toEqual({
        variable: 'DATABASE_WORK_MEM',
        message: `DATABASE_WORK_MEM: must be PostgreSQL memory in kB or MB, such as 8MB or 512kB (1 to 9999999, no space) (got "${value}")`,
      });
    }
  });
});

describe('a production server', () => {
  let withToken: TestServer;
  let withoutToken: TestServer;
  beforeAll(async () => {
    withToken = await startTestServer({ seeded: false, env: { NODE_ENV: 'production', METRICS_TOKEN: TOKEN } });
    withoutToken = await startTestServer({ seeded: false, env: { NODE_ENV: 'production' } });
  });
  afterAll(async () => {
    await withToken?.stop();
    await withoutToken?.stop();
  });
  const metrics = (api: TestServer, headers: Record<string, string> = {}) =>
    fetch(api.server.url.replace(/\/graphql$/, '/metrics'), { headers });

  test('refuses introspection with 400 GRAPHQL_VALIDATION_FAILED, before any SQL; __typename still answers', async () => {
    const refused = await withToken.query('{ __schema { types { name } } }');
    expect(refused.status).toBe(400);
    expect(refused.data).toBeUndefined();
    expect(refused.errors).toEqual([
      {
        message:
          'GraphQL introspection is not allowed by Apollo Server, but the query contained __schema or __type. To enable introspection, pass introspection: true to ApolloServer in production',
        locations: [{ line: 1, column: 3 }],
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', validationErrorCode: 'INTROSPECTION_DISABLED' },
      },
    ]);
    expect(refused.statements).toBe(0);
    expect((await withToken.query('{ __type(name: "Query") { name } }')).status).toBe(400);
    expect(await withToken.query('{ __typename }')).toMatchObject({ status: 200, data: { __typename: 'Query' } });
  });

  test('with METRICS_TOKEN, /metrics answers only its bearer: 401 with WWW-Authenticate otherwise', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer wrong-token-0123456789' },
      { authorization: TOKEN },
      { authorization: `Bearer ${TOKEN}x` },
    ] as Array<Record<string, string>>) {
      const refused = await metrics(withToken, headers);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect(await refused.json()).toEqual({
        error: 'GET /metrics needs the header Authorization: Bearer <METRICS_TOKEN>',
      });
    }
    const scraped = await metrics(withToken, { authorization: `Bearer ${TOKEN}` });
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await scraped.text()).toContain('# TYPE db_pool_connections gauge');
  });

  test('without METRICS_TOKEN, /metrics is absent (404), whatever is sent', async () => {
    for (const headers of [{}, { authorization: `Bearer ${TOKEN}` }] as Array<Record<string, string>>) {
      const absent = await metrics(withoutToken, headers);
      expect(absent.status).toBe(404);
      expect(await absent.json()).toEqual({ error: 'no such path: /metrics' });
    }
  });
});

test('outside production, with METRICS_TOKEN, /metrics still needs it', async () => {
  const api = await startTestServer({ seeded: false, env: { METRICS_TOKEN: TOKEN } });
  try {
    const url = api.server.url.replace(/\/graphql$/, '/metrics');
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  } finally {
    await api.stop();
  }
});
