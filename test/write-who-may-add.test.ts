import { ApiKeyRole } from '../src/auth/api-key';
import { fromGlobalId, toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * Who may add what (issue 16, item 8; README.md, "Who may add what"): a city portal adds the
 * foreign city its mayor signed with (not one recorded already, and not its own afterwards),
 * the offices of its city and its bodies, and proposes cooperation areas, which an admin
 * accepts or rejects. Refusals name records that exist (issue 16, "errors a portal can act on").
 */
const id = toGlobalId;
const uuid = (globalId: string) => fromGlobalId(globalId)!.id;
const TEHRAN = id('Municipality', SEED.municipality.tehran);
const MOSCOW = id('Municipality', SEED.municipality.moscow);
const SAINT_PETERSBURG = id('Municipality', SEED.municipality.saintPetersburg);
const COUNCIL = id('Organization', SEED.organization.tehranCityCouncil);
const MOZAFFARI = id('Person', SEED.person.mozaffari);
const GHALIBAF = id('Person', SEED.person.ghalibaf);
const PACT = id('Agreement', SEED.agreement.sisterCityPact);
const ECONOMY = id('CooperationArea', SEED.cooperationArea.economy);
const OUTSIDE = 'API key "Tehran city portal" may change only records its municipalities take part in';

let api: TestServer;
let admin: Key;
let editor: Key;
let tehranEditor: Key;

const TABLES = [
  'municipality',
  'person_position',
  'cooperation_area',
  'agreement',
  'agreement_area',
  'agreement_party',
  'mayoral_term',
  'audit_log',
];
const { sql, mutate, refused, query } = writeHarness(() => api, TABLES);

beforeAll(async () => {
  api = await startTestServer();
  admin = await makeKey(api.database.dataSource, ApiKeyRole.ADMIN, 'Admin');
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Editor');
  tehranEditor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Tehran city portal', [
    SEED.municipality.tehran,
  ]);
});
afterAll(() => api.stop());

/** A write that must succeed; returns its payload's record. */
async function written(field: string, record: string, selection: string, input: Record<string, unknown>, key: Key) {
  const { response, result } = await mutate(field, `${record} { ${selection} }`, input, key);
  expect([response.errors, result.userErrors]).toEqual([undefined, []]);
  return result[record];
}

describe('a municipality not recorded yet', () => {
  let minsk: string;

  it('a Tehran key adds Minsk, the city its mayor signed with, and records the pact with it', async () => {
    const city = await written(
      'createMunicipality',
      'municipality',
      'id slug name countryCode version',
      { slug: 'minsk', names: [{ lang: 'en', value: 'Minsk' }], countryCode: 'BY' },
      tehranEditor,
    );
    minsk = city.id;
    expect(city).toEqual({ id: minsk, slug: 'minsk', name: 'Minsk', countryCode: 'BY', version: 1 });
    expect(
      await sql(
        `SELECT a.action, k.name FROM audit_log a JOIN api_key k ON k.id = a.api_key_id WHERE a.record_id = $1`,
        [uuid(minsk)],
      ),
    ).toEqual([{ action: 'CREATE', name: 'Tehran city portal' }]);
    const pact = await written(
      'createAgreement',
      'agreement',
      'kind parties { slug }',
      { kind: 'SISTER_CITY', titles: [{ lang: 'en', value: 'Tehran–Minsk twinning' }], partyIds: [TEHRAN, minsk] },
      tehranEditor,
    );
    expect(pact).toEqual({ kind: 'SISTER_CITY', parties: [{ slug: 'minsk' }, { slug: 'tehran' }] });
  });

  it('but Minsk is not its city: changing it or citing for it is refused, naming Minsk', async () => {
    const expected = `${OUTSIDE}; Municipality ${minsk} is outside them (taking part: minsk (${minsk}))`;
    for (const [field, input] of [
      ['updateMunicipality', { id: minsk, version: 1, isCapital: true }],
      ['addMunicipalitySources', { id: minsk, version: 1, sourceIds: [id('Source', SEED.source.irna)] }],
      ['deleteMunicipality', { id: minsk, version: 1 }],
    ] as const) {
      const answer = await refused(field, input, tehranEditor);
      expect([field, answer.codes, answer.message]).toEqual([field, ['FORBIDDEN'], expected]);
    }
    const { result } = await mutate(
      'updateMunicipality',
      'municipality { isCapital version }',
      {
        id: minsk,
        version: 1,
        isCapital: true,
      },
      editor,
    );
    expect(result.municipality).toEqual({ isCapital: true, version: 2 });
  });

  it('refuses a Tehran key a second Moscow (TAKEN, naming the one recorded); an unscoped editor may add a namesake', async () => {
    const answer = await refused(
      'createMunicipality',
      { slug: 'moskva', names: [{ lang: 'ru', value: 'москва' }], countryCode: 'RU' },
      tehranEditor,
    );
    expect(answer.userErrors).toEqual([
      {
        field: ['input', 'names'],
        code: 'TAKEN',
        message: `moscow (${MOSCOW}) in RU has one of these names already: refer to it, or ask a key without a municipality scope to add a namesake`,
      },
    ]);
    // Another country's Moscow is another city, for every key.
    const idaho = await written(
      'createMunicipality',
      'municipality',
      'slug',
      { slug: 'moscow-idaho', names: [{ lang: 'en', value: 'Moscow' }], countryCode: 'US' },
      tehranEditor,
    );
    expect(idaho).toEqual({ slug: 'moscow-idaho' });
    const namesake = await written(
      'createMunicipality',
      'municipality',
      'slug',
      { slug: 'moskva-village', names: [{ lang: 'ru', value: 'Москва' }], countryCode: 'RU' },
      editor,
    );
    expect(namesake).toEqual({ slug: 'moskva-village' });
  });
});

