import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { keyCommand } from '../src/cli/key';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * Idempotency as payment APIs do it (issue 16, a portal staying in step): a clientMutationId
 * belongs to the account (the portal), not to one key, so a rotated key replays the first
 * write; the same id with another input is refused as IDEMPOTENCY_MISMATCH, naming the first call.
 */
const TEHRAN = toGlobalId('Municipality', SEED.municipality.tehran);
const MOSCOW = toGlobalId('Municipality', SEED.municipality.moscow);
const ERRORS = 'userErrors { field message code recordId }';
const SOURCE = { kind: 'NEWS_REPORT', publisher: 'Hamshahri', title: 'Tehran and Moscow', language: 'fa' };

let api: TestServer;
let admin: Key;
const { sql, fingerprint, mutate } = writeHarness(() => api, ['source', 'agreement', 'client_mutation', 'audit_log']);

beforeAll(async () => {
  api = await startTestServer();
  admin = await makeKey(api.database.dataSource, ApiKeyRole.ADMIN, 'ops');
});
afterAll(() => api.stop());

/** A key made through the API, as an admin rotating a portal's key would. */
async function portalKey(name: string, account?: string): Promise<Key & { account: string }> {
  const { result } = await mutate(
    'createApiKey',
    `apiKey { id account } key ${ERRORS}`,
    { name, role: 'EDITOR', ...(account ? { account } : {}) },
    admin,
  );
  expect(result.userErrors).toEqual([]);
  return {
    id: result.apiKey.id,
    secret: result.key,
    account: result.apiKey.account,
    headers: { authorization: `Bearer ${result.key}` },
  };
}

const createSource = (input: Record<string, unknown>, key: Key) =>
  mutate('createSource', `source { id title } ${ERRORS}`, input, key);

describe('keys per account', () => {
  it("gives a key made without an account an account of its own, and one made with it the portal's", async () => {
    const own = await portalKey('Stray script');
    const [{ id }] = await sql('SELECT id FROM api_key WHERE name = $1', ['Stray script']);
    expect(own.account).toBe(`key-${id}`);
    expect((await portalKey('Tehran portal, 2026', 'tehran.ir')).account).toBe('tehran.ir');
  });

  it('replays a create sent again with a rotated key of the same account, writing nothing', async () => {
    const first = await portalKey('Tehran portal, January', 'tehran.ir');
    const input = { ...SOURCE, clientMutationId: 'hamshahri-4711' };
    const made = (await createSource(input, first)).result;
    expect(made.userErrors).toEqual([]);
    // Rotation: a new key of the account, the old one revoked.
    const rotated = await portalKey('Tehran portal, February', 'tehran.ir');
    const revoke = await api.query(
      'mutation ($id: ID!) { revokeApiKey(input: { id: $id }) { userErrors { code } } }',
      { id: first.id },
      admin.headers,
    );
    expect(revoke.data!.revokeApiKey).toEqual({ userErrors: [] });
    const before = await fingerprint();
    expect((await createSource(input, rotated)).result).toEqual({
      source: made.source,
      userErrors: [],
      clientMutationId: 'hamshahri-4711',
    });
    expect(await fingerprint()).toEqual(before);
  });

  it("creates anew for another account's key with the same clientMutationId", async () => {
    const other = await portalKey('Moscow portal', 'mos.ru');
    const { result } = await createSource({ ...SOURCE, clientMutationId: 'hamshahri-4711' }, other);
    expect(result.userErrors).toEqual([]);
    expect(await sql(`SELECT count(*)::int AS n FROM source WHERE publisher = 'Hamshahri'`)).toEqual([{ n: 2 }]);
  });
});

