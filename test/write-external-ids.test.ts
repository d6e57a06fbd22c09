import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * A portal's own ids (issue 16, a portal staying in step): setExternalIds gives any record its
 * ids in other systems, unique per system and id; `externalIds` reads them back on
 * municipalities, people, organizations, agreements and visits; recordByExternalId finds the
 * record a portal's id names.
 */
const id = toGlobalId;
const TEHRAN = id('Municipality', SEED.municipality.tehran);
const MOSCOW = id('Municipality', SEED.municipality.moscow);
const PACT = id('Agreement', SEED.agreement.sisterCityPact);
const ERRORS = 'userErrors { field message code recordId }';
const READ =
  '... on Municipality { slug externalIds { system id } } ... on Agreement { kind externalIds { system id } }';

let api: TestServer;
let admin: Key;
let tehranPortal: Key;
const { sql, fingerprint, mutate, query } = writeHarness(() => api, ['external_id', 'municipality', 'audit_log']);

beforeAll(async () => {
  api = await startTestServer();
  admin = await makeKey(api.database.dataSource, ApiKeyRole.ADMIN, 'ops');
  tehranPortal = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Tehran portal', [SEED.municipality.tehran]);
});
afterAll(() => api.stop());

const version = async (globalId: string) =>
  (
    await query(
      `{ node(id: "${globalId}") { ... on Municipality { version } ... on Agreement { version } ... on Person { version } } }`,
    )
  ).node.version;

async function set(globalId: string, externalIds: Array<{ system: string; id: string }>, key: Key) {
  const input = { id: globalId, version: await version(globalId), externalIds };
  return (await mutate('setExternalIds', `record { ${READ} } ${ERRORS}`, input, key)).result;
}

async function refusedSet(globalId: string, externalIds: unknown[], key: Key) {
  const before = await fingerprint();
  const input = { id: globalId, version: await version(globalId), externalIds };
  const { response, result } = await mutate('setExternalIds', `record { __typename } ${ERRORS}`, input, key);
  expect(await fingerprint()).toEqual(before);
  return {
    errors: response.errors?.map((error) => [error.extensions?.code, error.message]),
    userErrors: result?.userErrors,
  };
}

const lookup = async (system: string, externalId: string) =>
  (
    await query(`query ($s: String!, $i: String!) { recordByExternalId(system: $s, id: $i) { __typename ${READ} } }`, {
      s: system,
      i: externalId,
    })
  ).recordByExternalId;

describe('setting and reading', () => {
  it("sets a city's portal id and Wikidata id, read back sorted by system, and finds the city by either", async () => {
    expect(
      await set(
        TEHRAN,
        [
          { system: 'wikidata.org', id: 'Q3616' },
          { system: 'tehran.ir', id: '4711' },
        ],
        tehranPortal,
      ),
    ).toEqual({
      record: {
        slug: 'tehran',
        externalIds: [
          { system: 'tehran.ir', id: '4711' },
          { system: 'wikidata.org', id: 'Q3616' },
        ],
      },
      userErrors: [],
      clientMutationId: null,
    });
    expect(await lookup('tehran.ir', '4711')).toEqual({
      __typename: 'Municipality',
      slug: 'tehran',
      externalIds: [
        { system: 'tehran.ir', id: '4711' },
        { system: 'wikidata.org', id: 'Q3616' },
      ],
    });
    expect(await lookup('tehran.ir', '4712')).toBeNull();
    expect(await lookup('mos.ru', '4711')).toBeNull();
  });

  it('gives an agreement its id, and a Persian id with inner spaces, as a portal keeps it', async () => {
    const { record } = await set(PACT, [{ system: 'tehran.ir', id: 'پیمان ۱۲' }], tehranPortal);
    expect(record).toEqual({ kind: 'SISTER_CITY', externalIds: [{ system: 'tehran.ir', id: 'پیمان ۱۲' }] });
    expect((await lookup('tehran.ir', 'پیمان ۱۲')).kind).toBe('SISTER_CITY');
  });

  it('reads externalIds on people, organizations and visits too (empty when none)', async () => {
    const data = await query(`{
      person: node(id: "${id('Person', SEED.person.ghalibaf)}") { ... on Person { externalIds { id } } }
      council: node(id: "${id('Organization', SEED.organization.tehranCityCouncil)}") { ... on Organization { externalIds { id } } }
      visits(first: 1) { nodes { externalIds { id } } } }`);
    expect(data).toEqual({
      person: { externalIds: [] },
      council: { externalIds: [] },
      visits: { nodes: [{ externalIds: [] }] },
    });
  });

  it('replaces the ids on a second call: an empty list takes them all off', async () => {
    expect((await set(PACT, [], admin)).record.externalIds).toEqual([]);
    expect(await lookup('tehran.ir', 'پیمان ۱۲')).toBeNull();
  });

  it("takes a record's ids with it when it is deleted", async () => {
    const created = await mutate(
      'createPerson',
      `person { id } ${ERRORS}`,
      { names: [{ lang: 'en', value: 'A clerk' }] },
      admin,
    );
    const person = created.result.person.id;
    const input = { id: person, version: await version(person), externalIds: [{ system: 'tehran.ir', id: 'p-1' }] };
    expect((await mutate('setExternalIds', ERRORS, input, admin)).result.userErrors).toEqual([]);
    const deleted = await mutate('deletePerson', ERRORS, { id: person, version: await version(person) }, admin);
    expect(deleted.result.userErrors).toEqual([]);
    expect(await sql(`SELECT count(*)::int AS n FROM external_id WHERE external_id = 'p-1'`)).toEqual([{ n: 0 }]);
  });
});

