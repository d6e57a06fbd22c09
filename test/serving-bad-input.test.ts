import { startTestServer, TestServer } from './helpers/server';

/**
 * Hostile and broken requests: each gets a clear 4xx or a GraphQL error with a code, never a
 * 500 or a stack, and the server keeps serving. Prints every case with the answer it got.
 */
let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ seeded: true, env: { NODE_ENV: 'production' } });
});
afterAll(async () => {
  await api?.stop();
});

interface Answer {
  status: number;
  code: string | undefined;
  message: string | undefined;
  text: string;
}

async function send(init: {
  method?: string;
  contentType?: string;
  body?: string | Buffer;
  search?: string;
  headers?: Record<string, string>;
}): Promise<Answer> {
  const response = await fetch(`${api.server.url}${init.search ?? ''}`, {
    method: init.method ?? 'POST',
    headers: {
      accept: 'application/graphql-response+json',
      ...(init.contentType ? { 'content-type': init.contentType } : {}),
      ...init.headers,
    },
    body: init.body,
  });
  const text = await response.text();
  let parsed: { errors?: Array<{ message: string; extensions?: { code?: string } }> } = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = {};
  }
  return {
    status: response.status,
    code: parsed.errors?.[0]?.extensions?.code,
    message: parsed.errors?.[0]?.message,
    text,
  };
}

const graphql = (query: string, variables?: unknown) =>
  send({ contentType: 'application/json', body: JSON.stringify({ query, variables }) });

function deepQuery(levels: number): string {
  let selection = 'slug';
  for (let level = 0; level < levels; level += 1) selection = `parts { ${selection} }`;
  return `{ municipality(slug: "tehran") { ${selection} } }`;
}

function fragmentBomb(levels: number): string {
  const fragments = [`fragment F0 on Municipality { slug }`];
  for (let level = 1; level <= levels; level += 1) {
    fragments.push(
      `fragment F${level} on Municipality { parts { ...F${level - 1} } more: parts { ...F${level - 1} } }`,
    );
  }
  return `{ municipality(slug: "tehran") { ...F${levels} } }\n${fragments.join('\n')}`;
}

async function otherListCursor(): Promise<string> {
  const { text } = await graphql('{ agreements(first: 1) { edges { cursor } } }');
  return JSON.parse(text).data.agreements.edges[0].cursor;
}

