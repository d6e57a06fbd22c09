import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * upsertMunicipality (issue 16, a portal staying in step): creates a city or updates the one
 * its external ids, else its slug, name; the same call again writes nothing and says so.
 */
const TEHRAN = toGlobalId('Municipality', SEED.municipality.tehran);
const PERSON = toGlobalId('Person', SEED.person.ghalibaf);
const SELECTION = 'municipality { id slug name population { value } version externalIds { system id } } outcome';
const ERRORS = 'userErrors { field message code recordId }';

let api: TestServer;
let admin: Key;
let tehranPortal: Key;
const { fingerprint, mutate } = writeHarness(() => api, ['municipality', 'external_id', 'audit_log']);

beforeAll(async () => {
  api = await startTestServer();
  admin = await makeKey(api.database.dataSource, ApiKeyRole.ADMIN, 'ops');
  tehranPortal = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Tehran portal', [SEED.municipality.tehran]);
});
afterAll(() => api.stop());

const upsert = async (input: Record<string, unknown>, key: Key = admin) =>
  (await mutate('upsertMunicipality', `${SELECTION} ${ERRORS}`, input, key)).result;

const ISFAHAN = {
  slug: 'isfahan',
  names: [{ lang: 'en', value: 'Isfahan' }],
  countryCode: 'IR',
  externalIds: [{ system: 'tehran.ir', id: 'city-3' }],
};

it('creates a city no id or slug names, then leaves it unchanged when sent again', async () => {
  const created = await upsert(ISFAHAN);
  expect(created).toEqual({
    municipality: {
      id: expect.any(String),
      slug: 'isfahan',
      name: 'Isfahan',
      population: null,
      // Made with its external ids in one write: version 1, as any record created.
      version: 1,
      externalIds: [{ system: 'tehran.ir', id: 'city-3' }],
    },
    outcome: 'CREATED',
    userErrors: [],
    clientMutationId: null,
  });
  const before = await fingerprint();
  expect(await upsert(ISFAHAN)).toEqual({ ...created, outcome: 'UNCHANGED' });
  expect(await fingerprint()).toEqual(before);
});

it('updates the city its external id names, and by slug one that has none', async () => {
  const updated = await upsert({ ...ISFAHAN, population: { value: 2_000_000, isLowerBound: false, year: 2016 } });
  expect(updated.outcome).toBe('UPDATED');
  expect(updated.municipality).toMatchObject({ slug: 'isfahan', population: { value: 2_000_000 }, version: 3 });
  const bySlug = await upsert({
    ...ISFAHAN,
    externalIds: [
      { system: 'tehran.ir', id: 'city-3' },
      { system: 'isfahan.ir', id: '1' },
    ],
  });
  expect(bySlug.municipality.externalIds).toEqual([
    { system: 'isfahan.ir', id: '1' },
    { system: 'tehran.ir', id: 'city-3' },
  ]);
});

it('refuses an external id naming another type, or a city of another slug, writing nothing', async () => {
  const setOnPerson = await mutate(
    'setExternalIds',
    ERRORS,
    { id: PERSON, version: 1, externalIds: [{ system: 'tehran.ir', id: 'mayor-1' }] },
    admin,
  );
  expect(setOnPerson.result.userErrors).toEqual([]);
  const before = await fingerprint();
  expect((await upsert({ ...ISFAHAN, externalIds: [{ system: 'tehran.ir', id: 'mayor-1' }] })).userErrors).toEqual([
    { field: ['input', 'externalIds'], message: `names a Person: ${PERSON}`, code: 'WRONG_TYPE', recordId: PERSON },
  ]);
  expect((await upsert({ ...ISFAHAN, slug: 'esfahan' })).userErrors).toEqual([
    {
      field: ['input', 'slug'],
      message: 'the external id names the municipality "isfahan"; slugs are not changed by an upsert',
      code: 'INVALID',
      recordId: expect.any(String),
    },
  ]);
  expect(await fingerprint()).toEqual(before);
});

it("applies the scope rules: Tehran's portal may upsert Tehran, not Isfahan", async () => {
  const tehran = await upsert(
    {
      slug: 'tehran',
      names: [
        { lang: 'en', value: 'Tehran' },
        { lang: 'fa', value: 'تهران' },
        { lang: 'ru', value: 'Тегеран' },
      ],
      countryCode: 'IR',
      isCapital: true,
      governance: 'COUNCIL_ELECTED_MAYOR',
    },
    tehranPortal,
  );
  expect([tehran.userErrors, tehran.municipality?.id]).toEqual([[], TEHRAN]);
  const before = await fingerprint();
  const { response } = await mutate('upsertMunicipality', `${SELECTION} ${ERRORS}`, ISFAHAN, tehranPortal);
  expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  expect(await fingerprint()).toEqual(before);
});

it("lets Tehran's portal create a city no one has recorded, with its external ids, but not change it then", async () => {
  const minsk = {
    slug: 'minsk',
    names: [{ lang: 'en', value: 'Minsk' }],
    countryCode: 'BY',
    externalIds: [{ system: 'tehran.ir', id: 'city-9' }],
  };
  const created = await upsert(minsk, tehranPortal);
  expect([
    created.outcome,
    created.userErrors,
    created.municipality?.version,
    created.municipality?.externalIds,
  ]).toEqual(['CREATED', [], 1, [{ system: 'tehran.ir', id: 'city-9' }]]);
  // Minsk is not Tehran's city: a later push is a change to it, refused as any update would be.
  const { response } = await mutate('upsertMunicipality', `${SELECTION} ${ERRORS}`, minsk, tehranPortal);
  expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
});
