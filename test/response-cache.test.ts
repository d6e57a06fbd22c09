import { VERSIONED_TABLES } from '../migrations/1764400001000-RegisterVersion';
import { ApiKeyRole } from '../src/auth/api-key';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { testDatabaseKind } from './helpers/database';
import { startPeerServer, startTestServer, TestServer } from './helpers/server';

/**
 * The server's cache of anonymous GET answers: kept per register version, which every commit's
 * NOTIFY tells each process, so a hit costs no statement and any committed write, through the
 * API (of any process) or straight into the database, is seen by the next request.
 */
const STATS = `{ agreementStats(groupBy: COUNTRY_PAIR) { key count } }`;

let api: TestServer;
beforeAll(async () => (api = await startTestServer()));
afterAll(() => api.stop());

/** Waits until the server has heard the NOTIFY of every commit so far (10 s at most). */
async function heardEveryCommit(server: TestServer = api): Promise<void> {
  const [{ version }] = await server.database.dataSource.query('SELECT version FROM register_version');
  for (let waited = 0; waited < 10_000; waited += 10) {
    if (server.server.services.changeNotices.latestVersion === Number(version)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the server never heard version ${version}`);
}

/** A GET of `query` with what the cache said of it. */
async function get(
  query: string,
  headers: Record<string, string> = {},
  variables?: Record<string, unknown>,
  server: TestServer = api,
) {
  const { headers: received, status: _status, statements, ...body } = await server.get(query, variables, headers);
  return {
    body: body as Record<string, any>,
    cache: received.get('x-response-cache'),
    statements,
    age: received.get('age'),
  };
}

it('answers a repeated anonymous GET from the cache, with no statement: the version comes from the NOTIFYs', async () => {
  const first = await get(STATS);
  expect(first).toMatchObject({ cache: 'miss', statements: 1 });
  expect(first.body.data).toEqual({ agreementStats: [{ key: 'IR-RU', count: 3 }] });
  const second = await get(STATS);
  expect(second).toMatchObject({ cache: 'hit', statements: 0, age: null });
  expect(second.body.data).toEqual(first.body.data);
  // The cost is still reported (and charged) on a hit.
  expect(second.body.extensions.cost.requested).toBe(first.body.extensions.cost.requested);
});

it('drops cached answers when a write commits, through the API or straight into the tables', async () => {
  await get(STATS);
  expect((await get(STATS)).cache).toBe('hit');

  const editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Editor');
  const created = await api.query(
    `mutation { createMunicipality(input: { slug: "minsk", countryCode: "BY", names: [{ lang: "en", value: "Minsk" }] }) {
    municipality { id } userErrors { message } } }`,
    {},
    editor.headers,
  );
  expect(created.data!.createMunicipality.userErrors).toEqual([]);
  const afterMutation = await get(STATS);
  expect(afterMutation.cache).toBe('miss');
  expect((await get(STATS)).cache).toBe('hit');

  // What an import in another process does: rows written with SQL, committed.
  await api.database.dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO agreement_party (agreement_id, municipality_id) SELECT $1, id FROM municipality WHERE slug = 'minsk'`,
      [SEED.agreement.sisterCityPact],
    );
    await manager.query(
      `UPDATE agreement SET party_key = (SELECT string_agg(municipality_id::text, ',' ORDER BY municipality_id)
      FROM agreement_party WHERE agreement_id = $1) WHERE id = $1`,
      [SEED.agreement.sisterCityPact],
    );
  });
  // Its commit reaches this process by NOTIFY, a moment after it commits.
  await heardEveryCommit();
  const afterSql = await get(STATS);
  expect(afterSql.cache).toBe('miss');
  expect(afterSql.body.data.agreementStats).toEqual([
    { key: 'IR-RU', count: 2 },
    { key: 'BY-IR-RU', count: 1 },
  ]);
});

