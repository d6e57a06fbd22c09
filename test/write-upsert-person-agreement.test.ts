import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * upsertPerson and upsertAgreement (issue 16, a portal staying in step): create a record or
 * update the one its external ids (a person: else their Wikidata id) name; the same call again
 * writes nothing and says so. person(wikidataId:) finds a person by Wikidata id.
 */
const TEHRAN = toGlobalId('Municipality', SEED.municipality.tehran);
const MOSCOW = toGlobalId('Municipality', SEED.municipality.moscow);
const SPB = toGlobalId('Municipality', SEED.municipality.saintPetersburg);
const ERRORS = 'userErrors { field message code recordId }';
const PERSON = 'person { id name wikidataId version externalIds { system id } } outcome';
const AGREEMENT = 'agreement { id kind title summary version externalIds { system id } } outcome';

let api: TestServer;
let admin: Key;
let tehranPortal: Key;
const { fingerprint, mutate, query } = writeHarness(
  () => api,
  ['person', 'agreement', 'agreement_party', 'agreement_status_change', 'external_id', 'audit_log'],
);

beforeAll(async () => {
  api = await startTestServer();
  admin = await makeKey(api.database.dataSource, ApiKeyRole.ADMIN, 'ops');
  tehranPortal = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Tehran portal', [SEED.municipality.tehran]);
});
afterAll(() => api.stop());

const upsert = async (field: string, selection: string, input: Record<string, unknown>, key: Key = admin) => {
  const { response, result } = await mutate(field, `${selection} ${ERRORS}`, input, key);
  return { result, codes: response.errors?.map((error) => error.extensions?.code) };
};

describe('upsertPerson', () => {
  const MAYOR = {
    names: [{ lang: 'en', value: 'Alireza Zakani' }],
    wikidataId: 'Q4349158',
    externalIds: [{ system: 'tehran.ir', id: 'person-7' }],
  };

  it('creates a person, leaves them unchanged when sent again, updates them on a change', async () => {
    const created = (await upsert('upsertPerson', PERSON, MAYOR)).result;
    expect(created).toEqual({
      person: {
        id: expect.any(String),
        name: 'Alireza Zakani',
        wikidataId: 'Q4349158',
        version: 1,
        externalIds: [{ system: 'tehran.ir', id: 'person-7' }],
      },
      outcome: 'CREATED',
      userErrors: [],
      clientMutationId: null,
    });
    const before = await fingerprint();
    expect((await upsert('upsertPerson', PERSON, MAYOR)).result).toEqual({ ...created, outcome: 'UNCHANGED' });
    expect(await fingerprint()).toEqual(before);
    const renamed = (await upsert('upsertPerson', PERSON, { ...MAYOR, names: [{ lang: 'en', value: 'A. Zakani' }] }))
      .result;
    expect(renamed).toEqual({
      ...created,
      person: { ...created.person, name: 'A. Zakani', version: 3 },
      outcome: 'UPDATED',
    });
  });

  it('matches by Wikidata id when no external id names one, and person(wikidataId:) finds them', async () => {
    const { person } = await query('{ person(wikidataId: "Q4349158") { id name } }');
    const matched = (
      await upsert('upsertPerson', PERSON, { ...MAYOR, externalIds: [{ system: 'isfahan.ir', id: 'p-1' }] })
    ).result;
    expect(matched.outcome).toBe('UPDATED');
    expect(matched.person).toEqual({
      id: person.id,
      name: 'Alireza Zakani',
      wikidataId: 'Q4349158',
      version: 5,
      externalIds: [{ system: 'isfahan.ir', id: 'p-1' }],
    });
    expect(await query('{ person(wikidataId: "Q999999999") { id } }')).toEqual({ person: null });
    const bad = await api.query('{ person(wikidataId: "4349158") { id } }');
    expect(bad.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['BAD_USER_INPUT', 'person: wikidataId must be a Wikidata item id such as "Q4349158"'],
    ]);
  });

  it('refuses an external id of a municipality, and a scoped key changing a person, writing nothing', async () => {
    const tagged = await mutate(
      'setExternalIds',
      ERRORS,
      { id: TEHRAN, version: 1, externalIds: [{ system: 'tehran.ir', id: 'city-1' }] },
      admin,
    );
    expect(tagged.result.userErrors).toEqual([]);
    const before = await fingerprint();
    const wrongType = await upsert('upsertPerson', PERSON, {
      ...MAYOR,
      externalIds: [{ system: 'tehran.ir', id: 'city-1' }],
    });
    expect(wrongType.result.userErrors).toEqual([
      {
        field: ['input', 'externalIds'],
        message: `names a Municipality: ${TEHRAN}`,
        code: 'WRONG_TYPE',
        recordId: TEHRAN,
      },
    ]);
    const scoped = await upsert(
      'upsertPerson',
      PERSON,
      { ...MAYOR, externalIds: [{ system: 'isfahan.ir', id: 'p-1' }] },
      tehranPortal,
    );
    expect(scoped.codes).toEqual(['FORBIDDEN']);
    expect(await fingerprint()).toEqual(before);
    const added = await upsert(
      'upsertPerson',
      PERSON,
      { names: [{ lang: 'en', value: 'Mehdi Chamran' }], externalIds: [{ system: 'tehran.ir', id: 'person-8' }] },
      tehranPortal,
    );
    expect([
      added.result.outcome,
      added.result.person.name,
      added.result.person.version,
      added.result.person.externalIds,
    ]).toEqual(['CREATED', 'Mehdi Chamran', 1, [{ system: 'tehran.ir', id: 'person-8' }]]);
  });
});

