import { ApiKeyRole } from '../src/auth/api-key';
import { fromGlobalId, toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * What a visit was about (issue 16, item 4): the agreements and third municipalities it
 * concerned, linked after the fact from the visit's side, read from both ends. Only the visit
 * needs to be in a scoped key's scope; each change moves the visit's version and is audited on it.
 */
const id = toGlobalId;
const uuid = (globalId: string) => fromGlobalId(globalId)!.id;
const TEHRAN = id('Municipality', SEED.municipality.tehran);
const MOSCOW = id('Municipality', SEED.municipality.moscow);
const SAINT_PETERSBURG = id('Municipality', SEED.municipality.saintPetersburg);
const MOSCOW_VISIT = id('Visit', SEED.visit.moscow);
const PACT = id('Agreement', SEED.agreement.sisterCityPact);
const PETERSBURG_DOCUMENT = id('Agreement', SEED.agreement.saintPetersburgCooperation);
const MOSCOW_DELEGATION = id('Delegation', SEED.delegation.moscowMunicipality);

let api: TestServer;
let editor: Key;
let tehranEditor: Key;
let minsk: string;
let moscowProtocol: string;

const TABLES = ['visit', 'visit_subject_agreement', 'visit_subject_municipality', 'agreement', 'audit_log'];
const { sql, mutate, refused, query } = writeHarness(() => api, TABLES);
const SUBJECTS = 'version aboutAgreements { title(lang: "en") } aboutMunicipalities { slug }';

beforeAll(async () => {
  api = await startTestServer();
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Editor');
  tehranEditor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Tehran city portal', [
    SEED.municipality.tehran,
  ]);
  const created = await mutate(
    'createMunicipality',
    'municipality { id }',
    { slug: 'minsk', names: [{ lang: 'en', value: 'Minsk' }], countryCode: 'BY' },
    editor,
  );
  minsk = created.result.municipality.id;
  const protocol = await mutate(
    'createAgreement',
    'agreement { id }',
    {
      kind: 'PROTOCOL',
      titles: [{ lang: 'en', value: 'Moscow–Saint Petersburg protocol' }],
      partyIds: [MOSCOW, SAINT_PETERSBURG],
    },
    editor,
  );
  moscowProtocol = protocol.result.agreement.id;
});
afterAll(() => api.stop());

async function written(field: string, input: Record<string, unknown>, key = tehranEditor) {
  const { response, result } = await mutate(field, `visit { ${SUBJECTS} }`, input, key);
  expect([response.errors, result.userErrors]).toEqual([undefined, []]);
  return result.visit;
}

describe('agreements a visit was about', () => {
  it("a Tehran key says its Moscow trip was about the pact and about another city's protocol; both ends read it", async () => {
    const [before] = await sql('SELECT updated_at FROM visit WHERE id = $1', [SEED.visit.moscow]);
    const visit = await written('addVisitAboutAgreements', {
      id: MOSCOW_VISIT,
      version: 1,
      agreementIds: [PACT, moscowProtocol],
    });
    expect(visit).toEqual({
      version: 2,
      aboutAgreements: [{ title: 'Moscow–Saint Petersburg protocol' }, { title: 'Tehran–Moscow sister-city pact' }],
      aboutMunicipalities: [],
    });
    const [after] = await sql('SELECT updated_at, version FROM visit WHERE id = $1', [SEED.visit.moscow]);
    expect(after.version).toBe(2);
    expect(after.updated_at.getTime()).toBeGreaterThan(before.updated_at.getTime());
    const read = await query(
      `query ($pact: ID!, $protocol: ID!) {
        pact: node(id: $pact) { ... on Agreement { discussedOnVisits { id } version } }
        protocol: node(id: $protocol) { ... on Agreement { discussedOnVisits { host { slug } } version } } }`,
      { pact: PACT, protocol: moscowProtocol },
    );
    expect(read).toEqual({
      pact: { discussedOnVisits: [{ id: MOSCOW_VISIT }], version: 1 },
      protocol: { discussedOnVisits: [{ host: { slug: 'moscow' } }], version: 1 },
    });
    expect(
      await sql(
        `SELECT action, before->'aboutAgreements' AS before, after->'aboutAgreements' AS after, record_type
           FROM audit_log WHERE mutation = 'addVisitAboutAgreements'`,
      ),
    ).toEqual([
      {
        action: 'UPDATE',
        record_type: 'Visit',
        before: [],
        after: [uuid(PACT), uuid(moscowProtocol)].sort(),
      },
    ]);
  });

  it('refuses one named already, one not named, another type and a stale version, by index; nothing changes', async () => {
    const twice = await refused(
      'addVisitAboutAgreements',
      { id: MOSCOW_VISIT, version: 2, agreementIds: [PETERSBURG_DOCUMENT, PACT] },
      tehranEditor,
    );
    expect(twice.userErrors).toEqual([
      { field: ['input', 'agreementIds', '1'], message: 'is already linked to this Visit', code: 'DUPLICATE' },
    ]);
    const absent = await refused(
      'removeVisitAboutAgreements',
      { id: MOSCOW_VISIT, version: 2, agreementIds: [PETERSBURG_DOCUMENT] },
      tehranEditor,
    );
    expect(absent.userErrors).toEqual([
      { field: ['input', 'agreementIds', '0'], message: 'is not linked to this Visit', code: 'NOT_FOUND' },
    ]);
    const wrongType = await refused(
      'addVisitAboutAgreements',
      { id: MOSCOW_VISIT, version: 2, agreementIds: [TEHRAN] },
      tehranEditor,
    );
    expect(wrongType.userErrors).toEqual([
      { field: ['input', 'agreementIds', '0'], message: 'names a Municipality, not an Agreement', code: 'WRONG_TYPE' },
    ]);
    const stale = await refused(
      'addVisitAboutAgreements',
      { id: MOSCOW_VISIT, version: 1, agreementIds: [PETERSBURG_DOCUMENT] },
      tehranEditor,
    );
    expect(stale.codes).toEqual(['CONFLICT']);
  });

  it('refuses deleting an agreement a visit was about (IN_USE); removing it from the visit lets it go', async () => {
    const inUse = await refused('deleteAgreement', { id: moscowProtocol, version: 1 }, editor);
    expect(inUse.userErrors).toEqual([
      {
        field: ['input', 'id'],
        code: 'IN_USE',
        message: 'visits were about this agreement; take it out of them first (removeVisitAboutAgreements)',
      },
    ]);
    const visit = await written('removeVisitAboutAgreements', {
      id: MOSCOW_VISIT,
      version: 2,
      agreementIds: [moscowProtocol],
    });
    expect(visit).toEqual({
      version: 3,
      aboutAgreements: [{ title: 'Tehran–Moscow sister-city pact' }],
      aboutMunicipalities: [],
    });
    const deleted = await mutate('deleteAgreement', 'agreement { id }', { id: moscowProtocol, version: 1 }, editor);
    expect(deleted.result.userErrors).toEqual([]);
  });
});

