import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GEONAMES, SIMPLEMAPS } from '../src/import/city-tables/city-rows';
import { importCityTable } from '../src/import/city-tables/import-city-table';
import { importTwinCities } from '../src/import/twin-cities/import-twin-cities';
import { createTestDatabase, TestDatabase } from './helpers/database';

/** Rows of the real simplemaps and GeoNames tables (two Suzhou in China in each). */
const FIXTURES = path.join(__dirname, 'fixtures/import');
const TWIN_SLICE = path.join(FIXTURES, 'twin-cities-slice.csv');

let database: TestDatabase;
const sql = <T = Record<string, unknown>>(text: string, parameters: unknown[] = []): Promise<T[]> =>
  database.dataSource.query(text, parameters);

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  await importTwinCities(database.dataSource, TWIN_SLICE, { progress: false });
});
afterAll(() => database.drop());

test('simplemaps fills population and coordinates; two towns of one name stay unmatched', async () => {
  const report = await importCityTable(database.dataSource, SIMPLEMAPS, path.join(FIXTURES, 'simplemaps-slice.csv'), {
    progress: false,
  });
  expect(report).toMatchObject({
    rowsRead: 11,
    // Moscow, Tehran, Ankara, Minsk, Tbilisi, Chișinău (listed as "Chisinau"), Batumi, Abergavenny.
    municipalities: { matched: 8, updated: 8, notInTable: 36 - 9, ambiguous: 1 },
    ambiguous: [{ municipality: 'Suzhou', country: 'CN', region: null, lines: [4, 5] }],
    citationsAdded: 8,
    rowsRejected: 0,
    nothingNew: false,
  });
  const rows = await sql(`SELECT sort_name, population::int, population_is_lower_bound, latitude, longitude, region
    FROM municipality WHERE match_key IN ('IR:tehran', 'MD:chisinau', 'CN:suzhou') ORDER BY match_key`);
  expect(rows).toEqual([
    {
      sort_name: 'Suzhou',
      population: null,
      population_is_lower_bound: false,
      latitude: 31.3,
      longitude: 120.6194,
      region: null,
    },
    // The seed's figure (a lower bound from the article) is kept; the table's coordinates are the seed's own.
    {
      sort_name: 'Tehran',
      population: 10_000_000,
      population_is_lower_bound: true,
      latitude: 35.7,
      longitude: 51.4167,
      region: 'Tehrān',
    },
    {
      sort_name: 'Chi\u0219in\u0103u',
      population: 685_900,
      population_is_lower_bound: false,
      latitude: 47.0056,
      longitude: 28.8575,
      region: 'Chi\u015fin\u0103u',
    },
  ]);
  const again = await importCityTable(database.dataSource, SIMPLEMAPS, path.join(FIXTURES, 'simplemaps-slice.csv'), {
    progress: false,
  });
  expect(again).toMatchObject({ municipalities: { matched: 8, updated: 0 }, citationsAdded: 0, nothingNew: true });
});

test('GeoNames gives ids by country name, formal names included; an id already held is kept', async () => {
  const report = await importCityTable(database.dataSource, GEONAMES, path.join(FIXTURES, 'geonames-slice.csv'), {
    progress: false,
  });
  expect(report).toMatchObject({
    rowsRead: 11,
    // Yerevan, Minsk, Tbilisi, Batumi, Budapest, Tehran, Chișinău, Moscow; Moscow (Idaho) is in another country.
    municipalities: { matched: 8, updated: 6, ambiguous: 1 },
    ambiguous: [{ municipality: 'Suzhou', country: 'CN', lines: [4, 5] }],
    geonamesIdsTaken: 0,
    citationsAdded: 8,
    nothingNew: false,
  });
  const rows = await sql(`SELECT match_key, geonames_id::int FROM municipality
    WHERE match_key IN ('IR:tehran', 'RU:moscow', 'MD:chisinau', 'GE:batumi', 'CN:suzhou') ORDER BY match_key`);
  expect(rows).toEqual([
    { match_key: 'CN:suzhou', geonames_id: null },
    { match_key: 'GE:batumi', geonames_id: 615532 },
    { match_key: 'IR:tehran', geonames_id: 112931 },
    { match_key: 'MD:chisinau', geonames_id: 618426 },
    { match_key: 'RU:moscow', geonames_id: 524901 },
  ]);
});

test('a region tells two towns of one name apart', async () => {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'import-region-'));
  const file = path.join(directory, 'pairs.csv');
  await writeFile(
    file,
    'city1,country1,lat1,lng1,city2,country2,lat2,lng2\n' +
      'Suzhou,"Jiangsu, China",31.3,120.6,Dresden,Germany,51.05,13.74\n',
  );
  await importTwinCities(database.dataSource, file, { progress: false });
  // "Suzhou" of line 31 of the slice had no region; the one from Jiangsu is the same key, so
  // the municipality now has the region and the table's Jiangsu row is the only one in it.
  const report = await importCityTable(database.dataSource, SIMPLEMAPS, path.join(FIXTURES, 'simplemaps-slice.csv'), {
    progress: false,
  });
  expect(report.ambiguous).toEqual([]);
  const [suzhou] = await sql(`SELECT population::int, region FROM municipality WHERE match_key = 'CN:suzhou'`);
  expect(suzhou).toEqual({ population: 5_250_000, region: 'Jiangsu' });
});
