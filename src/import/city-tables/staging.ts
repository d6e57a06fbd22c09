import { EntityManager } from 'typeorm';
import { foldName } from '../folding';
import { CityRow } from './city-rows';

/**
 * The city table is loaded into temporary tables of the import's transaction and matched in
 * SQL: whether a name is ambiguous depends on rows anywhere in the file, and PostgreSQL can
 * see them all without the process holding the file in memory.
 */
export async function createStaging(manager: EntityManager): Promise<void> {
  await manager.query(`
    CREATE TEMPORARY TABLE import_city (
      line integer PRIMARY KEY, match_key text NOT NULL, region text, region_key text,
      latitude double precision, longitude double precision, population bigint, geonames_id bigint,
      is_national_capital boolean NOT NULL
    ) ON COMMIT DROP`);
}

export async function stageRows(manager: EntityManager, rows: readonly CityRow[]): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO import_city SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::float8[],
       $6::float8[], $7::bigint[], $8::bigint[], $9::boolean[])`,
    [
      rows.map((row) => row.line),
      rows.map((row) => row.key),
      rows.map((row) => row.region),
      rows.map((row) => row.regionKey),
      rows.map((row) => row.latitude),
      rows.map((row) => row.longitude),
      rows.map((row) => row.population),
      rows.map((row) => row.geonamesId),
      rows.map((row) => row.isNationalCapital),
    ],
  );
}

/**
 * Pairs municipalities with table rows. A municipality with one row of its name and country
 * takes it; with several, the one in its region, if exactly one is; otherwise none (reported
 * as ambiguous, never guessed). A row claimed by two municipalities goes to neither.
 * Leaves the pairs in `import_match` (municipality_id, line).
 */
export async function matchStaged(manager: EntityManager): Promise<void> {
  await manager.query('CREATE INDEX ON import_city (match_key)');
  await manager.query('ANALYZE import_city');
  // Region names fold in TypeScript (like names); the register holds few distinct ones.
  const regions: Array<{ region: string }> = await manager.query(
    'SELECT DISTINCT region FROM municipality WHERE region IS NOT NULL',
  );
  await manager.query('CREATE TEMPORARY TABLE import_region (region text PRIMARY KEY, region_key text) ON COMMIT DROP');
  await manager.query('INSERT INTO import_region SELECT * FROM unnest($1::text[], $2::text[])', [
    regions.map((row) => row.region),
    regions.map((row) => foldName(row.region)),
  ]);
  await manager.query(`
    CREATE TEMPORARY TABLE import_candidate ON COMMIT DROP AS
    SELECT m.id AS municipality_id, s.line,
           count(*) OVER (PARTITION BY m.id) AS candidates,
           coalesce(s.region_key = r.region_key, false) AS same_region,
           count(*) FILTER (WHERE s.region_key = r.region_key) OVER (PARTITION BY m.id) AS same_region_candidates
      FROM municipality m
      JOIN import_city s ON s.match_key = m.match_key
      LEFT JOIN import_region r ON r.region = m.region`);
  await manager.query(`
    CREATE TEMPORARY TABLE import_match ON COMMIT DROP AS
    SELECT municipality_id, line FROM (
      SELECT c.municipality_id, c.line, count(*) OVER (PARTITION BY c.line) AS claimants
        FROM import_candidate c
       WHERE c.candidates = 1 OR (c.same_region AND c.same_region_candidates = 1)) chosen
     WHERE claimants = 1`);
}

export interface MatchSummary {
  matched: number;
  notInTable: number;
  ambiguous: Array<{ municipality: string; country: string; region: string | null; lines: number[] }>;
}

export async function summarizeMatches(manager: EntityManager): Promise<MatchSummary> {
  const [{ matched, not_in_table }]: Array<{ matched: number; not_in_table: number }> = await manager.query(`
    SELECT (SELECT count(*)::int FROM import_match) AS matched,
           (SELECT count(*)::int FROM municipality m
             WHERE NOT EXISTS (SELECT 1 FROM import_candidate c WHERE c.municipality_id = m.id)) AS not_in_table`);
  const ambiguous: Array<{ sort_name: string; country_code: string; region: string | null; lines: number[] }> =
    await manager.query(`
    SELECT m.sort_name, m.country_code, m.region, array_agg(c.line ORDER BY c.line) AS lines
      FROM import_candidate c JOIN municipality m ON m.id = c.municipality_id
     WHERE NOT EXISTS (SELECT 1 FROM import_match x WHERE x.municipality_id = c.municipality_id)
     GROUP BY m.id ORDER BY m.country_code, m.sort_name, m.id`);
  return {
    matched,
    notInTable: not_in_table,
    ambiguous: ambiguous.map((row) => ({
      municipality: row.sort_name,
      country: row.country_code,
      region: row.region,
      lines: row.lines,
    })),
  };
}
