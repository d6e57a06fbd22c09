import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * The dashboard's count by country pair reads `agreement_countries`, which triggers keep in
 * step with the parties and their municipalities' countries. After every write the table
 * must equal what the parties say now, and the count must follow.
 */
const SEED_PACT = toGlobalId('Agreement', SEED.agreement.sisterCityPact);

let api: TestServer;
let editor: Key;
beforeAll(async () => {
  api = await startTestServer();
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Editor');
});
afterAll(() => api.stop());

const { mutate } = writeHarness(() => api, []);

/** A write that must succeed; returns the record's id and version. */
async function write(field: string, input: Record<string, unknown>) {
  const record = field.includes('Municipality') ? 'municipality' : 'agreement';
  const { response, result } = await mutate(
    field,
    field.startsWith('delete') ? '' : `${record} { id version }`,
    input,
    editor,
  );
  expect(response.errors).toBeUndefined();
  expect(result.userErrors).toEqual([]);
  return result[record] as { id: string; version: number };
}

/** The kept keys and codes next to those worked out from the parties now; the two must be equal. */
async function keptAndActual() {
  const sql = (text: string) =>
    api.database.dataSource.query(text) as Promise<Array<{ agreement_id: string; countries: string; codes: string[] }>>;
  return {
    kept: await sql(`SELECT agreement_id, countries, codes FROM agreement_countries ORDER BY agreement_id`),
    actual:
      await sql(`SELECT p.agreement_id, string_agg(DISTINCT m.country_code::text, '-' ORDER BY m.country_code::text) AS countries,
      array_agg(DISTINCT m.country_code::text ORDER BY m.country_code::text) AS codes
      FROM agreement_party p JOIN municipality m ON m.id = p.municipality_id GROUP BY 1 ORDER BY 1`),
  };
}

async function countryPairs() {
  const response = await api.query(`{ agreementStats(groupBy: COUNTRY_PAIR) { key count } }`);
  expect(response.errors).toBeUndefined();
  return response.data!.agreementStats;
}

/** How many agreements have a party in each country (the `partyCountries` filter reads the same table). */
async function withPartyIn(...countries: string[]) {
  const counts: Record<string, number> = {};
  for (const country of countries) {
    const response = await api.query(
      `query ($c: String!) { agreements(filter: { partyCountries: [$c] }) { totalCount } }`,
      { c: country },
    );
    expect(response.errors).toBeUndefined();
    counts[country] = response.data!.agreements.totalCount;
  }
  return counts;
}

it('follows parties added and removed, a country changed, and an agreement deleted: counts and filter', async () => {
  expect((await keptAndActual()).kept).toEqual([
    { agreement_id: SEED.agreement.sisterCityPact, countries: 'IR-RU', codes: ['IR', 'RU'] },
    { agreement_id: SEED.agreement.moscowMemorandum, countries: 'IR-RU', codes: ['IR', 'RU'] },
    { agreement_id: SEED.agreement.saintPetersburgCooperation, countries: 'IR-RU', codes: ['IR', 'RU'] },
  ]);

  const minsk = await write('createMunicipality', {
    slug: 'minsk',
    countryCode: 'BY',
    names: [{ lang: 'en', value: 'Minsk' }],
  });
  const pact = (await api.query(`{ node(id: "${SEED_PACT}") { ... on Agreement { version } } }`)).data!.node;
  const widened = await write('addAgreementParties', {
    id: SEED_PACT,
    version: pact.version,
    municipalityIds: [minsk.id],
  });
  expect(await countryPairs()).toEqual([
    { key: 'IR-RU', count: 2 },
    { key: 'BY-IR-RU', count: 1 },
  ]);
  expect(await withPartyIn('BY', 'UA', 'IR')).toEqual({ BY: 1, UA: 0, IR: 3 });

  // Minsk "moves" to Ukraine: every agreement it is party to is keyed again.
  await write('updateMunicipality', { id: minsk.id, version: minsk.version, countryCode: 'UA' });
  expect(await countryPairs()).toEqual([
    { key: 'IR-RU', count: 2 },
    { key: 'IR-RU-UA', count: 1 },
  ]);
  expect(await withPartyIn('BY', 'UA')).toEqual({ BY: 0, UA: 1 });

  await write('removeAgreementParties', { id: SEED_PACT, version: widened.version, municipalityIds: [minsk.id] });
  expect(await countryPairs()).toEqual([{ key: 'IR-RU', count: 3 }]);
  expect(await withPartyIn('UA', 'RU')).toEqual({ UA: 0, RU: 3 });

  const memorandum = toGlobalId('Agreement', SEED.agreement.moscowMemorandum);
  const { version } = (await api.query(`{ node(id: "${memorandum}") { ... on Agreement { version } } }`)).data!.node;
  await write('deleteAgreement', { id: memorandum, version });
  expect(await countryPairs()).toEqual([{ key: 'IR-RU', count: 2 }]);

  const { kept, actual } = await keptAndActual();
  expect(kept).toHaveLength(2);
  expect(kept).toEqual(actual);
});

it('follows a party moved to another municipality, and a TRUNCATE of the parties', async () => {
  const sql = (text: string, params: unknown[] = []) => api.database.dataSource.query(text, params);
  const [berlin] = await sql(`INSERT INTO municipality (slug, names, sort_name, country_code, governance)
    VALUES ('berlin', '{"en": "Berlin"}', 'berlin', 'DE', 'UNKNOWN') RETURNING id`);
  await api.database.dataSource.transaction(async (manager) => {
    await manager.query(
      `UPDATE agreement_party SET municipality_id = $1 WHERE agreement_id = $2 AND municipality_id = $3`,
      [berlin.id, SEED.agreement.sisterCityPact, SEED.municipality.moscow],
    );
    await manager.query(
      `UPDATE agreement SET party_key = (SELECT string_agg(municipality_id::text, ',' ORDER BY municipality_id)
      FROM agreement_party WHERE agreement_id = $1) WHERE id = $1`,
      [SEED.agreement.sisterCityPact],
    );
  });
  expect(
    await sql(`SELECT countries, codes FROM agreement_countries WHERE agreement_id = $1`, [
      SEED.agreement.sisterCityPact,
    ]),
  ).toEqual([{ countries: 'DE-IR', codes: ['DE', 'IR'] }]);
  const { kept, actual } = await keptAndActual();
  expect(kept).toEqual(actual);

  // TRUNCATE fires no row triggers; its own trigger empties the table (rolled back here).
  const runner = api.database.dataSource.createQueryRunner();
  await runner.startTransaction();
  try {
    await runner.query('TRUNCATE agreement_party');
    expect(await runner.query('SELECT count(*)::int AS n FROM agreement_countries')).toEqual([{ n: 0 }]);
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
});