describe('refusals', () => {
  it('refuses an id another record holds, by its place in the list, naming the holder', async () => {
    expect(
      await refusedSet(
        MOSCOW,
        [
          { system: 'mos.ru', id: '1' },
          { system: 'tehran.ir', id: '4711' },
        ],
        admin,
      ),
    ).toEqual({
      errors: undefined,
      userErrors: [
        {
          field: ['input', 'externalIds', '1'],
          message: `names another record already: Municipality ${TEHRAN}`,
          code: 'TAKEN',
          recordId: TEHRAN,
        },
      ],
    });
  });

  it('refuses the same id twice in one list, a system that is not a lowercase name, and ids with spaces at the ends', async () => {
    const twice = { system: 'mos.ru', id: '7' };
    expect((await refusedSet(MOSCOW, [twice, twice], admin)).userErrors).toEqual([
      { field: ['input', 'externalIds', '1'], message: 'is given twice', code: 'DUPLICATE', recordId: null },
    ]);
    expect((await refusedSet(MOSCOW, [{ system: 'Mos RU', id: ' 7' }], admin)).userErrors).toEqual([
      {
        field: ['input', 'externalIds', '0', 'system'],
        message: 'must be lowercase letters, digits, "." or "-", starting with a letter or digit ("tehran.ir")',
        code: 'INVALID',
        recordId: null,
      },
      {
        field: ['input', 'externalIds', '0', 'id'],
        message: 'must not begin or end with a space',
        code: 'INVALID',
        recordId: null,
      },
    ]);
  });

  it("keeps a city's key to its own records: Tehran's portal cannot tag Moscow", async () => {
    const { errors } = await refusedSet(MOSCOW, [{ system: 'tehran.ir', id: 'moscow' }], tehranPortal);
    expect(errors?.map(([code]) => code)).toEqual(['FORBIDDEN']);
  });

  it('bounds the list, the system and the id before anything runs', async () => {
    const many = Array.from({ length: 21 }, (_, n) => ({ system: 'mos.ru', id: String(n) }));
    expect((await refusedSet(MOSCOW, many, admin)).errors).toEqual([
      ['BAD_USER_INPUT', 'setExternalIds(input.externalIds): takes at most 20 items (got 21)'],
    ]);
    expect((await refusedSet(MOSCOW, [{ system: 'mos.ru', id: 'x'.repeat(201) }], admin)).errors?.[0][0]).toBe(
      'BAD_USER_INPUT',
    );
    const long = await api.query(`{ recordByExternalId(system: "${'a'.repeat(101)}", id: "1") { id } }`);
    expect(long.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('is refused by the database too: one record per system and id, and well-formed values', async () => {
    const row = `INSERT INTO external_id (system, external_id, record_type, record_id) VALUES ($1, $2, 'Municipality', $3)`;
    await expect(sql(row, ['tehran.ir', '4711', SEED.municipality.moscow])).rejects.toThrow(/external_id_pkey/);
    await expect(sql(row, ['Tehran.IR', '1', SEED.municipality.moscow])).rejects.toThrow(/check constraint/);
    await expect(sql(row, ['tehran.ir', ' 1', SEED.municipality.moscow])).rejects.toThrow(/check constraint/);
  });
});
