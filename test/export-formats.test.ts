import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { SEED } from '../src/database/seed';
import { exportRegister } from '../src/export/export-register';
import { createTestDatabase, TestDatabase } from './helpers/database';

/**
 * The CSV of pacts and the GeoJSON map of the seed, plus three records that test the edges:
 * Kazan (no coordinates) with a pact with Tehran (no line can be drawn), and a declaration of
 * three cities whose title holds a quote, a comma and a line break, cited by a source whose
 * URL holds a comma.
 */
const KAZAN = '0000000f-0000-4000-8000-000000000001';
const DECLARATION = '0000000f-0000-4000-8000-0000000000a1';
const KAZAN_PACT = '0000000f-0000-4000-8000-0000000000a2';
const GAZETTE = '0000000f-0000-4000-8000-0000000000c1';
const CITY = SEED.municipality;

let database: TestDatabase;
let directory: string;

async function addAgreement(
  id: string,
  kind: string,
  title: string,
  parties: string[],
  signedOn?: [string, string],
): Promise<void> {
  await database.dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO agreement (id, kind, titles, sort_name, status, signed_on, signed_on_precision, party_key)
       VALUES ($1, $2, jsonb_build_object('en', $3::text), $3, 'PROPOSED', $4, $5, $6)`,
      [id, kind, title, signedOn?.[0] ?? null, signedOn?.[1] ?? null, [...parties].sort().join(',')],
    );
    await manager.query('INSERT INTO agreement_party (agreement_id, municipality_id) SELECT $1, unnest($2::uuid[])', [
      id,
      parties,
    ]);
    await manager.query(`INSERT INTO agreement_status_change (agreement_id, status) VALUES ($1, 'PROPOSED')`, [id]);
  });
}

beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  directory = await mkdtemp(path.join(tmpdir(), 'register-formats-'));
  await database.dataSource.query(
    `INSERT INTO municipality (id, slug, names, sort_name, country_code) VALUES ($1, 'kazan', '{"en": "Kazan"}', 'Kazan', 'RU')`,
    [KAZAN],
  );
  await addAgreement(
    DECLARATION,
    'DECLARATION',
    'Declaration "Caspian, Baltic"\nand the Volga',
    [CITY.tehran, CITY.moscow, CITY.saintPetersburg],
    ['2016-05-01', 'MONTH'],
  );
  await addAgreement(KAZAN_PACT, 'SISTER_CITY', 'Kazan–Tehran sister-city pact', [KAZAN, CITY.tehran]);
  await database.dataSource.query(
    `INSERT INTO source (id, kind, publisher, title, language, url) VALUES ($1, 'NEWS_REPORT', 'Example Gazette', 'Three cities', 'en', 'https://example.org/a,b')`,
    [GAZETTE],
  );
  await database.dataSource.query('INSERT INTO citation (source_id, agreement_id) VALUES ($1, $2)', [
    GAZETTE,
    DECLARATION,
  ]);
});
afterAll(async () => {
  await database.drop();
  await rm(directory, { recursive: true, force: true });
});

describe('CSV of pacts', () => {
  it('writes one row per agreement, lists joined by "; ", quoted as RFC 4180 says', async () => {
    const file = path.join(directory, 'pacts.csv');
    expect(await exportRegister(database.dataSource, file)).toEqual({ file, format: 'csv', counts: { agreement: 5 } });
    const text = await readFile(file, 'utf8');
    expect(text.split('\r\n')).toEqual([
      'id,kind,title,status,signed_on,party_slugs,party_names,party_countries,areas,sources,source_urls',
      '00000009-5eed-4000-8000-000000000001,SISTER_CITY,Tehran–Moscow sister-city pact,SIGNED,,moscow; tehran,' +
        'Moscow; Tehran,RU; IR,arts; culture; economy; environment; experience-exchange; private-participation; ' +
        'society; trade; urban-development; urban-education; urban-security; youth,IRNA; Sputnik,',
      '00000009-5eed-4000-8000-000000000002,MEMORANDUM_OF_UNDERSTANDING,Memorandum of understanding between the ' +
        'municipalities of Tehran and Moscow,SIGNED,2015-11-18,moscow; tehran,Moscow; Tehran,RU; IR,' +
        'crisis-management; economy; infrastructure; investment; public-transport; safety-infrastructure,IRNA; Sputnik,',
      '00000009-5eed-4000-8000-000000000003,COOPERATION_AGREEMENT,Tehran–Saint Petersburg cooperation document,' +
        'SIGNED,,saint-petersburg; tehran,Saint Petersburg; Tehran,RU; IR,,IRNA,',
      `${DECLARATION},DECLARATION,"Declaration ""Caspian, Baltic""\nand the Volga",PROPOSED,2016-05,` +
        'moscow; saint-petersburg; tehran,Moscow; Saint Petersburg; Tehran,RU; RU; IR,,Example Gazette,"https://example.org/a,b"',
      `${KAZAN_PACT},SISTER_CITY,Kazan–Tehran sister-city pact,PROPOSED,,kazan; tehran,Kazan; Tehran,RU; IR,,,`,
      '',
    ]);
    // A CSV parser reads the quoted fields back to what they hold.
    const rows: Record<string, string>[] = parse(text, { columns: true });
    expect(rows.map((row) => [row.title, row.source_urls])).toEqual([
      ['Tehran–Moscow sister-city pact', ''],
      ['Memorandum of understanding between the municipalities of Tehran and Moscow', ''],
      ['Tehran–Saint Petersburg cooperation document', ''],
      ['Declaration "Caspian, Baltic"\nand the Volga', 'https://example.org/a,b'],
      ['Kazan–Tehran sister-city pact', ''],
    ]);
  });
});

describe('GeoJSON map', () => {
  const tehran: [number, number] = [51.4167, 35.7];
  const moscow: [number, number] = [37.6178, 55.7558];
  const saintPetersburg: [number, number] = [30.3167, 59.95];
  const point = (id: string, coordinates: [number, number], properties: Record<string, unknown>) => ({
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates },
    properties: { kind: 'municipality', region: null, partOf: null, ...properties },
  });
  const line = (id: string, geometry: Record<string, unknown>, properties: Record<string, unknown>) => ({
    type: 'Feature',
    id,
    geometry,
    properties: { kind: 'agreement', signedOn: null, ...properties },
  });

  it('has the located municipalities as points and the pacts as lines between their parties', async () => {
    const file = path.join(directory, 'register.geojson');
    expect(await exportRegister(database.dataSource, file)).toEqual({
      file,
      format: 'geojson',
      counts: { points: 3, lines: 4, agreementsWithoutLine: 1 },
    });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      type: 'FeatureCollection',
      features: [
        point(CITY.tehran, tehran, { slug: 'tehran', name: 'Tehran', countryCode: 'IR', population: 10_000_000 }),
        point(CITY.moscow, moscow, { slug: 'moscow', name: 'Moscow', countryCode: 'RU', population: 10_000_000 }),
        point(CITY.saintPetersburg, saintPetersburg, {
          slug: 'saint-petersburg',
          name: 'Saint Petersburg',
          countryCode: 'RU',
          population: null,
        }),
        line(
          SEED.agreement.sisterCityPact,
          { type: 'LineString', coordinates: [moscow, tehran] },
          {
            agreementKind: 'SISTER_CITY',
            title: 'Tehran–Moscow sister-city pact',
            status: 'SIGNED',
            parties: ['moscow', 'tehran'],
          },
        ),
        line(
          SEED.agreement.moscowMemorandum,
          { type: 'LineString', coordinates: [moscow, tehran] },
          {
            agreementKind: 'MEMORANDUM_OF_UNDERSTANDING',
            status: 'SIGNED',
            signedOn: '2015-11-18',
            parties: ['moscow', 'tehran'],
            title: 'Memorandum of understanding between the municipalities of Tehran and Moscow',
          },
        ),
        line(
          SEED.agreement.saintPetersburgCooperation,
          { type: 'LineString', coordinates: [saintPetersburg, tehran] },
          {
            agreementKind: 'COOPERATION_AGREEMENT',
            title: 'Tehran–Saint Petersburg cooperation document',
            status: 'SIGNED',
            parties: ['saint-petersburg', 'tehran'],
          },
        ),
        line(
          DECLARATION,
          {
            type: 'MultiLineString',
            coordinates: [
              [moscow, saintPetersburg],
              [moscow, tehran],
              [saintPetersburg, tehran],
            ],
          },
          {
            agreementKind: 'DECLARATION',
            title: 'Declaration "Caspian, Baltic"\nand the Volga',
            status: 'PROPOSED',
            signedOn: '2016-05',
            parties: ['moscow', 'saint-petersburg', 'tehran'],
          },
        ),
      ],
    });
  });

  it('chooses the format from --format over the extension, and refuses what it cannot tell', async () => {
    const file = path.join(directory, 'map.txt');
    expect((await exportRegister(database.dataSource, file, 'geojson')).counts.points).toBe(3);
    await expect(exportRegister(database.dataSource, path.join(directory, 'register.xml'))).rejects.toThrow(
      `cannot tell the format of "${path.join(directory, 'register.xml')}" from its extension: ` +
        'name it .json, .csv or .geojson, or give --format',
    );
    await expect(exportRegister(database.dataSource, file, 'kml')).rejects.toThrow(
      'unknown export format "kml": use json, csv, geojson',
    );
  });
});
