import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SIMPLEMAPS } from '../src/import/city-tables/city-rows';
import { importCityTable } from '../src/import/city-tables/import-city-table';
import { resolveCountry } from '../src/import/countries';
import { ImportFileError } from '../src/import/csv-file';
import { displayName, foldName, matchKey, slugFor } from '../src/import/folding';
import { importTwinCities } from '../src/import/twin-cities/import-twin-cities';
import { createTestDatabase, TestDatabase } from './helpers/database';

const HEADER = 'city1,country1,lat1,lng1,city2,country2,lat2,lng2\n';

let database: TestDatabase;
let directory: string;

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  directory = await mkdtemp(path.join(os.tmpdir(), 'import-files-'));
});
afterAll(() => database.drop());

async function file(name: string, content: string | Buffer): Promise<string> {
  const target = path.join(directory, name);
  await writeFile(target, content);
  return target;
}

/** Row counts of the tables an import writes, to show that nothing was written. */
const counts = () =>
  database.dataSource.query(`SELECT (SELECT count(*) FROM municipality) AS municipalities,
  (SELECT count(*) FROM agreement) AS agreements, (SELECT count(*) FROM source) AS sources,
  (SELECT count(*) FROM citation) AS citations, (SELECT count(*) FROM municipality WHERE match_key IS NOT NULL) AS keyed`);

describe('bad files stop with a clear message before anything is written', () => {
  test.each([
    ['empty', '', /is empty/],
    ['header only', HEADER, /has a header but no data rows/],
    [
      'wrong columns',
      'city,country\nTehran,Iran\n',
      /does not have the expected columns: missing city1, country1, lat1/,
    ],
    ['an unclosed quote', `${HEADER}Tehran,Iran,1,1,"Moscow,Russia,1,1\n`, /is not valid CSV: Quote Not Closed/],
  ])('%s', async (name, content, message) => {
    const before = await counts();
    const target = await file(`${name}.csv`, content);
    await expect(importTwinCities(database.dataSource, target, { progress: false })).rejects.toThrow(message);
    await expect(importTwinCities(database.dataSource, target, { progress: false })).rejects.toBeInstanceOf(
      ImportFileError,
    );
    expect(await counts()).toEqual(before);
  });

  test('not UTF-8, even when the bad bytes come after good rows', async () => {
    const before = await counts();
    const good = `${HEADER}${'Minsk,Belarus,53.9,27.55,Tehran,Iran,35.68,51.38\n'.repeat(5000)}`;
    const latin1 = Buffer.concat([Buffer.from(good), Buffer.from('Cork,Ireland,1,1,K\xf6ln,Germany,1,1\n', 'latin1')]);
    const target = await file('latin1.csv', latin1);
    await expect(importTwinCities(database.dataSource, target, { progress: false })).rejects.toThrow(
      /is not UTF-8 text/,
    );
    expect(await counts()).toEqual(before);
  });

  test('a city table with the twin-town columns', async () => {
    const target = await file('pairs-as-table.csv', `${HEADER}Minsk,Belarus,1,1,Tehran,Iran,1,1\n`);
    await expect(importCityTable(database.dataSource, SIMPLEMAPS, target, { progress: false })).rejects.toThrow(
      /missing city, city_ascii, lat, lng, country, iso2, admin_name, capital, population, id/,
    );
  });
});

test('rows of the wrong shape or with unknown countries are rejected by line; the rest is imported', async () => {
  const target = await file(
    'mixed.csv',
    `${HEADER}Minsk,Belarus,53.9,27.55,Tehran,Iran,35.68,51.38\n` +
      'Minsk,Belarus,53.9\n' +
      'Cork,Atlantis,1,1,Tehran,Iran,1,1\n' +
      ',Belarus,1,1,Tehran,Iran,1,1\n',
  );
  const report = await importTwinCities(database.dataSource, target, { progress: false });
  expect(report).toMatchObject({
    rowsRead: 4,
    pacts: { created: 1, merged: 0, alreadyPresent: 0 },
    rejected: [
      { line: 3, reason: 'unparseable: 3 fields where 8 were expected' },
      { line: 4, reason: 'unknown country label "Atlantis" (country1)' },
      { line: 5, reason: 'empty city name (city1)' },
    ],
  });
});

test('folding makes look-alike spellings equal and keeps the shown name proper', () => {
  expect(foldName('Chişinău')).toBe(foldName('Chișinău'));
  expect(foldName('Chişinău')).toBe('chisinau');
  expect(foldName('Łódź')).toBe('lodz');
  expect(foldName('Kyiv’s  Podil—District')).toBe('kyivs podil district');
  expect(foldName('ﬁnse')).toBe('finse');
  expect(matchKey('tr', 'İzmir')).toBe('TR:izmir');
  expect(displayName('Chi\u015fin\u0103u', 'MD')).toBe('Chi\u0219in\u0103u');
  expect(displayName('\u00c7e\u015fme', 'TR')).toBe('\u00c7e\u015fme');
  expect(displayName('Cafe\u0301  de Paris ', 'FR')).toBe('Caf\u00e9 de Paris');
  expect(slugFor('Sokolniki (Moscow)', 'RU')).toBe('sokolniki-moscow-ru');
});

test('country labels become ISO codes, with the region a label names', () => {
  expect(resolveCountry('England')).toEqual({ code: 'GB', region: 'England' });
  expect(resolveCountry('Wales, United Kingdom')).toEqual({ code: 'GB', region: 'Wales' });
  expect(resolveCountry('Northern Ireland, United Kingdom')).toEqual({ code: 'GB', region: 'Northern Ireland' });
  expect(resolveCountry('Georgia (country)')).toEqual({ code: 'GE', region: null });
  expect(resolveCountry('Lower Saxony, Germany')).toEqual({ code: 'DE', region: 'Lower Saxony' });
  expect(resolveCountry('Republic of Ireland')).toEqual({ code: 'IE', region: null });
  expect(resolveCountry('Réunion, France')).toEqual({ code: 'RE', region: null });
  expect(resolveCountry('Georgia, United States')).toEqual({ code: 'US', region: 'Georgia' });
  expect(resolveCountry('Korea, Republic of')).toEqual({ code: 'KR', region: null });
  expect(resolveCountry('Kazakhstah')).toEqual({ code: 'KZ', region: null });
  expect(resolveCountry('Atlantis')).toBeNull();
});
