import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * Sources on everything (issue 16, item 7): municipalities and positions cite sources through
 * the write API, and a municipality's population, region, coordinates, Wikidata and GeoNames
 * ids are written at creation and changed after it. Each success is read back through the API
 * and its audit entry; each refusal leaves the database as it was.
 */
const id = toGlobalId;
const TEHRAN = id('Municipality', SEED.municipality.tehran);
const MOSCOW = id('Municipality', SEED.municipality.moscow);
const MOZAFFARI = id('Person', SEED.person.mozaffari);
const DEPUTY = id('Position', SEED.personPosition.mozaffariInternationalDeputy);
const IRNA = id('Source', SEED.source.irna);
const SPUTNIK = id('Source', SEED.source.sputnik);

let api: TestServer;
let editor: Key;
let tehranEditor: Key;
let admin: Key;

beforeAll(async () => {
  api = await startTestServer();
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Editor');
  admin = await makeKey(api.database.dataSource, ApiKeyRole.ADMIN, 'Admin');
  tehranEditor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Tehran city portal', [
    SEED.municipality.tehran,
  ]);
});
afterAll(() => api.stop());

const TABLES = ['municipality', 'person_position', 'citation', 'audit_log', 'client_mutation'];
const { mutate, refused, createOnce, node } = writeHarness(() => api, TABLES);

/** The record's audit entries through the API (an admin's read), oldest first. */
async function audit(recordId: string, fields: string[]) {
  const response = await api.query(
    'query ($id: ID!) { auditLog(filter: { recordId: $id }, first: 20) { nodes { mutation action before after } } }',
    { id: recordId },
    admin.headers,
  );
  const pick = (row: Record<string, unknown> | null) =>
    row && Object.fromEntries(fields.map((field) => [field, row[field]]));
  return response
    .data!.auditLog.nodes.reverse()
    .map(
      (entry: {
        mutation: string;
        action: string;
        before: Record<string, unknown>;
        after: Record<string, unknown>;
      }) => ({
        mutation: entry.mutation,
        action: entry.action,
        before: pick(entry.before),
        after: pick(entry.after),
      }),
    );
}

describe('sources of a municipality', () => {
  const READ = '... on Municipality { version sources { publisher } }';

  it('a key scoped to Tehran cites a source for Tehran and removes it; each change is audited on Tehran', async () => {
    const added = await mutate(
      'addMunicipalitySources',
      'municipality { slug version sources { publisher } }',
      { id: TEHRAN, version: 1, sourceIds: [SPUTNIK] },
      tehranEditor,
    );
    expect(added.result).toEqual({
      municipality: { slug: 'tehran', version: 2, sources: [{ publisher: 'IRNA' }, { publisher: 'Sputnik' }] },
      userErrors: [],
      clientMutationId: null,
    });
    expect(await node(TEHRAN, READ)).toEqual({
      version: 2,
      sources: [{ publisher: 'IRNA' }, { publisher: 'Sputnik' }],
    });
    const removed = await mutate(
      'removeMunicipalitySources',
      'municipality { version sources { publisher } }',
      { id: TEHRAN, version: 2, sourceIds: [IRNA] },
      tehranEditor,
    );
    expect(removed.result.municipality).toEqual({ version: 3, sources: [{ publisher: 'Sputnik' }] });
    expect(await node(TEHRAN, READ)).toEqual({ version: 3, sources: [{ publisher: 'Sputnik' }] });
    expect(await audit(TEHRAN, ['version', 'sources'])).toEqual([
      {
        mutation: 'addMunicipalitySources',
        action: 'UPDATE',
        before: { version: 1, sources: [SEED.source.irna] },
        after: { version: 2, sources: [SEED.source.irna, SEED.source.sputnik] },
      },
      {
        mutation: 'removeMunicipalitySources',
        action: 'UPDATE',
        before: { version: 2, sources: [SEED.source.irna, SEED.source.sputnik] },
        after: { version: 3, sources: [SEED.source.sputnik] },
      },
    ]);
  });

  it('refuses a source cited already, one not cited, a stale version and an id of another type, by index', async () => {
    const twice = await refused(
      'addMunicipalitySources',
      { id: TEHRAN, version: 3, sourceIds: [IRNA, SPUTNIK] },
      editor,
    );
    expect(twice.userErrors).toEqual([
      { field: ['input', 'sourceIds', '1'], message: 'is already linked to this Municipality', code: 'DUPLICATE' },
    ]);
    const absent = await refused('removeMunicipalitySources', { id: TEHRAN, version: 3, sourceIds: [IRNA] }, editor);
    expect(absent.userErrors).toEqual([
      { field: ['input', 'sourceIds', '0'], message: 'is not linked to this Municipality', code: 'NOT_FOUND' },
    ]);
    expect(
      (await refused('addMunicipalitySources', { id: TEHRAN, version: 2, sourceIds: [IRNA] }, editor)).codes,
    ).toEqual(['CONFLICT']);
    const wrongType = await refused('addMunicipalitySources', { id: TEHRAN, version: 3, sourceIds: [MOSCOW] }, editor);
    expect(wrongType.userErrors).toEqual([
      { field: ['input', 'sourceIds', '0'], message: 'names a Municipality, not a Source', code: 'WRONG_TYPE' },
    ]);
  });

  it("refuses the Tehran key Moscow's sources: FORBIDDEN, naming Moscow", async () => {
    for (const field of ['addMunicipalitySources', 'removeMunicipalitySources']) {
      const outside = await refused(field, { id: MOSCOW, version: 1, sourceIds: [IRNA] }, tehranEditor);
      expect(outside.codes).toEqual(['FORBIDDEN']);
      expect(outside.message).toBe(
        `API key "Tehran city portal" may change only records its municipalities take part in; Municipality ${MOSCOW} is outside them (taking part: moscow (${MOSCOW}))`,
      );
    }
  });
});

