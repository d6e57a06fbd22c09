import { DataSource, EntityManager } from 'typeorm';
import { inBatches } from '../batches';
import { checkCsv, readCsv } from '../csv-file';
import { fillMatchKeys } from '../match-keys';
import { Progress, startProgress } from '../progress';
import { CityTableReport, Rejection } from '../report';
import { DATASET_SOURCES, DatasetSource, ensureSource } from '../sources';
import { updatedRows } from '../sql-results';
import { CityRow, CityTable } from './city-rows';
import { createStaging, matchStaged, stageRows, summarizeMatches } from './staging';

export interface CityTableOptions {
  progress?: boolean;
}

/**
 * simplemaps: population where none is known (a stored figure, such as the seed's lower bound
 * from the article, is kept), the table's coordinates (better than the geocoded points of the
 * twin-town list), region where none is known, capital status. Only rows that change count.
 */
async function updateFromSimplemaps(manager: EntityManager): Promise<number> {
  const changed: unknown = await manager.query(`
    UPDATE municipality m SET
        population = COALESCE(m.population, s.population),
        latitude = s.latitude, longitude = s.longitude,
        region = COALESCE(m.region, s.region),
        is_capital = m.is_capital OR s.is_national_capital,
        version = m.version + 1, updated_at = now()
      FROM import_match x JOIN import_city s ON s.line = x.line
     WHERE m.id = x.municipality_id
       AND ((m.population IS NULL AND s.population IS NOT NULL)
         OR m.latitude IS DISTINCT FROM s.latitude OR m.longitude IS DISTINCT FROM s.longitude
         OR (m.region IS NULL AND s.region IS NOT NULL)
         OR (NOT m.is_capital AND s.is_national_capital))`);
  return updatedRows(changed);
}

/** GeoNames: the id where none is stored and no other municipality has it; region where none is known. */
async function updateFromGeonames(manager: EntityManager): Promise<{ updated: number; taken: number }> {
  const [{ taken }]: Array<{ taken: number }> = await manager.query(`
    SELECT count(*)::int AS taken FROM import_match x JOIN import_city s ON s.line = x.line
      JOIN municipality m ON m.id = x.municipality_id
     WHERE m.geonames_id IS NULL AND EXISTS (SELECT 1 FROM municipality o WHERE o.geonames_id = s.geonames_id)`);
  const changed: unknown = await manager.query(`
    UPDATE municipality m SET
        geonames_id = CASE WHEN m.geonames_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM municipality o WHERE o.geonames_id = s.geonames_id) THEN s.geonames_id
          ELSE m.geonames_id END,
        region = COALESCE(m.region, s.region),
        version = m.version + 1, updated_at = now()
      FROM import_match x JOIN import_city s ON s.line = x.line
     WHERE m.id = x.municipality_id
       AND ((m.geonames_id IS NULL AND NOT EXISTS (SELECT 1 FROM municipality o WHERE o.geonames_id = s.geonames_id))
         OR (m.region IS NULL AND s.region IS NOT NULL))`);
  return { updated: updatedRows(changed), taken };
}

async function citeMatched(manager: EntityManager, sourceId: string): Promise<number> {
  const cited: unknown[] = await manager.query(
    `INSERT INTO citation (source_id, municipality_id, note)
     SELECT $1, x.municipality_id, 'line ' || x.line FROM import_match x
     ON CONFLICT (municipality_id, source_id) WHERE municipality_id IS NOT NULL DO NOTHING RETURNING 1`,
    [sourceId],
  );
  return cited.length;
}

/** Stages the table, matches it and applies it, inside the caller's transaction. */
async function enrich(
  manager: EntityManager,
  table: CityTable,
  file: string,
  source: DatasetSource,
  run: { rejected: Rejection[]; progress: Progress },
) {
  const sourcesAdded = await ensureSource(manager, source);
  await createStaging(manager);
  for await (const batch of inBatches(readCsv(file, table.columns), 5000)) {
    const staged: CityRow[] = [];
    for (const parsed of batch.map((record) => table.parse(record))) {
      if ('rejected' in parsed) run.rejected.push({ line: parsed.line, reason: parsed.rejected });
      else staged.push(parsed);
    }
    await stageRows(manager, staged);
    run.progress.advance(batch.length);
  }
  await matchStaged(manager);
  const summary = await summarizeMatches(manager);
  const { updated, taken } =
    table.kind === 'simplemaps'
      ? { updated: await updateFromSimplemaps(manager), taken: 0 }
      : await updateFromGeonames(manager);
  const citationsAdded = await citeMatched(manager, source.id);
  return { summary, updated, taken, citationsAdded, sourcesAdded };
}

/**
 * Enriches the register's municipalities from a city table. The file is checked whole first;
 * then it is staged and applied in one transaction, so a run stopped midway changes nothing
 * and a rerun does it all. Municipalities are never created from a city table.
 */
export async function importCityTable(
  dataSource: DataSource,
  table: CityTable,
  file: string,
  options: CityTableOptions = {},
): Promise<CityTableReport> {
  const started = Date.now();
  const rows = await checkCsv(file, table.columns);
  await fillMatchKeys(dataSource);
  const source = table.kind === 'simplemaps' ? DATASET_SOURCES.simplemaps : DATASET_SOURCES.geonames;
  const rejected: Rejection[] = [];
  const progress = startProgress(table.kind, rows, options.progress);
  const outcome = await dataSource.transaction(async (manager) => {
    try {
      return await enrich(manager, table, file, source, { rejected, progress });
    } finally {
      progress.stop();
    }
  });
  const { summary, updated, taken, citationsAdded, sourcesAdded } = outcome;
  return {
    kind: table.kind,
    file,
    rowsRead: rows,
    municipalities: {
      matched: summary.matched,
      updated,
      notInTable: summary.notInTable,
      ambiguous: summary.ambiguous.length,
    },
    ambiguous: summary.ambiguous,
    geonamesIdsTaken: taken,
    citationsAdded,
    rowsRejected: rejected.length,
    rejected,
    nothingNew: updated + citationsAdded + sourcesAdded === 0,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}
