import path from 'node:path';
import { SEED } from '../src/database/seed';
import { importTwinCities } from '../src/import/twin-cities/import-twin-cities';
import { DATASET_SOURCES } from '../src/import/sources';
import { startTestServer, TestServer } from './helpers/server';

/**
 * 30 rows of the real twin_cities.csv (line numbers of the original in fixtures/import/README.md):
 * every Tehran row, Chişinău/Chișinău and Batumi under two country labels listed from both
 * sides, a district "(Moscow)", a self-pair, an empty country, quoted fields holding commas,
 * England/Wales/Lower Saxony/Republic of Ireland labels.
 */
const SLICE = path.join(__dirname, 'fixtures/import/twin-cities-slice.csv');
const TEHRAN = SEED.municipality.tehran;
const MOSCOW = SEED.municipality.moscow;

let server: TestServer;
let firstReport: Awaited<ReturnType<typeof importTwinCities>>;

beforeAll(async () => {
  server = await startTestServer({ seeded: true });
  firstReport = await importTwinCities(server.database.dataSource, SLICE, { progress: false, batchSize: 7 });
});
afterAll(() => server.stop());

const sql = <T = Record<string, unknown>>(text: string, parameters: unknown[] = []): Promise<T[]> =>
  server.database.dataSource.query(text, parameters);

test('the report counts every row of the slice', () => {
  expect(firstReport).toMatchObject({
    rowsRead: 30,
    municipalities: { created: 33, matched: 2, completed: 0 },
    pacts: { created: 24, merged: 3, alreadyPresent: 1 },
    // 24 new pacts and the seed's Tehran–Moscow pact; the 35 municipalities the rows name.
    citationsAdded: 25 + 35,
    rowsRejected: 2,
    rejected: [
      { line: 25, reason: 'self-pair: "Nienburg" (DE) twinned with itself' },
      { line: 26, reason: 'empty country for "Varna, Bulgaria" (country2)' },
    ],
    nothingNew: false,
  });
});

test("Tehran's partners are the 17 cities of the data and the seed, each once", async () => {
  const response = await server.query<{
    municipality: { partners: Array<{ municipality: { name: string }; agreements: Array<{ kind: string }> }> };
  }>('{ municipality(slug: "tehran") { partners { municipality { name } agreements { kind } } } }');
  const partners = response.data!.municipality.partners.map((partner) => partner.municipality.name);
  expect(partners).toEqual([
    'Ankara',
    'Baghdad',
    'Beijing',
    'Bishkek',
    'Brasília',
    'Budapest',
    'Caracas',
    'Dushanbe',
    'Havana',
    'Kabul',
    'Khartoum',
    'Minsk',
    'Moscow',
    'Pretoria',
    'Saint Petersburg',
    'Sanaa',
    'Tbilisi',
  ]);
  const moscow = response.data!.municipality.partners.find((partner) => partner.municipality.name === 'Moscow')!;
  expect(moscow.agreements.map((agreement) => agreement.kind).sort()).toEqual([
    'MEMORANDUM_OF_UNDERSTANDING',
    'SISTER_CITY',
  ]);
});

test('Moscow stays one municipality and its pact with Tehran cites the seed sources and the list', async () => {
  expect(await sql(`SELECT id FROM municipality WHERE match_key = 'RU:moscow'`)).toEqual([{ id: MOSCOW }]);
  const sources = await sql<{ publisher: string }>(
    `SELECT s.publisher FROM citation c JOIN source s ON s.id = c.source_id
      WHERE c.agreement_id = $1 ORDER BY s.publisher`,
    [SEED.agreement.sisterCityPact],
  );
  expect(sources.map((row) => row.publisher)).toEqual(['IRNA', 'Sputnik', DATASET_SOURCES.twinCities.publisher]);
  const [{ pacts }] = await sql<{ pacts: number }>(
    `SELECT count(*)::int AS pacts FROM agreement WHERE kind = 'SISTER_CITY' AND party_key = $1`,
    [[TEHRAN, MOSCOW].sort().join(',')],
  );
  expect(pacts).toBe(1);
});

test('districts in brackets are municipalities of their own, part of their city', async () => {
  const response = await server.query<{ municipality: { parts: Array<{ name: string; partOf: { slug: string } }> } }>(
    '{ municipality(slug: "tehran") { parts { name partOf { slug } } } }',
  );
  expect(response.data!.municipality.parts).toEqual([{ name: 'District 12 (Tehran)', partOf: { slug: 'tehran' } }]);
  const [sokolniki] = await sql<{ part_of_id: string; country_code: string }>(
    `SELECT part_of_id, country_code FROM municipality WHERE sort_name = 'Sokolniki (Moscow)'`,
  );
  expect(sokolniki).toEqual({ part_of_id: MOSCOW, country_code: 'RU' });
});

test('spellings and country labels of one city meet in one municipality with its proper name', async () => {
  const rows = await sql<{ sort_name: string; country_code: string; region: string | null }>(
    `SELECT sort_name, country_code, region FROM municipality
      WHERE match_key IN ('MD:chisinau', 'GE:batumi', 'GE:tbilisi', 'GB:kings lynn and west norfolk', 'GB:abergavenny',
        'DE:friedland', 'IE:adare', 'AU:bayside victoria') ORDER BY match_key`,
  );
  expect(rows).toEqual([
    { sort_name: 'Bayside, Victoria', country_code: 'AU', region: null },
    { sort_name: 'Friedland', country_code: 'DE', region: 'Lower Saxony' },
    { sort_name: 'Abergavenny', country_code: 'GB', region: 'Wales' },
    { sort_name: "King's Lynn and West Norfolk", country_code: 'GB', region: 'England' },
    { sort_name: 'Batumi', country_code: 'GE', region: null },
    { sort_name: 'Tbilisi', country_code: 'GE', region: null },
    { sort_name: 'Adare', country_code: 'IE', region: null },
    // Listed first with a cedilla (line 20); Romanian is written with a comma below.
    { sort_name: 'Chi\u0219in\u0103u', country_code: 'MD', region: null },
  ]);
});

test('a second import adds nothing and says so', async () => {
  const before = await sql(`SELECT (SELECT count(*) FROM municipality) AS m, (SELECT count(*) FROM agreement) AS a,
    (SELECT count(*) FROM citation) AS c, (SELECT max(version) FROM municipality) AS v`);
  const again = await importTwinCities(server.database.dataSource, SLICE, { progress: false });
  expect(again).toMatchObject({
    rowsRead: 30,
    municipalities: { created: 0, matched: 35, completed: 0 },
    pacts: { created: 0, merged: 0, alreadyPresent: 28 },
    citationsAdded: 0,
    rowsRejected: 2,
    nothingNew: true,
  });
  expect(
    await sql(`SELECT (SELECT count(*) FROM municipality) AS m, (SELECT count(*) FROM agreement) AS a,
    (SELECT count(*) FROM citation) AS c, (SELECT max(version) FROM municipality) AS v`),
  ).toEqual(before);
});