describe('sources of a position', () => {
  const READ = '... on Position { version title sources { publisher } }';

  it('an unscoped editor cites sources for an office and removes one; read back on the office and its holder', async () => {
    const added = await mutate(
      'addPositionSources',
      'position { version sources { publisher } }',
      { id: DEPUTY, version: 1, sourceIds: [SPUTNIK, IRNA] },
      editor,
    );
    expect(added.result).toEqual({
      position: { version: 2, sources: [{ publisher: 'IRNA' }, { publisher: 'Sputnik' }] },
      userErrors: [],
      clientMutationId: null,
    });
    const removed = await mutate(
      'removePositionSources',
      'position { version sources { publisher } }',
      { id: DEPUTY, version: 2, sourceIds: [IRNA] },
      editor,
    );
    expect(removed.result.position).toEqual({ version: 3, sources: [{ publisher: 'Sputnik' }] });
    expect(await node(DEPUTY, READ)).toEqual({
      version: 3,
      title: 'Deputy for International Relations and Cooperation of Tehran Municipality',
      sources: [{ publisher: 'Sputnik' }],
    });
    expect(await node(MOZAFFARI, '... on Person { positions { sources { publisher } } }')).toEqual({
      positions: [{ sources: [{ publisher: 'Sputnik' }] }],
    });
    expect(await audit(DEPUTY, ['version', 'sources'])).toEqual([
      {
        mutation: 'addPositionSources',
        action: 'UPDATE',
        before: { version: 1, sources: [] },
        after: { version: 2, sources: [SEED.source.irna, SEED.source.sputnik] },
      },
      {
        mutation: 'removePositionSources',
        action: 'UPDATE',
        before: { version: 2, sources: [SEED.source.irna, SEED.source.sputnik] },
        after: { version: 3, sources: [SEED.source.sputnik] },
      },
    ]);
  });

  it('refuses a source cited already and one not cited, by index', async () => {
    const twice = await refused('addPositionSources', { id: DEPUTY, version: 3, sourceIds: [SPUTNIK] }, editor);
    expect(twice.userErrors).toEqual([
      { field: ['input', 'sourceIds', '0'], message: 'is already linked to this Position', code: 'DUPLICATE' },
    ]);
    const absent = await refused('removePositionSources', { id: DEPUTY, version: 3, sourceIds: [IRNA] }, editor);
    expect(absent.userErrors).toEqual([
      { field: ['input', 'sourceIds', '0'], message: 'is not linked to this Position', code: 'NOT_FOUND' },
    ]);
  });

  // Offices now belong to their city (issue 16, item 8): the Tehran key cites for Tehran's, a Moscow key may not.
  it("lets the Tehran key cite for an office in Tehran, and refuses a Moscow key Tehran's office", async () => {
    const moscowEditor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Moscow portal', [
      SEED.municipality.moscow,
    ]);
    const outside = await refused('addPositionSources', { id: DEPUTY, version: 3, sourceIds: [IRNA] }, moscowEditor);
    expect([outside.codes, outside.message]).toEqual([
      ['FORBIDDEN'],
      `API key "Moscow portal" may change only records its municipalities take part in; Position ${DEPUTY} is outside them (taking part: tehran (${TEHRAN}))`,
    ]);
    const added = await mutate(
      'addPositionSources',
      'position { version sources { publisher } }',
      { id: DEPUTY, version: 3, sourceIds: [IRNA] },
      tehranEditor,
    );
    expect(added.result.position).toEqual({ version: 4, sources: [{ publisher: 'IRNA' }, { publisher: 'Sputnik' }] });
    const removed = await mutate(
      'removePositionSources',
      'position { version sources { publisher } }',
      { id: DEPUTY, version: 4, sourceIds: [IRNA] },
      tehranEditor,
    );
    expect(removed.result.position).toEqual({ version: 5, sources: [{ publisher: 'Sputnik' }] });
  });

  it('records an office with its sources; deleting it takes its citations, and the audit keeps them', async () => {
    const office = await createOnce(
      'createPosition',
      'position',
      'version title sources { publisher }',
      {
        personId: MOZAFFARI,
        titles: [{ lang: 'en', value: 'Adviser to the Mayor' }],
        municipalityId: TEHRAN,
        sourceIds: [IRNA],
        clientMutationId: 'adviser',
      },
      editor,
    );
    expect(office.values).toEqual({ version: 1, title: 'Adviser to the Mayor', sources: [{ publisher: 'IRNA' }] });
    const deleted = await mutate('deletePosition', 'position { id }', { id: office.id, version: 1 }, editor);
    expect(deleted.result.userErrors).toEqual([]);
    expect(await node(office.id, '... on Position { id }')).toBeNull();
    expect(await audit(office.id, ['sources'])).toEqual([
      { mutation: 'createPosition', action: 'CREATE', before: null, after: { sources: [SEED.source.irna] } },
      { mutation: 'deletePosition', action: 'DELETE', before: { sources: [SEED.source.irna] }, after: null },
    ]);
  });
});