describe('the same key with another payload', () => {
  it('refuses it as IDEMPOTENCY_MISMATCH, naming the mutation, when it was first sent and the record it made', async () => {
    const key = await portalKey('Tabriz portal', 'tabriz.ir');
    const made = (await createSource({ ...SOURCE, clientMutationId: 'src-1' }, key)).result.source.id;
    const [{ created_at: at }] = await sql(
      `SELECT created_at FROM client_mutation WHERE account = 'tabriz.ir' AND client_mutation_id = 'src-1'`,
    );
    const before = await fingerprint();
    const { result } = await createSource({ ...SOURCE, title: 'Another report', clientMutationId: 'src-1' }, key);
    expect(result).toEqual({
      source: null,
      userErrors: [
        {
          field: ['input', 'clientMutationId'],
          message: `was first sent to createSource at ${new Date(at).toISOString()} with another input, which made Source ${made}: a retry sends the same input, a new write a new clientMutationId`,
          code: 'IDEMPOTENCY_MISMATCH',
          recordId: made,
        },
      ],
      clientMutationId: 'src-1',
    });
    expect(await fingerprint()).toEqual(before);
  });

  it('counts an omitted default, or fields in another order, as the same payload', async () => {
    const key = await portalKey('Shiraz portal', 'shiraz.ir');
    const base = {
      kind: 'PROTOCOL',
      titles: [{ lang: 'en', value: 'Shiraz protocol' }],
      partyIds: [TEHRAN, MOSCOW],
      clientMutationId: 'protocol-1',
    };
    const first = (await mutate('createAgreement', `agreement { id } ${ERRORS}`, base, key)).result;
    expect(first.userErrors).toEqual([]);
    const before = await fingerprint();
    const reordered = {
      clientMutationId: 'protocol-1',
      partyIds: [TEHRAN, MOSCOW],
      areaIds: [],
      status: 'PROPOSED',
      titles: base.titles,
      kind: 'PROTOCOL',
    };
    expect((await mutate('createAgreement', `agreement { id } ${ERRORS}`, reordered, key)).result.agreement).toEqual(
      first.agreement,
    );
    // The order of a list is part of the payload: parties in another order are another input.
    const swapped = await mutate(
      'createAgreement',
      `agreement { id } ${ERRORS}`,
      { ...base, partyIds: [MOSCOW, TEHRAN] },
      key,
    );
    expect(swapped.result.userErrors.map((error: { code: string }) => error.code)).toEqual(['IDEMPOTENCY_MISMATCH']);
    expect(await fingerprint()).toEqual(before);
  });

  it('stores the fingerprint of the input with the claim, and refuses a claim with a malformed one', async () => {
    const rows = await sql(
      `SELECT mutation, length(fingerprint) AS bytes, record_type FROM client_mutation WHERE account = 'shiraz.ir'`,
    );
    expect(rows).toEqual([{ mutation: 'createAgreement', bytes: 32, record_type: 'Agreement' }]);
    await expect(
      sql(
        `INSERT INTO client_mutation (account, api_key_id, client_mutation_id, mutation, fingerprint) VALUES ('x', $1, 'y', 'z', '\\x00')`,
        [admin.id],
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it('still refuses the id for another mutation as ALREADY_USED', async () => {
    const key = await portalKey('Isfahan portal', 'isfahan.ir');
    await createSource({ ...SOURCE, clientMutationId: 'shared' }, key);
    const { result } = await mutate(
      'createAgreement',
      `agreement { id } ${ERRORS}`,
      { kind: 'OTHER', titles: [{ lang: 'en', value: 'x' }], partyIds: [TEHRAN, MOSCOW], clientMutationId: 'shared' },
      key,
    );
    expect(result.userErrors).toEqual([
      {
        field: ['input', 'clientMutationId'],
        message: 'was already used by this account for createSource',
        code: 'ALREADY_USED',
        recordId: null,
      },
    ]);
  });
});

describe('naming the account', () => {
  it('refuses an account that is not a lowercase name, in the API and in the database', async () => {
    const { result } = await mutate(
      'createApiKey',
      `apiKey { id } ${ERRORS}`,
      { name: 'Bad', role: 'EDITOR', account: 'Tehran Portal' },
      admin,
    );
    expect(result.userErrors).toEqual([
      {
        field: ['input', 'account'],
        message: 'must be lowercase letters, digits, ".", "_" or "-", at most 100, starting with a letter or digit',
        code: 'INVALID',
        recordId: null,
      },
    ]);
    await expect(sql(`UPDATE api_key SET account = $2 WHERE id = $1`, [admin.id, 'a'.repeat(101)])).rejects.toThrow(
      /api_key_account_valid/,
    );
  });

  it('lets the key command name the account, and lists it', async () => {
    const output = await keyCommand(
      ['create', '--role', 'editor', '--name', 'Mashhad portal', '--account', 'mashhad.ir'],
      api.database.dataSource,
    );
    expect(output).toMatch(/^EDITOR key "Mashhad portal"/);
    expect(await sql(`SELECT account FROM api_key WHERE name = 'Mashhad portal'`)).toEqual([{ account: 'mashhad.ir' }]);
    expect(await keyCommand(['list'], api.database.dataSource)).toMatch(
      / {2}Mashhad portal {2}\(account mashhad\.ir\)$/m,
    );
    await expect(
      keyCommand(['create', '--role', 'editor', '--name', 'X', '--account', 'Not Valid'], api.database.dataSource),
    ).rejects.toThrow('--account: "Not Valid" must be lowercase letters, digits, ".", "_" or "-" (at most 100)');
  });
});