describe('offices of its own cities', () => {
  const titles = [{ lang: 'en', value: 'Adviser to the mayor' }];
  let adviser: string;

  it('a Tehran key records, changes and deletes an office in Tehran and one in its city council', async () => {
    const inTehran = await written(
      'createPosition',
      'position',
      'id title municipality { slug } person { name } version',
      { personId: MOZAFFARI, titles, municipalityId: TEHRAN, since: '2016' },
      tehranEditor,
    );
    adviser = inTehran.id;
    expect(inTehran).toEqual({
      id: adviser,
      title: 'Adviser to the mayor',
      municipality: { slug: 'tehran' },
      person: { name: 'Gashtasb Mozaffari' },
      version: 1,
    });
    const ended = await written(
      'updatePosition',
      'position',
      'until version',
      { id: adviser, version: 1, until: '2017' },
      tehranEditor,
    );
    expect(ended).toEqual({ until: '2017', version: 2 });
    const inCouncil = await written(
      'createPosition',
      'position',
      'organization { slug } version',
      { personId: GHALIBAF, titles: [{ lang: 'en', value: 'Council member' }], organizationId: COUNCIL },
      tehranEditor,
    );
    expect(inCouncil).toEqual({ organization: { slug: 'tehran-city-council' }, version: 1 });
    const { result } = await mutate('deletePosition', 'position { id }', { id: adviser, version: 2 }, tehranEditor);
    expect(result).toEqual({ position: null, userErrors: [], clientMutationId: null });
  });

  it("refuses a Moscow office, naming the Moscow that exists, and Moscow's existing office", async () => {
    const answer = await refused(
      'createPosition',
      { personId: MOZAFFARI, titles, municipalityId: MOSCOW },
      tehranEditor,
    );
    expect([answer.codes, answer.message]).toEqual([
      ['FORBIDDEN'],
      `${OUTSIDE}; the new Position would be outside them (taking part: moscow (${MOSCOW}))`,
    ]);
    const moscowOffice = await written(
      'createPosition',
      'position',
      'id',
      { personId: MOZAFFARI, titles, municipalityId: MOSCOW },
      editor,
    );
    const change = await refused('updatePosition', { id: moscowOffice.id, version: 1, until: '2018' }, tehranEditor);
    expect(change.message).toBe(
      `${OUTSIDE}; Position ${moscowOffice.id} is outside them (taking part: moscow (${MOSCOW}))`,
    );
  });
});