const FIELDS = 'version region population { value isLowerBound year } latitude longitude wikidataId geonamesId';

describe("a municipality's population, region, coordinates and ids", () => {
  let isfahan: string;

  it('creates a municipality with every field and a source; a retry writes one row', async () => {
    const created = await createOnce(
      'createMunicipality',
      'municipality',
      `slug ${FIELDS} sources { publisher }`,
      {
        slug: 'isfahan',
        names: [{ lang: 'en', value: 'Isfahan' }],
        countryCode: 'IR',
        region: 'Isfahan Province',
        population: { value: 1961260, year: 2016 },
        latitude: 32.6539,
        longitude: 51.666,
        wikidataId: 'Q42053',
        geonamesId: '418863',
        sourceIds: [IRNA],
        clientMutationId: 'isfahan',
      },
      editor,
    );
    isfahan = created.id;
    const values = {
      version: 1,
      region: 'Isfahan Province',
      population: { value: 1961260, isLowerBound: false, year: 2016 },
      latitude: 32.6539,
      longitude: 51.666,
      wikidataId: 'Q42053',
      geonamesId: '418863',
    };
    expect(created.values).toEqual({ slug: 'isfahan', ...values, sources: [{ publisher: 'IRNA' }] });
    expect(await node(isfahan, `... on Municipality { ${FIELDS} }`)).toEqual(values);
    const columns = ['region', 'population', 'population_is_lower_bound', 'population_year', 'latitude', 'longitude'];
    expect(await audit(isfahan, [...columns, 'wikidata_id', 'geonames_id', 'sources'])).toEqual([
      {
        mutation: 'createMunicipality',
        action: 'CREATE',
        before: null,
        after: {
          region: 'Isfahan Province',
          population: 1961260,
          population_is_lower_bound: false,
          population_year: 2016,
          latitude: 32.6539,
          longitude: 51.666,
          wikidata_id: 'Q42053',
          geonames_id: 418863,
          sources: [SEED.source.irna],
        },
      },
    ]);
  });

  it('changes the six fields, leaves out what it does not name, and clears them with null', async () => {
    const changed = await mutate(
      'updateMunicipality',
      `municipality { ${FIELDS} }`,
      {
        id: isfahan,
        version: 1,
        region: 'Esfahan',
        population: { value: 2000000, isLowerBound: true },
        latitude: 32.65,
        longitude: 51.67,
        wikidataId: 'Q42054',
        geonamesId: '418864',
      },
      editor,
    );
    const moved = {
      version: 2,
      region: 'Esfahan',
      population: { value: 2000000, isLowerBound: true, year: null },
      latitude: 32.65,
      longitude: 51.67,
      wikidataId: 'Q42054',
      geonamesId: '418864',
    };
    expect(changed.result).toEqual({ municipality: moved, userErrors: [], clientMutationId: null });
    const latitudeOnly = await mutate(
      'updateMunicipality',
      `municipality { ${FIELDS} }`,
      {
        id: isfahan,
        version: 2,
        latitude: 32.66,
      },
      editor,
    );
    expect(latitudeOnly.result.municipality).toEqual({ ...moved, version: 3, latitude: 32.66 });
    const cleared = await mutate(
      'updateMunicipality',
      `municipality { ${FIELDS} }`,
      {
        id: isfahan,
        version: 3,
        region: null,
        population: null,
        latitude: null,
        longitude: null,
        wikidataId: null,
        geonamesId: null,
      },
      editor,
    );
    const empty = {
      region: null,
      population: null,
      latitude: null,
      longitude: null,
      wikidataId: null,
      geonamesId: null,
    };
    expect(cleared.result.municipality).toEqual({ version: 4, ...empty });
    expect(await node(isfahan, `... on Municipality { ${FIELDS} }`)).toEqual({ version: 4, ...empty });
    const [, , , last] = await audit(isfahan, [
      'population',
      'population_is_lower_bound',
      'population_year',
      'geonames_id',
    ]);
    expect(last).toEqual({
      mutation: 'updateMunicipality',
      action: 'UPDATE',
      before: { population: 2000000, population_is_lower_bound: true, population_year: null, geonames_id: 418864 },
      after: { population: null, population_is_lower_bound: false, population_year: null, geonames_id: null },
    });
  });

  it('refuses a bad value of each new field, naming it', async () => {
    const error = (field: string[], message: string, code = 'INVALID') => ({
      field: ['input', ...field],
      message,
      code,
    });
    const cases: Array<[Record<string, unknown>, unknown[]]> = [
      [{ population: { value: -1 } }, [error(['population', 'value'], 'value must not be less than 0')]],
      [
        { population: { value: 100_000_001 } },
        [error(['population', 'value'], 'value must not be greater than 100000000')],
      ],
      [{ population: { value: 5, year: 999 } }, [error(['population', 'year'], 'year must not be less than 1000')]],
      [{ region: ' ' }, [error(['region'], 'must not be blank', 'BLANK')]],
      [{ region: 'r'.repeat(201) }, [error(['region'], 'must be at most 200 characters', 'TOO_LONG')]],
      [{ geonamesId: '0418863' }, [error(['geonamesId'], 'must be a GeoNames id: up to 10 digits, such as "112931"')]],
      [
        { geonamesId: '12345678901' },
        [error(['geonamesId'], 'must be a GeoNames id: up to 10 digits, such as "112931"')],
      ],
      [{ latitude: 90.5, longitude: 0 }, [error(['latitude'], 'latitude must not be greater than 90')]],
      [{ latitude: 0, longitude: -180.5 }, [error(['longitude'], 'longitude must not be less than -180')]],
      [{ wikidataId: 'q42053' }, [error(['wikidataId'], 'must be a Wikidata item id such as "Q3616"')]],
      [{ geonamesId: '112931' }, [error(['geonamesId'], 'another municipality has this GeoNames id', 'TAKEN')]],
      [{ wikidataId: 'Q3616' }, [error(['wikidataId'], 'another municipality has this Wikidata id', 'TAKEN')]],
    ];
    const together = 'a municipality has both coordinates or neither: give (or clear) latitude and longitude together';
    for (const [fields, userErrors] of cases) {
      expect((await refused('updateMunicipality', { id: isfahan, version: 4, ...fields }, editor)).userErrors).toEqual(
        userErrors,
      );
    }
    const create = { slug: 'shiraz', names: [{ lang: 'en', value: 'Shiraz' }], countryCode: 'IR' };
    for (const [fields, userErrors] of [
      ...cases,
      [{ latitude: 29.6 }, [error(['longitude'], together)]],
    ] as typeof cases) {
      expect((await refused('createMunicipality', { ...create, ...fields }, editor)).userErrors).toEqual(userErrors);
    }
    // Tehran has coordinates: one of them alone cannot be cleared, nor given to a city without them.
    expect(
      (await refused('updateMunicipality', { id: TEHRAN, version: 3, latitude: null }, editor)).userErrors,
    ).toEqual([error(['longitude'], together)]);
    expect(
      (await refused('updateMunicipality', { id: isfahan, version: 4, longitude: 51.67 }, editor)).userErrors,
    ).toEqual([error(['latitude'], together)]);
  });

  it("lets the Tehran key change Tehran's population and region, not Moscow's", async () => {
    const own = await mutate(
      'updateMunicipality',
      'municipality { version region population { value isLowerBound year } }',
      { id: TEHRAN, version: 3, region: 'Tehran Province', population: { value: 8693706, year: 2016 } },
      tehranEditor,
    );
    expect(own.result.municipality).toEqual({
      version: 4,
      region: 'Tehran Province',
      population: { value: 8693706, isLowerBound: false, year: 2016 },
    });
    const outside = await refused(
      'updateMunicipality',
      { id: MOSCOW, version: 1, region: 'Moscow Oblast' },
      tehranEditor,
    );
    expect(outside.codes).toEqual(['FORBIDDEN']);
  });
});
