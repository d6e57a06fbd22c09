import { EntityManager } from 'typeorm';

/** A data set as a source row; fixed ids make a second import cite the same row. */
export interface DatasetSource {
  id: string;
  kind: 'SECONDARY_COMPILATION' | 'DATASET';
  publisher: string;
  title: string;
  language: string;
  publishedOn: string;
  publishedOnPrecision: 'YEAR' | 'MONTH' | 'DAY';
  url: string;
  reference: string;
  licence: string;
}

/** Editions and licences as ../shared/data/<folder>/SOURCE.md records them. */
export const DATASET_SOURCES = {
  twinCities: {
    id: '0000000b-1a9d-4000-8000-000000000001',
    kind: 'SECONDARY_COMPILATION',
    publisher: 'Wikipedia contributors; compiled and geocoded by Erik Hekman',
    title: 'Lists of twin towns and sister cities (English Wikipedia), as twin_cities.csv',
    language: 'en',
    publishedOn: '2026-02-08',
    publishedOnPrecision: 'DAY',
    url: 'https://github.com/Hekman/twincities',
    reference: 'app/public/twin_cities.csv at commit 92aa9379439bcde202881d210feeed2a3b333261',
    licence: 'MIT (compilation); facts from Wikipedia under CC BY-SA 4.0; coordinates from OpenStreetMap under ODbL',
  },
  simplemaps: {
    id: '0000000b-1a9d-4000-8000-000000000002',
    kind: 'DATASET',
    publisher: 'simplemaps',
    title: 'World Cities Database, Basic edition (worldcities.csv)',
    language: 'en',
    publishedOn: '2020-01-01',
    publishedOnPrecision: 'YEAR',
    url: 'https://simplemaps.com/data/world-cities',
    reference: 'worldcities.csv as kept by WebReflection/geo2city at commit 54aad11addb3ee695df4b4ed75ebe2a63b883fda',
    licence: 'CC BY 4.0',
  },
  geonames: {
    id: '0000000b-1a9d-4000-8000-000000000003',
    kind: 'DATASET',
    publisher: 'GeoNames',
    title: 'Cities with more than 15,000 inhabitants (cities15000), as the world-cities data package',
    language: 'en',
    publishedOn: '2026-07-23',
    publishedOnPrecision: 'DAY',
    url: 'https://github.com/datasets/world-cities',
    reference: 'data/world-cities.csv at commit 49974c675a13f12ec0b8b8164f0f82f017b896fc',
    licence: 'CC BY 4.0',
  },
} as const satisfies Record<string, DatasetSource>;

/** Adds the data set's source row unless it is there already. Returns how many rows were added. */
export async function ensureSource(manager: EntityManager, source: DatasetSource): Promise<number> {
  const inserted: unknown[] = await manager.query(
    `INSERT INTO source (id, kind, publisher, title, language, published_on, published_on_precision, url, reference, licence)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING RETURNING 1`,
    [
      source.id,
      source.kind,
      source.publisher,
      source.title,
      source.language,
      source.publishedOn,
      source.publishedOnPrecision,
      source.url,
      source.reference,
      source.licence,
    ],
  );
  return inserted.length;
}

/**
 * Cites a source for municipalities, skipping those that cite it already. Returns how many
 * citations were added.
 */
export async function citeMunicipalities(
  manager: EntityManager,
  sourceId: string,
  ids: readonly string[],
): Promise<number> {
  if (ids.length === 0) return 0;
  const inserted: unknown[] = await manager.query(
    `INSERT INTO citation (source_id, municipality_id)
     SELECT $1, id FROM unnest($2::uuid[]) AS id
     ON CONFLICT (municipality_id, source_id) WHERE municipality_id IS NOT NULL DO NOTHING RETURNING 1`,
    [sourceId, ids],
  );
  return inserted.length;
}
