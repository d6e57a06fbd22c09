import { GraphQLError } from 'graphql';
import pino from 'pino';
import { ApiKeyRole } from '../src/auth/api-key';
import { createErrorFormatter } from '../src/errors/format-error';
import { FaultProxy } from './helpers/fault-proxy';
import { FaultServer, startFaultServer } from './helpers/fault-server';
import { Key } from './helpers/mutations';
import { makeKey } from './helpers/keys';

/**
 * The database cut at each point of a mutation, through a proxy that cuts on the statement it
 * sees: the client gets 503 DATABASE_UNAVAILABLE, and once the database is back the record is
 * written whole or not at all (a retry with its clientMutationId then writes it exactly once).
 */
let api: FaultServer;
let editor: Key;
beforeAll(async () => {
  api = await startFaultServer({ DATABASE_CONNECT_TIMEOUT_MS: '1000' });
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'editor');
});
afterAll(async () => {
  await api?.stop();
});

const CREATE =
  'mutation ($input: CreateSourceInput!) { createSource(input: $input) { source { id title } userErrors { code } } }';
const UNAVAILABLE = ['DATABASE_UNAVAILABLE', 'the database is unavailable; try again shortly'];
let sent = 0;

async function create(title: string) {
  const input = { kind: 'BLOG', publisher: 'Fault desk', title, language: 'en', clientMutationId: title };
  const { status, body } = await api.post(CREATE, { input }, editor.headers);
  return {
    status,
    errors: (body.errors ?? []).map((error: any) => [error.extensions.code, error.message]),
    data: body.data,
  };
}

/** Rows the mutation writes, read past the proxy: its source, that source's audit entries, its claim. */
async function written(title: string) {
  const [row] = await api.database.dataSource.query(
    `SELECT (SELECT count(*)::int FROM source WHERE title = $1) AS sources,
            (SELECT count(*)::int FROM audit_log a JOIN source s ON s.id = a.record_id WHERE s.title = $1) AS audits,
            (SELECT count(*)::int FROM client_mutation c JOIN source s ON s.id = c.record_id WHERE c.client_mutation_id = $1) AS claims`,
    [title],
  );
  return row as { sources: number; audits: number; claims: number };
}

async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what} never happened`)), 5000)),
  );
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

const NOTHING = { sources: 0, audits: 0, claims: 0 };
const WHOLE = { sources: 1, audits: 1, claims: 1 };

// [where the cut falls, how the proxy is armed, what may be stored after it]
const cuts: Array<[string, (proxy: FaultProxy) => Promise<void>, Array<typeof NOTHING>]> = [
  ['as the transaction starts', (proxy) => proxy.cutWhenSent('START TRANSACTION', { forward: false }), [NOTHING]],
  ['with the transaction open, its claim answered', (proxy) => proxy.cutWhenReceived('INSERT 0 1'), [NOTHING]],
  [
    'as the INSERT reaches the database',
    (proxy) => proxy.cutWhenSent('INSERT INTO source', { forward: true }),
    [NOTHING],
  ],
  [
    'as the audit entry reaches the database',
    (proxy) => proxy.cutWhenSent('INSERT INTO audit_log', { forward: true }),
    [NOTHING],
  ],
  ['before the COMMIT reaches the database', (proxy) => proxy.cutWhenSent('COMMIT', { forward: false }), [NOTHING]],
  // The database may commit without the server hearing of it: unknown to the client, whole either way.
  [
    'after the COMMIT reached the database',
    (proxy) => proxy.cutWhenSent('COMMIT', { forward: true }),
    [NOTHING, WHOLE],
  ],
];

test('cut before the mutation: 503 DATABASE_UNAVAILABLE with Retry-After, nothing written', async () => {
  const title = `fault ${++sent}`;
  await api.proxy.cut();
  try {
    const response = await fetch(api.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...editor.headers },
      body: JSON.stringify({
        query: CREATE,
        variables: { input: { kind: 'BLOG', publisher: 'P', title, language: 'en', clientMutationId: title } },
      }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toEqual({
      errors: [{ message: UNAVAILABLE[1], extensions: { code: UNAVAILABLE[0] } }],
    });
  } finally {
    await api.proxy.restore();
  }
  expect(await written(title)).toEqual(NOTHING);
  expect(await create(title)).toMatchObject({
    status: 200,
    errors: [],
    data: { createSource: { source: { title }, userErrors: [] } },
  });
  expect(await written(title)).toEqual(WHOLE);
});

test.each(cuts)(
  'cut %s: 503 DATABASE_UNAVAILABLE, then whole or nothing; a retry writes it once',
  async (_, arm, outcomes) => {
    const title = `fault ${++sent}`;
    const cut = arm(api.proxy);
    const answer = await create(title);
    await within(cut, 'the cut');
    expect(answer).toEqual({ status: 503, errors: [UNAVAILABLE], data: { createSource: null } });
    await api.proxy.restore();
    expect(outcomes).toContainEqual(await written(title));
    expect(await create(title)).toMatchObject({
      status: 200,
      errors: [],
      data: { createSource: { source: { title } } },
    });
    expect(await written(title)).toEqual(WHOLE);
  },
);

test('a connection lost between two statements of a transaction is DATABASE_UNAVAILABLE, not an internal error', async () => {
  let lost: unknown;
  await api.server.services.dataSource
    .transaction(async (manager) => {
      await manager.query('SELECT 1');
      await api.proxy.cut();
      // TypeORM hears of the drop from the connection's 'error' event and releases the runner.
      await new Promise((resolve) => setTimeout(resolve, 100));
      lost = await manager.query('SELECT 2').then(
        () => undefined,
        (error: unknown) => error,
      );
    })
    .catch(() => undefined);
  await api.proxy.restore();
  expect((lost as Error).name).toBe('QueryRunnerProviderAlreadyReleasedError');
  const format = createErrorFormatter({ production: true, logger: pino({ level: 'silent' }) });
  const wrapped = new GraphQLError((lost as Error).message, { originalError: lost as Error, path: ['createSource'] });
  expect(format({ message: wrapped.message, path: ['createSource'] }, wrapped)).toEqual({
    message: UNAVAILABLE[1],
    path: ['createSource'],
    locations: undefined,
    extensions: { code: UNAVAILABLE[0] },
  });
});

test('an anonymous GET query during a cut: 503 DATABASE_UNAVAILABLE too', async () => {
  await api.proxy.cut();
  try {
    const response = await fetch(
      `${api.server.url}?query=${encodeURIComponent('{ municipalities(first: 1) { totalCount } }')}`,
    );
    expect(response.status).toBe(503);
    expect(((await response.json()) as any).errors.map((error: any) => [error.extensions.code, error.message])).toEqual(
      [UNAVAILABLE],
    );
  } finally {
    await api.proxy.restore();
  }
});
