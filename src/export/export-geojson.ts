import { EntityManager } from 'typeorm';
import { DatePrecision, formatPartialDate } from '../common/dates';
import { OutputFile } from './output';
import { eachPage, pageClause } from './pages';

type Position = [longitude: number, latitude: number];

interface Feature {
  type: 'Feature';
  id: string;
  geometry:
    | { type: 'Point'; coordinates: Position }
    | { type: 'LineString'; coordinates: Position[] }
    | { type: 'MultiLineString'; coordinates: Position[][] };
  properties: Record<string, unknown>;
}

const municipalitiesSql = (after: boolean) => `
  SELECT m.id, m.slug, coalesce(m.names->>'en', m.sort_name) AS name, m.country_code::text AS country_code, m.region,
         m.population, m.latitude, m.longitude, m.part_of_id
    FROM municipality m
  ${pageClause('m', after, 'm.latitude IS NOT NULL')}`;

/** Parties in slug order; `positions` holds only those with coordinates. */
const agreementsSql = (after: boolean) => `
  SELECT a.id, a.kind, coalesce(a.titles->>'en', a.sort_name) AS title, a.status, a.signed_on, a.signed_on_precision,
         ARRAY(SELECT m.slug FROM agreement_party p JOIN municipality m ON m.id = p.municipality_id
                WHERE p.agreement_id = a.id ORDER BY m.slug COLLATE "C") AS parties,
         (SELECT coalesce(json_agg(json_build_array(m.longitude, m.latitude) ORDER BY m.slug COLLATE "C"), '[]')
            FROM agreement_party p JOIN municipality m ON m.id = p.municipality_id
           WHERE p.agreement_id = a.id AND m.latitude IS NOT NULL) AS positions
    FROM agreement a
  ${pageClause('a', after)}`;

interface MunicipalityRow {
  id: string;
  slug: string;
  name: string;
  country_code: string;
  region: string | null;
  population: string | null;
  latitude: number;
  longitude: number;
  part_of_id: string | null;
}

interface AgreementRow {
  id: string;
  kind: string;
  title: string;
  status: string;
  signed_on: string | null;
  signed_on_precision: DatePrecision | null;
  parties: string[];
  positions: Position[];
}

/**
 * A GeoJSON FeatureCollection (RFC 7946: positions are [longitude, latitude]): every
 * municipality with coordinates as a Point, then every agreement as a line between its
 * parties' points. A pact of two parties is a LineString; one of more is a MultiLineString
 * joining each pair; one with fewer than two located parties has no line and is left out.
 */
export async function writeRegisterGeoJson(
  manager: EntityManager,
  output: OutputFile,
): Promise<Record<string, number>> {
  await output.write('{"type":"FeatureCollection","features":[');
  let features = 0;
  const write = async (page: Feature[]) => {
    await output.write(page.map((feature) => `${features++ === 0 ? '' : ','}\n${JSON.stringify(feature)}`).join(''));
  };
  const points = await eachPage<MunicipalityRow>(manager, municipalitiesSql, (rows) => write(rows.map(pointFeature)));
  let unlocated = 0;
  const lines = await eachPage<AgreementRow>(manager, agreementsSql, async (rows) => {
    const located = rows.filter((row) => row.positions.length >= 2);
    unlocated += rows.length - located.length;
    await write(located.map(lineFeature));
  });
  await output.write('\n]}\n');
  return { points, lines: lines - unlocated, agreementsWithoutLine: unlocated };
}

function pointFeature(row: MunicipalityRow): Feature {
  return {
    type: 'Feature',
    id: row.id,
    geometry: { type: 'Point', coordinates: [row.longitude, row.latitude] },
    properties: {
      kind: 'municipality',
      slug: row.slug,
      name: row.name,
      countryCode: row.country_code,
      region: row.region,
      // bigint arrives as text; populations are far below 2^53.
      population: row.population === null ? null : Number(row.population),
      partOf: row.part_of_id,
    },
  };
}

function lineFeature(row: AgreementRow): Feature {
  const pairs = row.positions.flatMap((from, index) => row.positions.slice(index + 1).map((to) => [from, to]));
  return {
    type: 'Feature',
    id: row.id,
    geometry:
      pairs.length === 1
        ? { type: 'LineString', coordinates: pairs[0] }
        : { type: 'MultiLineString', coordinates: pairs },
    properties: {
      kind: 'agreement',
      agreementKind: row.kind,
      title: row.title,
      status: row.status,
      signedOn:
        row.signed_on && row.signed_on_precision
          ? formatPartialDate({ date: row.signed_on, precision: row.signed_on_precision })
          : null,
      parties: row.parties,
    },
  };
}