// [case, request, expected status, expected first error code (undefined: a clean answer)]
const cases: Array<[string, () => Promise<Answer>, number, string | undefined]> = [
  [
    'malformed JSON',
    () => send({ contentType: 'application/json', body: '{"query": "{ municipalities { totalCount } }"' }),
    400,
    'BAD_USER_INPUT',
  ],
  [
    'JSON that is not an object',
    () => send({ contentType: 'application/json', body: '[1, 2]' }),
    400,
    'BAD_USER_INPUT',
  ],
  ['no query at all', () => send({ contentType: 'application/json', body: '{}' }), 400, 'BAD_USER_INPUT'],
  [
    'text/plain body (a CSRF-able simple request)',
    () => send({ contentType: 'text/plain', body: '{ municipalities { totalCount } }' }),
    400,
    'BAD_USER_INPUT',
  ],
  ['application/xml body', () => send({ contentType: 'application/xml', body: '<query/>' }), 400, 'BAD_USER_INPUT'],
  [
    'body over the 1 MB limit',
    () =>
      graphql(`
        {
          __typename
        }
        ${' '.repeat(1024 * 1024 + 10)}
      `),
    413,
    'BAD_USER_INPUT',
  ],
  [
    'invalid UTF-8',
    () => send({ contentType: 'application/json', body: Buffer.from([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x22, 0x7d]) }),
    400,
    'BAD_USER_INPUT',
  ],
  ['GraphQL syntax error', () => graphql('{ municipalities { totalCount }'), 400, 'GRAPHQL_PARSE_FAILED'],
  [
    'more tokens than the parser accepts',
    () => graphql(`{ ${Array.from({ length: 3000 }, (_, index) => `a${index}: __typename`).join(' ')} }`),
    400,
    'GRAPHQL_PARSE_FAILED',
  ],
  ['unknown field', () => graphql('{ municipalities { secrets } }'), 400, 'GRAPHQL_VALIDATION_FAILED'],
  ['depth 40', () => graphql(deepQuery(40)), 400, 'QUERY_TOO_COMPLEX'],
  [
    'alias bomb (500 aliases)',
    () => graphql(`{ ${Array.from({ length: 500 }, (_, index) => `a${index}: __typename`).join(' ')} }`),
    400,
    'QUERY_TOO_COMPLEX',
  ],
  ['fragment bomb (2^10 expansions)', () => graphql(fragmentBomb(10)), 400, 'QUERY_TOO_COMPLEX'],
  [
    'circular fragments',
    () =>
      graphql(
        '{ municipality(slug: "tehran") { ...A } } fragment A on Municipality { parts { ...B } } fragment B on Municipality { parts { ...A } }',
      ),
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'variable of the wrong type',
    () => graphql('query ($n: Int) { municipalities(first: $n) { totalCount } }', { n: 'ten' }),
    400,
    'BAD_USER_INPUT',
  ],
  [
    'variables not an object',
    () => send({ contentType: 'application/json', body: JSON.stringify({ query: '{ __typename }', variables: 5 }) }),
    400,
    'BAD_USER_INPUT',
  ],
  [
    'operation name not in the document',
    () =>
      send({
        contentType: 'application/json',
        body: JSON.stringify({ query: 'query A { __typename }', operationName: 'B' }),
      }),
    400,
    'GRAPHQL_VALIDATION_FAILED',
  ],
  ['page size over 100', () => graphql('{ municipalities(first: 1000) { totalCount } }'), 200, 'BAD_USER_INPUT'],
  ['an id that names nothing: null, no error', () => graphql('{ node(id: "not-an-id") { id } }'), 200, undefined],
  [
    'a cursor of another list',
    async () =>
      graphql(`{ municipalities(first: 1, after: ${JSON.stringify(await otherListCursor())}) { totalCount } }`),
    200,
    'BAD_USER_INPUT',
  ],
  [
    'a cursor that is garbage',
    () => graphql('{ municipalities(first: 1, after: "!!!") { totalCount } }'),
    200,
    'BAD_USER_INPUT',
  ],
  [
    'Persian date that does not exist (1394-12-30)',
    () => graphql('{ municipality(slug: "tehran") { mayorOn(date: "1394-12-30", calendar: PERSIAN) { id } } }'),
    200,
    'BAD_USER_INPUT',
  ],
  [
    'Gregorian date that does not exist (2015-02-29)',
    () =>
      graphql('query ($d: PartialDate!) { municipality(slug: "tehran") { mayorOn(date: $d) { id } } }', {
        d: '2015-02-29',
      }),
    200,
    'BAD_USER_INPUT',
  ],
  [
    'mutation over GET',
    () =>
      send({
        method: 'GET',
        search: `?query=${encodeURIComponent('mutation { __typename }')}`,
        headers: { 'apollo-require-preflight': 'true' },
      }),
    405,
    'BAD_USER_INPUT',
  ],
];

test.each(cases)('%s', async (name, run, status, code) => {
  const answer = await run();
  process.stdout.write(`bad input: ${name} -> ${answer.status} ${answer.code}: ${answer.message?.slice(0, 120)}\n`);
  expect({ status: answer.status, code: answer.code }).toEqual({ status, code });
  expect(answer.text).not.toMatch(/stacktrace|\s+at .+\.(ts|js):\d+/);
});

test('SQL and script fragments in strings are data, not code', async () => {
  const before = await api.database.dataSource.query('SELECT count(*)::int AS n FROM municipality');
  for (const slug of [`tehran'; DROP TABLE municipality; --`, `<script>alert(1)</script>`, `' OR '1'='1`]) {
    const answer = await graphql(
      `
        query ($slug: String!) {
          municipality(slug: $slug) {
            slug
          }
        }
      `,
      { slug },
    );
    process.stdout.write(`bad input: slug ${JSON.stringify(slug)} -> ${answer.status} ${answer.text}\n`);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).data).toEqual({ municipality: null });
  }
  expect(await api.database.dataSource.query('SELECT count(*)::int AS n FROM municipality')).toEqual(before);
});

test('after all of it the server still serves', async () => {
  const answer = await graphql('{ municipality(slug: "tehran") { slug } }');
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.text).data).toEqual({ municipality: { slug: 'tehran' } });
});