describe('proposed cooperation areas', () => {
  const AREA = 'id slug status version parent { slug }';
  let tourism: { id: string; version: number };

  it('a Tehran key proposes "tourism" under economy: PROPOSED, audited, left out of the vocabulary lists', async () => {
    const proposed = await written(
      'createCooperationArea',
      'cooperationArea',
      AREA,
      { slug: 'tourism', names: [{ lang: 'en', value: 'Tourism' }], parentId: ECONOMY },
      tehranEditor,
    );
    tourism = proposed;
    expect(proposed).toEqual({
      id: proposed.id,
      slug: 'tourism',
      status: 'PROPOSED',
      version: 1,
      parent: { slug: 'economy' },
    });
    const lists = await query(`{
      all: cooperationAreas { slug }
      withProposed: cooperationAreas(includeProposed: true) { slug status }
      economy: cooperationArea(slug: "economy") { children { slug } }
      tourism: cooperationArea(slug: "tourism") { status }
    }`);
    expect(lists.all.map((area: { slug: string }) => area.slug)).not.toContain('tourism');
    expect(lists.all).toHaveLength(19);
    expect(lists.withProposed).toHaveLength(20);
    expect(lists.withProposed.filter((area: { status: string }) => area.status === 'PROPOSED')).toEqual([
      { slug: 'tourism', status: 'PROPOSED' },
    ]);
    expect(lists.economy.children).toEqual([
      { slug: 'investment' },
      { slug: 'private-participation' },
      { slug: 'trade' },
    ]);
    expect(lists.tourism).toEqual({ status: 'PROPOSED' });
    expect(
      await sql(
        `SELECT k.name, a.after->>'status' AS status FROM audit_log a JOIN api_key k ON k.id = a.api_key_id
          WHERE a.mutation = 'createCooperationArea'`,
      ),
    ).toEqual([{ name: 'Tehran city portal', status: 'PROPOSED' }]);
  });

  it('refuses filing a record under it, or an area beneath it, until accepted (NOT_ACCEPTED, naming the field)', async () => {
    const reason = 'is a proposed cooperation area: records may be filed under it once an admin accepts it';
    const added = await refused(
      'addAgreementAreas',
      { id: PACT, version: 1, areaIds: [ECONOMY, tourism.id] },
      tehranEditor,
    );
    expect(added.userErrors).toEqual([{ field: ['input', 'areaIds', '1'], code: 'NOT_ACCEPTED', message: reason }]);
    const created = await refused(
      'createAgreement',
      {
        kind: 'PROTOCOL',
        titles: [{ lang: 'en', value: 'Tourism protocol' }],
        partyIds: [TEHRAN, MOSCOW],
        areaIds: [tourism.id],
      },
      tehranEditor,
    );
    expect(created.userErrors).toEqual([{ field: ['input', 'areaIds', '0'], code: 'NOT_ACCEPTED', message: reason }]);
    const beneath = await refused(
      'createCooperationArea',
      { slug: 'eco-tourism', names: [{ lang: 'en', value: 'Eco-tourism' }], parentId: tourism.id },
      admin,
    );
    expect(beneath.userErrors).toEqual([{ field: ['input', 'parentId'], code: 'NOT_ACCEPTED', message: reason }]);
  });

  it('the database holds the same for any other writer, and keeps an accepted area accepted', async () => {
    await expect(
      sql('INSERT INTO agreement_area (agreement_id, area_id) VALUES ($1, $2)', [uuid(PACT), uuid(tourism.id)]),
    ).rejects.toMatchObject({ driverError: expect.objectContaining({ constraint: 'cooperation_area_accepted' }) });
    await expect(
      sql(`UPDATE cooperation_area SET status = 'PROPOSED' WHERE id = $1`, [SEED.cooperationArea.economy]),
    ).rejects.toMatchObject({
      driverError: expect.objectContaining({ constraint: 'cooperation_area_stays_accepted' }),
    });
    await expect(
      sql(`UPDATE cooperation_area SET status = 'RETIRED' WHERE id = $1`, [uuid(tourism.id)]),
    ).rejects.toMatchObject({ driverError: expect.objectContaining({ constraint: 'cooperation_area_status_known' }) });
  });

  it('only an admin accepts it; then it is listed and usable, and accepting it again is INVALID', async () => {
    const byEditor = await refused('acceptCooperationArea', { id: tourism.id, version: 1 }, editor);
    expect([byEditor.codes, byEditor.message]).toEqual([
      ['FORBIDDEN'],
      'API key "Editor" has the EDITOR role; this needs ADMIN',
    ]);
    const accepted = await written(
      'acceptCooperationArea',
      'cooperationArea',
      'status version',
      { id: tourism.id, version: 1 },
      admin,
    );
    expect(accepted).toEqual({ status: 'ACCEPTED', version: 2 });
    expect(
      await sql(
        `SELECT before->>'status' AS before, after->>'status' AS after FROM audit_log WHERE mutation = 'acceptCooperationArea'`,
      ),
    ).toEqual([{ before: 'PROPOSED', after: 'ACCEPTED' }]);
    expect(
      (await query('{ cooperationArea(slug: "economy") { children { slug } } }')).cooperationArea.children,
    ).toEqual([{ slug: 'investment' }, { slug: 'private-participation' }, { slug: 'tourism' }, { slug: 'trade' }]);
    const filed = await written(
      'addAgreementAreas',
      'agreement',
      'version areas { slug }',
      { id: PACT, version: 1, areaIds: [tourism.id] },
      tehranEditor,
    );
    expect(filed.areas.map((area: { slug: string }) => area.slug)).toContain('tourism');
    const again = await refused('acceptCooperationArea', { id: tourism.id, version: 2 }, admin);
    expect(again.userErrors).toEqual([
      {
        field: ['input', 'id'],
        code: 'INVALID',
        message:
          'is an accepted cooperation area, not a proposed one (updateCooperationArea or deleteCooperationArea change it)',
      },
    ]);
  });

  it("an admin rejects a proposal: it is deleted, the audit log keeps it; an admin's own area is ACCEPTED at once", async () => {
    const sports = await written(
      'createCooperationArea',
      'cooperationArea',
      'id status version',
      { slug: 'sports', names: [{ lang: 'en', value: 'Sports' }] },
      editor,
    );
    expect(sports).toEqual({ id: sports.id, status: 'PROPOSED', version: 1 });
    const { result } = await mutate(
      'rejectCooperationArea',
      'cooperationArea { id }',
      { id: sports.id, version: 1 },
      admin,
    );
    expect(result).toEqual({ cooperationArea: null, userErrors: [], clientMutationId: null });
    expect(await query('{ cooperationArea(slug: "sports") { slug } }')).toEqual({ cooperationArea: null });
    expect(
      await sql(
        `SELECT action, before->>'slug' AS slug, after FROM audit_log WHERE mutation = 'rejectCooperationArea'`,
      ),
    ).toEqual([{ action: 'DELETE', slug: 'sports', after: null }]);
    const water = await written(
      'createCooperationArea',
      'cooperationArea',
      'status',
      { slug: 'water', names: [{ lang: 'en', value: 'Water' }] },
      admin,
    );
    expect(water).toEqual({ status: 'ACCEPTED' });
    const rejectAccepted = await refused('rejectCooperationArea', { id: tourism.id, version: 2 }, admin);
    expect(rejectAccepted.userErrors?.map((error: { code: string }) => error.code)).toEqual(['INVALID']);
  });
});

