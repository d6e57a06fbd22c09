import { createHash } from 'node:crypto';
import { startTestServer, TestServer } from './helpers/server';

/**
 * Protocol refusals: automatic-persisted-query errors, subscriptions (not over plain HTTP), and the
 * status of a GraphQL request error by the media type the client accepts.
 */
let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ seeded: false, env: { MAX_QUERY_DEPTH: '3' } });
});
afterAll(async () => {
  await api?.stop();
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const graphqlResponse = 'application/graphql-response+json';

async function post(body: unknown, headers: Record<string, string> = { accept: graphqlResponse }) {
  const response = await fetch(api.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const parsed = (await response.json()) as {
    data?: unknown;
    errors?: Array<{ message: string; extensions: { code: string } }>;
  };
  return {
    status: response.status,
    errors: (parsed.errors ?? []).map((error) => [error.extensions.code, error.message]),
    hasData: 'data' in parsed,
    statements: response.headers.get('x-sql-statements'),
  };
}

const HASH_MISMATCH =
  'persisted query hash mismatch: extensions.persistedQuery.sha256Hash must be the SHA-256 (hex) of the query sent';
const BAD_VERSION =
  'unsupported persisted query version: extensions.persistedQuery.version must be 1, the only version this server speaks';

describe('automatic persisted queries', () => {
  const text = '{ municipalities(first: 1) { totalCount } }';

  test("a hash that is not the query's: 400 BAD_USER_INPUT, nothing registered under it", async () => {
    const wrongHash = sha256('{ __typename }');
    for (const accept of [graphqlResponse, 'application/json']) {
      const refused = await post(
        { query: text, extensions: { persistedQuery: { version: 1, sha256Hash: wrongHash } } },
        { accept },
      );
      expect(refused).toEqual({
        status: 400,
        errors: [['BAD_USER_INPUT', HASH_MISMATCH]],
        hasData: false,
        statements: '0',
      });
    }
    const byHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: wrongHash } } });
    expect(byHash.errors).toEqual([['PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound']]);
  });

  test('a protocol version other than 1: 400 BAD_USER_INPUT, by POST and by GET', async () => {
    const extensions = { persistedQuery: { version: 2, sha256Hash: sha256(text) } };
    expect(await post({ query: text, extensions })).toEqual({
      status: 400,
      errors: [['BAD_USER_INPUT', BAD_VERSION]],
      hasData: false,
      statements: '0',
    });
    const response = await fetch(`${api.server.url}?extensions=${encodeURIComponent(JSON.stringify(extensions))}`, {
      headers: { accept: graphqlResponse },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors).toEqual([
      { message: BAD_VERSION, extensions: { code: 'BAD_USER_INPUT' } },
    ]);
  });
});

test('a subscription over plain HTTP: 400 GRAPHQL_VALIDATION_FAILED naming WebSocket and SSE, before any SQL', async () => {
  const refused = await post({ query: 'subscription Changes { live { __typename } }' });
  expect(refused).toEqual({
    status: 400,
    errors: [
      [
        'GRAPHQL_VALIDATION_FAILED',
        'subscriptions are served over WebSocket (graphql-ws protocol) and SSE (POST with Accept: text/event-stream) at /graphql, not over plain HTTP',
      ],
    ],
    hasData: false,
    statements: '0',
  });
});

describe('the status of a GraphQL request error follows the media type', () => {
  const requestErrors: Array<[string, unknown, string]> = [
    ['parse failure', { query: '{' }, 'GRAPHQL_PARSE_FAILED'],
    ['validation failure', { query: '{ nothingHere }' }, 'GRAPHQL_VALIDATION_FAILED'],
    [
      'variable coercion failure',
      { query: 'query ($id: ID!) { node(id: $id) { id } }', variables: { id: null } },
      'BAD_USER_INPUT',
    ],
    [
      'an operation name the document lacks',
      { query: 'query A { __typename }', operationName: 'B' },
      'GRAPHQL_VALIDATION_FAILED',
    ],
    [
      'a query over the limits',
      { query: '{ municipalities { nodes { parts { parts { slug } } } } }' },
      'QUERY_TOO_COMPLEX',
    ],
    ['a subscription', { query: 'subscription { live { __typename } }' }, 'GRAPHQL_VALIDATION_FAILED'],
  ];

  test.each(requestErrors)(
    '%s: 400 as application/graphql-response+json, 200 as application/json',
    async (_, body, code) => {
      for (const accept of [graphqlResponse, `${graphqlResponse}, application/json`]) {
        expect(await post(body, { accept })).toMatchObject({
          status: 400,
          errors: [[code, expect.any(String)]],
          hasData: false,
        });
      }
      for (const headers of [{ accept: 'application/json' }, { accept: '*/*' }, {} as Record<string, string>]) {
        expect(await post(body, headers)).toMatchObject({
          status: 200,
          errors: [[code, expect.any(String)]],
          hasData: false,
        });
      }
    },
  );

  test('what is not a GraphQL request error keeps its status as application/json', async () => {
    const json = { accept: 'application/json' };
    expect((await post({ query: null }, json)).status).toBe(400);
    expect((await post({ query: '{ __typename }', variables: 5 }, json)).status).toBe(400);
    expect((await post({ query: '{ __typename }' }, { ...json, authorization: 'Bearer no-such-key' })).status).toBe(
      401,
    );
    const get = await fetch(`${api.server.url}?query=${encodeURIComponent('mutation { __typename }')}`, {
      headers: json,
    });
    expect(get.status).toBe(405);
  });
});