describe('third municipalities a visit was about', () => {
  it('a Tehran key names Minsk, a city outside its scope; Minsk lists the visit', async () => {
    const visit = await written('addVisitAboutMunicipalities', {
      id: MOSCOW_VISIT,
      version: 3,
      municipalityIds: [minsk, SAINT_PETERSBURG],
    });
    expect(visit).toEqual({
      version: 4,
      aboutAgreements: [{ title: 'Tehran–Moscow sister-city pact' }],
      aboutMunicipalities: [{ slug: 'minsk' }, { slug: 'saint-petersburg' }],
    });
    const read = await query(
      `{ minsk: municipality(slug: "minsk") { version visitsAbout(first: 5) { nodes { id } totalCount } }
         tehran: municipality(slug: "tehran") { visitsAbout(first: 5) { nodes { id } } } }`,
    );
    expect(read).toEqual({
      minsk: { version: 1, visitsAbout: { nodes: [{ id: MOSCOW_VISIT }], totalCount: 1 } },
      tehran: { visitsAbout: { nodes: [] } },
    });
    const inUse = await refused('deleteMunicipality', { id: minsk, version: 1 }, editor);
    expect(inUse.userErrors).toEqual([
      {
        field: ['input', 'id'],
        code: 'IN_USE',
        message: 'visits were about this municipality; take it out of them first (removeVisitAboutMunicipalities)',
      },
    ]);
    const removed = await written('removeVisitAboutMunicipalities', {
      id: MOSCOW_VISIT,
      version: 4,
      municipalityIds: [SAINT_PETERSBURG],
    });
    expect(removed.aboutMunicipalities).toEqual([{ slug: 'minsk' }]);
    expect(
      await sql(
        `SELECT mutation, after->'aboutMunicipalities' AS after FROM audit_log
          WHERE mutation LIKE '%VisitAboutMunicipalities' ORDER BY at, id`,
      ),
    ).toEqual([
      { mutation: 'addVisitAboutMunicipalities', after: [SEED.municipality.saintPetersburg, uuid(minsk)].sort() },
      { mutation: 'removeVisitAboutMunicipalities', after: [uuid(minsk)] },
    ]);
  });

  it("refuses a Tehran key another city's visit, naming it and who takes part", async () => {
    const { result } = await mutate(
      'recordVisit',
      'visit { id }',
      {
        delegationId: MOSCOW_DELEGATION,
        hostMunicipalityId: SAINT_PETERSBURG,
        startsOn: '2016-04-01',
        status: 'PLANNED',
      },
      editor,
    );
    const other = result.visit.id;
    const answer = await refused(
      'addVisitAboutMunicipalities',
      { id: other, version: 1, municipalityIds: [TEHRAN] },
      tehranEditor,
    );
    expect([answer.codes, answer.message]).toEqual([
      ['FORBIDDEN'],
      `API key "Tehran city portal" may change only records its municipalities take part in; Visit ${other} is outside them (taking part: moscow (${MOSCOW}), saint-petersburg (${SAINT_PETERSBURG}))`,
    ]);
  });

  it('deleting the visit takes its subjects with it; the audit entry keeps them', async () => {
    const [{ version }] = await sql('SELECT version FROM visit WHERE id = $1', [SEED.visit.moscow]);
    const deleted = await mutate('deleteVisit', 'visit { id }', { id: MOSCOW_VISIT, version }, editor);
    expect(deleted.result.userErrors).toEqual([]);
    expect(
      await sql(
        `SELECT before->'aboutAgreements' AS agreements, before->'aboutMunicipalities' AS municipalities
           FROM audit_log WHERE mutation = 'deleteVisit' AND record_id = $1`,
        [SEED.visit.moscow],
      ),
    ).toEqual([{ agreements: [SEED.agreement.sisterCityPact], municipalities: [uuid(minsk)] }]);
    expect(await sql('SELECT count(*)::int AS n FROM visit_subject_agreement')).toEqual([{ n: 0 }]);
    expect(await sql('SELECT count(*)::int AS n FROM visit_subject_municipality')).toEqual([{ n: 0 }]);
  });
});
