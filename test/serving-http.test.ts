import { createHash } from 'node:crypto';
import { startTestServer, TestServer } from './helpers/server';

/** GraphQL over HTTP: GET and persisted queries, statuses by media type, caching, CORS, ids (audits: serving-audit). */
let api: TestServer;
let base: string;
beforeAll(async () => {
  api = await startTestServer({
    seeded: false,
    env: { CORS_ORIGINS: 'https://dashboard.example.org', CACHE_MAX_AGE: '120' },
  });
  base = api.server.url.replace(/\/graphql$/, '');
});
afterAll(async () => {
  await api?.stop();
});

const query = '{ municipalities(first: 2) { totalCount } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const apqExtensions = (text: string) => JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256(text) } });

test('a GET query answers, with or without a preflight-forcing header (no CSRF prevention: bearer-only auth)', async () => {
  for (const headers of [{ 'apollo-require-preflight': 'true' }, {}] as Array<Record<string, string>>) {
    const response = await fetch(`${api.server.url}?query=${encodeURIComponent(query)}`, { headers });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=120');
    expect(await response.json()).toMatchObject({ data: { municipalities: { totalCount: 0 } } });
  }
});

test('what a cross-site form can send is still refused: a mutation over GET, a POST body that is not JSON', async () => {
  const mutation = await fetch(`${api.server.url}?query=${encodeURIComponent('mutation { __typename }')}`);
  expect(mutation.status).toBe(405);
  for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
    const form = await fetch(api.server.url, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: `query=${encodeURIComponent('mutation { __typename }')}`,
    });
    expect(form.status).toBe(400);
    expect(((await form.json()) as any).errors[0]).toMatchObject({
      message: 'POST body missing, invalid Content-Type, or JSON object has no keys.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(form.headers.get('x-sql-statements')).toBe('0');
  }
});

test('a mutation over GET is refused with 405 and Allow: POST', async () => {
  const response = await fetch(`${api.server.url}?query=${encodeURIComponent('mutation { __typename }')}`, {
    headers: { 'apollo-require-preflight': 'true' },
  });
  expect(response.status).toBe(405);
  expect(response.headers.get('allow')).toBe('POST');
});

test('automatic persisted queries: unknown hash, register by POST, then GET by hash alone, cacheable', async () => {
  const text = '{ municipalities(first: 1) { totalCount } }';
  const byHash = `${api.server.url}?extensions=${encodeURIComponent(apqExtensions(text))}`;
  const headers = { 'apollo-require-preflight': 'true' };
  const unknown = await fetch(byHash, { headers });
  expect(((await unknown.json()) as any).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');

  const register = await fetch(api.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: text, extensions: JSON.parse(apqExtensions(text)) }),
  });
  expect(register.status).toBe(200);

  const hit = await fetch(byHash, { headers });
  expect(hit.status).toBe(200);
  expect(hit.headers.get('cache-control')).toBe('public, max-age=120');
  expect(((await hit.json()) as any).data).toEqual({ municipalities: { totalCount: 0 } });

  const withCredentials = await fetch(byHash, { headers: { ...headers, authorization: 'Bearer someone' } });
  expect(withCredentials.headers.get('cache-control')).toBe('no-store');
});

test('POST answers are never publicly cacheable', async () => {
  const response = await fetch(api.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  expect(response.headers.get('cache-control')).toBe('no-store');
});

test('both media types: graphql-response+json when accepted, else application/json', async () => {
  const post = (accept: string) =>
    fetch(api.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept },
      body: JSON.stringify({ query }),
    });
  expect((await post('application/graphql-response+json')).headers.get('content-type')).toMatch(
    /^application\/graphql-response\+json/,
  );
  expect((await post('application/json')).headers.get('content-type')).toMatch(/^application\/json/);
});

test('CORS: an origin on the allow-list gets the headers, another does not', async () => {
  const preflight = (origin: string) =>
    fetch(api.server.url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
  const allowed = await preflight('https://dashboard.example.org');
  expect(allowed.status).toBe(204);
  expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dashboard.example.org');
  expect(allowed.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
  const refused = await preflight('https://elsewhere.example.com');
  expect(refused.headers.get('access-control-allow-origin')).toBeNull();
});

test('X-Request-Id is taken from the request when sent, else made, and echoed back', async () => {
  const sent = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'trace-42.a' } });
  expect(sent.headers.get('x-request-id')).toBe('trace-42.a');
  const made = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
  expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
});

test('/healthz and /readyz report the process and the database', async () => {
  expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
  const ready = await fetch(`${base}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toEqual({ ready: true, database: true, migrations: true, stopping: false });
});

test('/metrics scrapes in Prometheus text format, with the GraphQL and pool series', async () => {
  await fetch(api.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'query Counted { municipalities(first: 1) { totalCount } }' }),
  });
  const response = await fetch(`${base}/metrics`);
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  const lines = (await response.text()).split('\n').filter((line) => line !== '');
  // The exposition format: # HELP / # TYPE lines, and `name{labels} value` samples.
  const sample =
    /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.e+-]+|NaN|\+Inf|-Inf)$/;
  const malformed = lines.filter(
    (line) => !line.startsWith('# HELP ') && !line.startsWith('# TYPE ') && !sample.test(line),
  );
  expect(malformed).toEqual([]);
  const value = (series: string) => Number(lines.find((line) => line.startsWith(`${series} `))?.split(' ')[1]);
  expect(value('graphql_requests_total{operation="Counted",outcome="success"}')).toBe(1);
  // The connection (1) and its totalCount, a counting query of its own (1).
  expect(value('graphql_query_cost_sum{operation="Counted"}')).toBe(2);
  expect(value('graphql_sql_statements_count{operation="Counted"}')).toBe(1);
  expect(value('graphql_request_duration_seconds_count{operation="Counted"}')).toBe(1);
  expect(value('db_pool_connections{state="waiting"}')).toBe(0);
  expect(lines).toContain('# TYPE db_pool_connections gauge');
});
