import { ApiKeyRole } from '../src/auth/api-key';
import { fromGlobalId, toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * A scoped key may change a record only if one of its municipalities takes part before and
 * after, and every municipality it adds to the record or takes out of it is in its scope too.
 * Each refusal is FORBIDDEN, names what is outside, and leaves every table as it was.
 * Writes that change another record (implements, signed during a visit): write-scope-links.test.ts.
 */
const id = toGlobalId;
const uuid = (globalId: string) => fromGlobalId(globalId)!.id;
const TEHRAN = id('Municipality', SEED.municipality.tehran);
const MOSCOW = id('Municipality', SEED.municipality.moscow);
const SAINT_PETERSBURG = id('Municipality', SEED.municipality.saintPetersburg);
const PACT = id('Agreement', SEED.agreement.sisterCityPact);
const MOSCOW_VISIT = id('Visit', SEED.visit.moscow);
const TEHRAN_DELEGATION = id('Delegation', SEED.delegation.tehranMunicipality);
const COUNCIL = id('Organization', SEED.organization.tehranCityCouncil);

let api: TestServer;
let admin: Key;
let editor: Key;
let tehranEditor: Key;
let tehranAndPetersburg: Key;

const TABLES = [
  'municipality',
  'organization',
  'delegation',
  'visit',
  'agreement',
  'agreement_party',
  'audit_log',
  'client_mutation',
  'api_key',
  'api_key_scope',
];
const { sql, mutate, refused } = writeHarness(() => api, TABLES);
const NOT_IN_SCOPE = 'API key "Tehran city portal" may add or remove only municipalities in its scope';

beforeAll(async () => {
  api = await startTestServer();
  admin = await makeKey(api.database.dataSource, ApiKeyRole.ADMIN, 'Admin');
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Editor');
  tehranEditor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Tehran city portal', [
    SEED.municipality.tehran,
  ]);
  tehranAndPetersburg = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Tehran and Saint Petersburg', [
    SEED.municipality.tehran,
    SEED.municipality.saintPetersburg,
  ]);
});
afterAll(() => api.stop());

const agreement = (globalId: string) =>
  sql(
    `SELECT version, party_key,
  (SELECT array_agg(municipality_id::text ORDER BY municipality_id) FROM agreement_party WHERE agreement_id = a.id) AS parties
  FROM agreement a WHERE id = $1`,
    [uuid(globalId)],
  );

/** A write an unscoped editor makes to set the scene; returns the record. */
async function given(field: string, record: string, input: Record<string, unknown>) {
  const { response, result } = await mutate(field, `${record} { id version }`, input, editor);
  expect([response.errors, result.userErrors]).toEqual([undefined, []]);
  return result[record] as { id: string; version: number };
}

describe('parties of an agreement', () => {
  it('refuses adding a municipality outside the scope to its own agreement, and allows one inside', async () => {
    const before = await agreement(PACT);
    const added = await refused(
      'addAgreementParties',
      { id: PACT, version: 1, municipalityIds: [SAINT_PETERSBURG] },
      tehranEditor,
    );
    expect(added.codes).toEqual(['FORBIDDEN']);
    expect(added.message).toBe(`${NOT_IN_SCOPE}; Agreement ${PACT} would gain saint-petersburg (${SAINT_PETERSBURG})`);
    expect(await agreement(PACT)).toEqual(before);

    const { result } = await mutate(
      'addAgreementParties',
      'agreement { version parties { slug } }',
      { id: PACT, version: 1, municipalityIds: [SAINT_PETERSBURG] },
      tehranAndPetersburg,
    );
    expect(result).toEqual({
      agreement: { version: 2, parties: [{ slug: 'moscow' }, { slug: 'saint-petersburg' }, { slug: 'tehran' }] },
      userErrors: [],
      clientMutationId: null,
    });
  });

  it('refuses taking a municipality outside the scope off its own agreement', async () => {
    const declaration = await given('createAgreement', 'agreement', {
      kind: 'DECLARATION',
      titles: [{ lang: 'en', value: 'Three capitals' }],
      partyIds: [TEHRAN, MOSCOW, SAINT_PETERSBURG],
    });
    const before = await agreement(declaration.id);
    const removed = await refused(
      'removeAgreementParties',
      { id: declaration.id, version: 1, municipalityIds: [MOSCOW] },
      tehranEditor,
    );
    expect(removed.codes).toEqual(['FORBIDDEN']);
    expect(removed.message).toBe(`${NOT_IN_SCOPE}; Agreement ${declaration.id} would lose moscow (${MOSCOW})`);
    expect(await agreement(declaration.id)).toEqual(before);
  });
});

