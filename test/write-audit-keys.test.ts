import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { keyCommand } from '../src/cli/key';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { startTestServer, TestServer } from './helpers/server';

/** The key command, admin key management, the audit trail, and safe retries. */
const AGREEMENT = toGlobalId('Agreement', SEED.agreement.saintPetersburgCooperation);
const MOSCOW = toGlobalId('Municipality', SEED.municipality.moscow);
const TEHRAN = toGlobalId('Municipality', SEED.municipality.tehran);

let api: TestServer;
let admin: { authorization: string };
let adminKeyId: string;

beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.stop());

const sql = (text: string, parameters: unknown[] = []) => api.database.dataSource.query(text, parameters);

describe('npm run key -- create', () => {
  it('prints a new admin key once; the key works, and its creation is audited without a key', async () => {
    const output = await keyCommand(['create', '--role', 'admin', '--name', 'First admin'], api.database.dataSource);
    const [first, secret] = output.split('\n').slice(-2);
    expect(first).toMatch(/^ADMIN key "First admin" \(id [0-9a-f-]{36}\)\. It is shown only this once:$/);
    expect(secret).toMatch(/^mda_[A-Za-z0-9_-]{43}$/);
    admin = { authorization: `Bearer ${secret}` };
    const [stored] = await sql(`SELECT id, name, role, key_prefix, encode(key_hash, 'hex') AS hash FROM api_key`);
    adminKeyId = stored.id;
    expect(stored).toEqual({
      id: adminKeyId,
      name: 'First admin',
      role: 'ADMIN',
      key_prefix: secret.slice(0, 12),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.stringify(await sql('SELECT * FROM api_key'))).not.toContain(secret.slice(12));
    expect(await sql(`SELECT api_key_id, mutation, action, record_type, record_id FROM audit_log`)).toEqual([
      { api_key_id: null, mutation: 'cli:key create', action: 'CREATE', record_type: 'ApiKey', record_id: adminKeyId },
    ]);
    const listed = await api.query('{ apiKeys { name role prefix revokedAt } }', {}, admin);
    expect(listed.data).toEqual({
      apiKeys: [{ name: 'First admin', role: 'ADMIN', prefix: secret.slice(0, 12), revokedAt: null }],
    });
  });

  it('refuses a scope on an admin key and an unknown role, writing nothing', async () => {
    await expect(
      keyCommand(['create', '--role', 'admin', '--name', 'X', '--scope', 'tehran'], api.database.dataSource),
    ).rejects.toThrow('--scope is for editor keys only');
    await expect(keyCommand(['create', '--role', 'owner', '--name', 'X'], api.database.dataSource)).rejects.toThrow(
      /^--role must be admin, editor or reader/,
    );
    expect(await sql('SELECT count(*)::int AS keys FROM api_key')).toEqual([{ keys: 1 }]);
  });
});

describe('admin mutations', () => {
  const CREATE = `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id name role } key userErrors { field code } } }`;

  it('creates a Tehran-scoped editor key that works, and revokes it', async () => {
    const created = await api.query(
      CREATE,
      { input: { name: 'Tehran portal', role: 'EDITOR', municipalityIds: [TEHRAN] } },
      admin,
    );
    const { apiKey, key, userErrors } = created.data!.createApiKey;
    expect({ name: apiKey.name, role: apiKey.role, userErrors }).toEqual({
      name: 'Tehran portal',
      role: 'EDITOR',
      userErrors: [],
    });
    const editor = { authorization: `Bearer ${key}` };
    const status = await api.query(
      `mutation ($input: SetAgreementStatusInput!) { setAgreementStatus(input: $input) {
      agreement { status version statusHistory { status note } } userErrors { field message code } } }`,
      { input: { id: AGREEMENT, version: 1, status: 'IN_FORCE', on: '2016', note: 'Carried out from 2016' } },
      editor,
    );
    expect(status.data!.setAgreementStatus).toEqual({
      agreement: {
        status: 'IN_FORCE',
        version: 2,
        statusHistory: [
          { status: 'SIGNED', note: 'Already in place before the November 2015 trip; the date is not given.' },
          { status: 'IN_FORCE', note: 'Carried out from 2016' },
        ],
      },
      userErrors: [],
    });

    const revoked = await api.query(
      `mutation ($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { name revokedAt } userErrors { code } } }`,
      { id: apiKey.id },
      admin,
    );
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data!.revokeApiKey.apiKey.revokedAt).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
    const refused = await api.query('{ municipality(slug: "moscow") { slug } }', {}, editor);
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('are refused to an editor key (FORBIDDEN), and so is the audit log', async () => {
    const editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Plain editor');
    const keys = await sql('SELECT count(*)::int AS n FROM api_key');
    const created = await api.query(CREATE, { input: { name: 'Sneaky', role: 'ADMIN' } }, editor.headers);
    expect(created.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await sql('SELECT count(*)::int AS n FROM api_key')).toEqual(keys);
    const log = await api.query('{ auditLog(first: 1) { totalCount } }', {}, editor.headers);
    expect(log.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});

describe('the audit trail', () => {
  it('records who changed which record when, before and after, readable by admins as a connection', async () => {
    const editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Audited editor');
    const update = await api.query(
      `mutation ($input: UpdateMunicipalityInput!) { updateMunicipality(input: $input) { municipality { version } } }`,
      { input: { id: MOSCOW, version: 1, governanceNote: 'State body' } },
      editor.headers,
    );
    expect(update.data).toEqual({ updateMunicipality: { municipality: { version: 2 } } });
    const log = await api.query(
      `query ($id: ID!) { auditLog(filter: { recordId: $id }, first: 5) {
      totalCount nodes { mutation action recordType recordId at apiKey { name } before after } } }`,
      { id: MOSCOW },
      admin,
    );
    const [entry] = log.data!.auditLog.nodes;
    expect(log.data!.auditLog.totalCount).toBe(1);
    expect({ ...entry, at: undefined, before: undefined, after: undefined }).toEqual({
      mutation: 'updateMunicipality',
      action: 'UPDATE',
      recordType: 'Municipality',
      recordId: MOSCOW,
      apiKey: { name: 'Audited editor' },
      at: undefined,
      before: undefined,
      after: undefined,
    });
    expect(Date.now() - Date.parse(entry.at)).toBeLessThan(60_000);
    expect([
      entry.before.governance_note,
      entry.before.version,
      entry.after.governance_note,
      entry.after.version,
    ]).toEqual([
      'Unlike Tehran, whose mayor is chosen by a vote of the city council, the Moscow mayoralty is a state (government) body (IRNA, November 2015).',
      1,
      'State body',
      2,
    ]);
    const { governance_note: _b, version: _bv, ...beforeRest } = entry.before;
    const { governance_note: _a, version: _av, ...afterRest } = entry.after;
    expect(afterRest).toEqual(beforeRest);
    expect(entry.after.sources).toEqual([SEED.source.irna]);
  });

  it('pages newest first with cursors', async () => {
    const first = await api.query(
      '{ auditLog(first: 2) { edges { cursor node { mutation } } pageInfo { hasNextPage endCursor } } }',
      {},
      admin,
    );
    const page = first.data!.auditLog;
    expect(page.edges.map((edge: { node: { mutation: string } }) => edge.node.mutation)).toEqual([
      'updateMunicipality',
      'revokeApiKey',
    ]);
    const next = await api.query(
      'query ($after: String) { auditLog(first: 5, after: $after) { nodes { mutation } pageInfo { hasNextPage } } }',
      { after: page.pageInfo.endCursor },
      admin,
    );
    expect(next.data!.auditLog).toEqual({
      nodes: [{ mutation: 'setAgreementStatus' }, { mutation: 'createApiKey' }, { mutation: 'cli:key create' }],
      pageInfo: { hasNextPage: false },
    });
  });
});

describe('safe retries', () => {
  it('writes one row for two concurrent creates with the same clientMutationId, and gives both the same record', async () => {
    const editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Retrying portal');
    const create = () =>
      api.query(
        `mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { agreement { id parties { slug } } userErrors { code } clientMutationId } }`,
        {
          input: {
            kind: 'MEMORANDUM_OF_UNDERSTANDING',
            titles: [{ lang: 'en', value: 'Transport memorandum' }],
            partyIds: [MOSCOW, TEHRAN],
            clientMutationId: 'mou-7',
          },
        },
        editor.headers,
      );
    const [one, two] = await Promise.all([create(), create()]);
    expect(one.data!.createAgreement.agreement.id).toBe(two.data!.createAgreement.agreement.id);
    expect(one.data!.createAgreement.agreement.parties).toEqual([{ slug: 'moscow' }, { slug: 'tehran' }]);
    expect(await sql(`SELECT count(*)::int AS n FROM agreement WHERE sort_name = 'Transport memorandum'`)).toEqual([
      { n: 1 },
    ]);
    expect(await sql(`SELECT count(*)::int AS n FROM audit_log WHERE mutation = 'createAgreement'`)).toEqual([
      { n: 1 },
    ]);
    const reused = await api.query(
      `mutation ($input: StartMayoralTermInput!) { startMayoralTerm(input: $input) { mayoralTerm { id } userErrors { field message code } } }`,
      {
        input: {
          municipalityId: TEHRAN,
          personId: toGlobalId('Person', SEED.person.mozaffari),
          since: '2030',
          clientMutationId: 'mou-7',
        },
      },
      editor.headers,
    );
    expect(reused.data!.startMayoralTerm).toEqual({
      mayoralTerm: null,
      userErrors: [
        {
          field: ['input', 'clientMutationId'],
          message: 'was already used by this account for createAgreement',
          code: 'ALREADY_USED',
        },
      ],
    });
  });
});