describe('upsertAgreement', () => {
  const MEMO = {
    kind: 'MEMORANDUM_OF_UNDERSTANDING',
    status: 'SIGNED',
    titles: [{ lang: 'en', value: 'Tehran–Moscow memorandum on metro' }],
    partyIds: [TEHRAN, MOSCOW],
    signedOn: '2024-05-01',
    externalIds: [{ system: 'tehran.ir', id: 'agreement-12' }],
  };

  it('creates an agreement, leaves it unchanged when sent again, updates it on a change', async () => {
    const created = (await upsert('upsertAgreement', AGREEMENT, MEMO)).result;
    expect(created).toEqual({
      agreement: {
        id: expect.any(String),
        kind: 'MEMORANDUM_OF_UNDERSTANDING',
        title: 'Tehran–Moscow memorandum on metro',
        summary: null,
        version: 1,
        externalIds: [{ system: 'tehran.ir', id: 'agreement-12' }],
      },
      outcome: 'CREATED',
      userErrors: [],
      clientMutationId: null,
    });
    const before = await fingerprint();
    expect((await upsert('upsertAgreement', AGREEMENT, MEMO)).result).toEqual({ ...created, outcome: 'UNCHANGED' });
    expect(await fingerprint()).toEqual(before);
    const scopedRepeat = (await upsert('upsertAgreement', AGREEMENT, MEMO, tehranPortal)).result;
    expect(scopedRepeat).toEqual({ ...created, outcome: 'UNCHANGED' });
    expect(await fingerprint()).toEqual(before);
    const summarized = (await upsert('upsertAgreement', AGREEMENT, { ...MEMO, summary: 'Metro know-how.' })).result;
    expect(summarized).toEqual({
      ...created,
      agreement: { ...created.agreement, summary: 'Metro know-how.', version: 3 },
      outcome: 'UPDATED',
    });
  });

  it('refuses a match between other parties, and an untagged duplicate as TAKEN naming it', async () => {
    const [{ agreement }] = [
      (await upsert('upsertAgreement', AGREEMENT, { ...MEMO, summary: 'Metro know-how.' })).result,
    ];
    const before = await fingerprint();
    const otherParties = await upsert('upsertAgreement', AGREEMENT, { ...MEMO, partyIds: [TEHRAN, SPB] });
    expect(otherParties.result.userErrors).toEqual([
      {
        field: ['input', 'partyIds'],
        message:
          'the external id names an agreement between other parties; parties change with addAgreementParties and removeAgreementParties',
        code: 'INVALID',
        recordId: agreement.id,
      },
    ]);
    const duplicate = await upsert('upsertAgreement', AGREEMENT, {
      ...MEMO,
      externalIds: [{ system: 'tehran.ir', id: 'agreement-13' }],
    });
    expect(duplicate.result.userErrors).toEqual([
      {
        field: ['input', 'partyIds'],
        message: expect.stringContaining(agreement.id),
        code: 'TAKEN',
        recordId: agreement.id,
      },
    ]);
    expect(await fingerprint()).toEqual(before);
  });

  it("applies the scope rules: Tehran's portal may not upsert a Moscow–Saint Petersburg agreement", async () => {
    const outside = { ...MEMO, partyIds: [MOSCOW, SPB], externalIds: [{ system: 'moscow.ru', id: 'a-1' }] };
    expect((await upsert('upsertAgreement', AGREEMENT, outside)).result.outcome).toBe('CREATED');
    const before = await fingerprint();
    expect((await upsert('upsertAgreement', AGREEMENT, outside, tehranPortal)).codes).toEqual(['FORBIDDEN']);
    const fresh = { ...outside, signedOn: '2025-01-01', externalIds: [{ system: 'tehran.ir', id: 'agreement-99' }] };
    expect((await upsert('upsertAgreement', AGREEMENT, fresh, tehranPortal)).codes).toEqual(['FORBIDDEN']);
    expect(await fingerprint()).toEqual(before);
  });
});

describe('organization(wikidataId:)', () => {
  const EMBASSY = {
    slug: 'russian-embassy-tehran',
    names: [{ lang: 'en', value: 'Embassy of Russia in Tehran' }],
    kind: 'EMBASSY',
    countryCode: 'RU',
    wikidataId: 'Q2916937',
  };

  it('records an organization with its Wikidata id, finds it by it, and refuses a second with it', async () => {
    const created = await mutate('createOrganization', 'organization { id wikidataId }', EMBASSY, admin);
    expect(created.result.organization.wikidataId).toBe('Q2916937');
    expect(await query('{ organization(wikidataId: "Q2916937") { id slug wikidataId } }')).toEqual({
      organization: { id: created.result.organization.id, slug: 'russian-embassy-tehran', wikidataId: 'Q2916937' },
    });
    expect(await query('{ organization(wikidataId: "Q1") { id } }')).toEqual({ organization: null });
    const second = await mutate('createOrganization', 'organization { id }', { ...EMBASSY, slug: 'embassy-2' }, admin);
    expect(second.result.userErrors).toEqual([
      { field: ['input', 'wikidataId'], message: 'another organization has this Wikidata id', code: 'TAKEN' },
    ]);
    const both = await api.query('{ organization(slug: "x", wikidataId: "Q1") { id } }');
    expect(both.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['BAD_USER_INPUT', 'organization: give exactly one of slug and wikidataId'],
    ]);
    const bad = await api.query('{ organization(wikidataId: "q1") { id } }');
    expect(bad.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['BAD_USER_INPUT', 'organization: wikidataId must be a Wikidata item id such as "Q2916937"'],
    ]);
  });
});