describe('the host of a visit, the sender of a delegation, the city of an organization', () => {
  const visit = () => sql('SELECT host_municipality_id, version FROM visit WHERE id = $1', [SEED.visit.moscow]);

  it("refuses moving its delegation's visit from Moscow to Saint Petersburg, naming both", async () => {
    const before = await visit();
    const moved = await refused(
      'updateVisit',
      { id: MOSCOW_VISIT, version: 1, hostMunicipalityId: SAINT_PETERSBURG },
      tehranEditor,
    );
    expect(moved.codes).toEqual(['FORBIDDEN']);
    expect(moved.message).toBe(
      `${NOT_IN_SCOPE}; Visit ${MOSCOW_VISIT} would lose moscow (${MOSCOW}) and gain saint-petersburg (${SAINT_PETERSBURG})`,
    );
    expect(await visit()).toEqual(before);
  });

  it('allows naming the same host again: nobody is added or removed', async () => {
    const { result } = await mutate(
      'updateVisit',
      'visit { version host { slug } }',
      { id: MOSCOW_VISIT, version: 1, hostMunicipalityId: MOSCOW, purpose: 'Make the pact operational' },
      tehranEditor,
    );
    expect(result.visit).toEqual({ version: 2, host: { slug: 'moscow' } });
  });

  it('refuses a visit hosted by Tehran moved elsewhere, a delegation handed to Moscow, and the council moved to Moscow', async () => {
    const hosted = await given('recordVisit', 'visit', {
      delegationId: id('Delegation', SEED.delegation.moscowMunicipality),
      hostMunicipalityId: TEHRAN,
      startsOn: '2016-09-01',
      status: 'PLANNED',
    });
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [
        'updateVisit',
        { id: hosted.id, version: 1, hostMunicipalityId: SAINT_PETERSBURG },
        `Visit ${hosted.id} is outside them (taking part: moscow (${MOSCOW}), saint-petersburg (${SAINT_PETERSBURG}))`,
      ],
      [
        'updateDelegation',
        { id: TEHRAN_DELEGATION, version: 1, senderMunicipalityId: MOSCOW },
        `Delegation ${TEHRAN_DELEGATION} is outside them (taking part: moscow (${MOSCOW}))`,
      ],
      [
        'updateOrganization',
        { id: COUNCIL, version: 1, municipalityId: MOSCOW },
        `Organization ${COUNCIL} is outside them (taking part: moscow (${MOSCOW}))`,
      ],
    ];
    for (const [field, input, message] of cases) {
      const answer = await refused(field, input, tehranEditor);
      expect([field, answer.codes, answer.message]).toEqual([
        field,
        ['FORBIDDEN'],
        `API key "Tehran city portal" may change only records its municipalities take part in; ${message}`,
      ]);
    }
  });
});

describe('the municipalities a key is limited to', () => {
  it('refuses deleting a municipality a key is limited to (IN_USE): the key would lose its limit', async () => {
    const isfahan = await given('createMunicipality', 'municipality', {
      slug: 'isfahan',
      names: [{ lang: 'en', value: 'Isfahan' }],
      countryCode: 'IR',
    });
    const portal = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Isfahan portal', [uuid(isfahan.id)]);
    const answer = await refused('deleteMunicipality', { id: isfahan.id, version: 1 }, portal);
    expect(answer.userErrors).toEqual([
      {
        field: ['input', 'id'],
        code: 'IN_USE',
        message: 'API keys are limited to this municipality (Isfahan portal); deleting it would lift their limit',
      },
    ]);
    const moscow = await refused('updateMunicipality', { id: MOSCOW, version: 1, governanceNote: 'x' }, portal);
    expect(moscow.codes).toEqual(['FORBIDDEN']);
  });
});

describe('createApiKey', () => {
  const CREATE = 'apiKey { id } key';

  it('refuses a key that expires in the past or now (INVALID on expiresAt), and makes one that expires later', async () => {
    for (const expiresAt of [new Date(Date.now() - 60_000).toISOString(), '2015-11-18T00:00:00Z']) {
      const answer = await refused('createApiKey', { name: 'Stale', role: 'READER', expiresAt }, admin);
      expect(answer.userErrors).toEqual([
        { field: ['input', 'expiresAt'], code: 'INVALID', message: 'must be in the future: the key would never work' },
      ]);
    }
    const later = new Date(Date.now() + 86_400_000).toISOString();
    const { result } = await mutate(
      'createApiKey',
      CREATE,
      { name: 'Tomorrow', role: 'READER', expiresAt: later },
      admin,
    );
    expect(result.userErrors).toEqual([]);
    expect(
      (await api.query('{ municipality(slug: "tehran") { slug } }', {}, { authorization: `Bearer ${result.key}` }))
        .data,
    ).toEqual({ municipality: { slug: 'tehran' } });
  });
});