describe('refusals that name what exists', () => {
  it('a new visit outside the scope names the cities it would have, not the id the rollback takes away', async () => {
    const answer = await refused(
      'recordVisit',
      {
        delegationId: id('Delegation', SEED.delegation.moscowMunicipality),
        hostMunicipalityId: SAINT_PETERSBURG,
        startsOn: '2016-03-01',
        status: 'PLANNED',
      },
      tehranEditor,
    );
    expect([answer.codes, answer.message]).toEqual([
      ['FORBIDDEN'],
      `${OUTSIDE}; the new Visit would be outside them (taking part: moscow (${MOSCOW}), saint-petersburg (${SAINT_PETERSBURG}))`,
    ]);
  });

  it('a shared record says why the key may not change it', async () => {
    const answer = await refused('updatePerson', { id: MOZAFFARI, version: 1, wikidataId: 'Q1' }, tehranEditor);
    expect(answer.message).toBe(
      `${OUTSIDE}; Person ${MOZAFFARI} is shared by every city's records: only a key without a municipality scope may change it`,
    );
  });

  it("a second mayor of Tehran during Ghalibaf's term names him and his term", async () => {
    const answer = await refused(
      'startMayoralTerm',
      { municipalityId: TEHRAN, personId: MOZAFFARI, since: '2016-05' },
      tehranEditor,
    );
    expect(answer.userErrors).toEqual([
      {
        field: ['input', 'since'],
        code: 'OVERLAPS',
        message: `the municipality has another mayor during these dates: Mohammad Bagher Ghalibaf (Person ${GHALIBAF}), from 2005 to 2017 (MayoralTerm ${id('MayoralTerm', SEED.mayoralTerm.ghalibafTehran)}); a date known only to the year or month covers all of it`,
      },
    ]);
  });

  it('ending a term after the next one began names the next mayor and term', async () => {
    const earlier = await written(
      'startMayoralTerm',
      'mayoralTerm',
      'id version',
      { municipalityId: SAINT_PETERSBURG, personId: MOZAFFARI, since: '2001' },
      editor,
    );
    await written('endMayoralTerm', 'mayoralTerm', 'until', { id: earlier.id, version: 1, until: '2003' }, editor);
    const next = await written(
      'startMayoralTerm',
      'mayoralTerm',
      'id',
      { municipalityId: SAINT_PETERSBURG, personId: GHALIBAF, since: '2004-03-01' },
      editor,
    );
    const answer = await refused('endMayoralTerm', { id: earlier.id, version: 2, until: '2004-06' }, editor);
    expect(answer.userErrors).toEqual([
      {
        field: ['input', 'until'],
        code: 'OVERLAPS',
        message: `the municipality has another mayor during these dates: Mohammad Bagher Ghalibaf (Person ${GHALIBAF}), since 2004-03-01, in office (MayoralTerm ${next.id}); a date known only to the year or month covers all of it`,
      },
    ]);
  });
});