it('moves the version once per writing transaction, and not for a transaction that rolls back', async () => {
  const version = async () =>
    Number((await api.database.dataSource.query('SELECT version FROM register_version'))[0].version);
  const before = await version();
  await api.database.dataSource.transaction(async (manager) => {
    await manager.query(`UPDATE municipality SET governance_note = 'checked' WHERE country_code = 'RU'`);
    await manager.query(`UPDATE person SET version = version + 1`);
  });
  expect(await version()).toBe(before + 1);
  await expect(
    api.database.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE municipality SET governance_note = 'undone'`);
      throw new Error('roll back');
    }),
  ).rejects.toThrow('roll back');
  expect(await version()).toBe(before + 1);

  // TRUNCATE fires no row triggers; a statement trigger moves the version (rolled back here).
  const runner = api.database.dataSource.createQueryRunner();
  await runner.startTransaction();
  try {
    await runner.query('TRUNCATE visit_counterpart');
    expect(Number((await runner.query('SELECT version FROM register_version'))[0].version)).toBe(before + 2);
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
});

it('keeps an answer per set of variables', async () => {
  const query = 'query ($country: String!) { agreements(filter: { partyCountries: [$country] }) { totalCount } }';
  const ask = async (country: string) => {
    const { cache, body } = await get(query, {}, { country });
    return [cache, body.data.agreements.totalCount];
  };
  const [ir, cn] = [await ask('IR'), await ask('CN')];
  expect(ir[0]).toBe('miss');
  expect(cn).toEqual(['miss', 0]);
  expect(await ask('IR')).toEqual(['hit', ir[1]]);
  expect(await ask('CN')).toEqual(['hit', 0]);
});

it('never caches POST requests, requests with credentials, or answers with errors', async () => {
  const posted = await api.query(STATS);
  expect(posted.statements).toBe(1);
  const reader = await makeKey(api.database.dataSource, ApiKeyRole.READER, 'Reader');
  for (let i = 0; i < 2; i++) {
    const withKey = await get(STATS, reader.headers);
    // The key's lookup, then the count: no version read, nothing kept.
    expect(withKey).toMatchObject({ cache: null, statements: 2 });
  }
  const refused = `{ agreements(first: 1, filter: { signedFrom: "2015-02-29" }) { totalCount } }`;
  for (let i = 0; i < 2; i++) {
    const answer = await get(refused);
    expect(answer.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(answer.cache).toBe('miss'); // looked up, never kept
  }
});

it('is off with RESPONSE_CACHE_MB=0', async () => {
  const uncached = await startTestServer({ seeded: true, env: { RESPONSE_CACHE_MB: '0' } });
  try {
    for (let i = 0; i < 2; i++) {
      const response = await get(STATS, {}, undefined, uncached);
      expect(response.cache).toBeNull();
      expect(response.statements).toBe(1);
    }
  } finally {
    await uncached.stop();
  }
});

it('versions every table of the register: a new table must get the triggers or be an exception', async () => {
  const rows: Array<{ name: string }> = await api.database.dataSource.query(`
    SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`);
  const unversioned = [
    'agreement_activity',
    'agreement_countries',
    'agreement_support',
    'api_key',
    'api_key_scope',
    'audit_log',
    'client_mutation',
    'partner_activity',
    'rate_budget',
    'register_change',
    'register_change_horizon',
    'register_version',
    'schema_migration',
    'search_entry',
  ];
  // The tables whose writes move the version on: both triggers of registerVersionTriggers.
  const versioned: Array<{ name: string }> = await api.database.dataSource.query(`
    SELECT c.relname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
     WHERE p.proname = 'register_version_bump' AND NOT t.tgisinternal
     GROUP BY c.relname HAVING count(*) FILTER (WHERE t.tgconstraint <> 0) = 1 AND count(*) = 2 ORDER BY 1`);
  const register = rows.map((row) => row.name).filter((name) => !unversioned.includes(name));
  expect(versioned.map((row) => row.name)).toEqual(register);
  // Those of the first migration are all still there.
  expect(register).toEqual(expect.arrayContaining([...VERSIONED_TABLES]));
});

// Two processes need server PostgreSQL (the embedded database runs as one process).
const twoProcesses = testDatabaseKind() === 'server' ? it : it.skip;

twoProcesses('a write through one process retires the cached answers of another, by its NOTIFY', async () => {
  const peer = await startPeerServer(api);
  try {
    await get(STATS, {}, undefined, peer);
    expect((await get(STATS, {}, undefined, peer)).cache).toBe('hit');
    const editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Peer editor');
    const created = await api.query(
      `mutation { createMunicipality(input: { slug: "gomel", countryCode: "BY", names: [{ lang: "en", value: "Gomel" }] }) {
      municipality { id } userErrors { message } } }`,
      {},
      editor.headers,
    );
    expect(created.data!.createMunicipality.userErrors).toEqual([]);
    await heardEveryCommit(peer);
    const after = await get(STATS, {}, undefined, peer);
    expect(after).toMatchObject({ cache: 'miss', statements: 1 });
    expect((await get(STATS, {}, undefined, peer)).cache).toBe('hit');
  } finally {
    await peer.stop();
  }
});

it('reads the version with a statement while the LISTEN connection is down', async () => {
  const notices = api.server.services.changeNotices;
  await get(STATS);
  notices.listening = false;
  try {
    expect(await get(STATS)).toMatchObject({ cache: 'hit', statements: 1 });
  } finally {
    notices.listening = true;
  }
});
