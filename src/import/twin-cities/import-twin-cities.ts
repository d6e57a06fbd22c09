import { DataSource, EntityManager } from 'typeorm';
import { inBatches } from '../batches';
import { checkCsv, CsvRecord, readCsv } from '../csv-file';
import { displayName } from '../folding';
import { fillMatchKeys } from '../match-keys';
import { startProgress } from '../progress';
import { Rejection, TwinCitiesReport } from '../report';
import { citeMunicipalities, DATASET_SOURCES, ensureSource } from '../sources';
import { resolveMunicipalities } from './municipalities';
import { cityKeys, parsePair, PlaceSpec, qualifierKeys, TWIN_CITY_COLUMNS } from './pair';
import { PactCounts, recordPacts, ResolvedPair } from './pacts';

export interface ImportOptions {
  /** Rows per transaction. */
  batchSize?: number;
  progress?: boolean;
  /** Called after each batch commits, with the rows done so far (progress for embedders; tests stop a run here). */
  onBatchCommitted?: (rowsDone: number) => void;
}

const SOURCE = DATASET_SOURCES.twinCities;

/**
 * Which bracket qualifiers name a city: "Sokolniki (Moscow)" is a district of Moscow because
 * Moscow is itself a city of the list (or of the register); "Halle (Saale)" is a town's whole
 * name, since no city is called Saale. Two reads of the file, keeping only the qualifiers;
 * the first also checks the whole file before anything is written.
 */
async function scanFile(file: string): Promise<{ rows: number; qualifiers: Set<string>; parents: Set<string> }> {
  const qualifiers = new Set<string>();
  const rows = await checkCsv(file, TWIN_CITY_COLUMNS, (record) =>
    qualifierKeys(record).forEach((key) => qualifiers.add(key)),
  );
  const parents = new Set<string>();
  await checkCsv(file, TWIN_CITY_COLUMNS, (record) => {
    for (const key of cityKeys(record)) if (qualifiers.has(key)) parents.add(key);
  });
  return { rows, qualifiers, parents };
}

async function addRegisteredParents(
  dataSource: DataSource,
  qualifiers: Set<string>,
  parents: Set<string>,
): Promise<void> {
  const registered: Array<{ match_key: string }> = await dataSource.query(
    'SELECT DISTINCT match_key FROM municipality WHERE match_key = ANY($1::text[])',
    [[...qualifiers]],
  );
  registered.forEach((row) => parents.add(row.match_key));
}

/** Everything a batch names: both sides of each row, and the cities its districts are part of. */
function placesOf(sides: PlaceSpec[]): PlaceSpec[] {
  const parents = sides
    .filter((spec) => spec.parentKey && spec.parentName)
    .map((spec): PlaceSpec => ({
      key: spec.parentKey!,
      name: displayName(spec.parentName!, spec.countryCode),
      countryCode: spec.countryCode,
      region: null,
      latitude: null,
      longitude: null,
      parentKey: null,
      parentName: null,
    }));
  return [...parents, ...sides];
}

function listedAs(record: CsvRecord): string {
  const f = record.fields;
  return `${f.city1} (${f.country1}) – ${f.city2} (${f.country2})`;
}

/** What a run has done so far, added to batch by batch. */
interface RunState {
  runStartedAt: Date;
  parents: ReadonlySet<string>;
  rejected: Rejection[];
  pacts: PactCounts;
  /** Ids of the municipalities the file named that were there before the run. */
  matched: Set<string>;
  created: number;
  completed: number;
}

/** One batch of rows, in one transaction: municipalities first, then the pacts between them. */
async function importBatch(manager: EntityManager, batch: CsvRecord[], state: RunState): Promise<void> {
  const accepted: Array<{ record: CsvRecord; sides: [PlaceSpec, PlaceSpec] }> = [];
  for (const record of batch) {
    const pair = parsePair(record, state.parents);
    if ('sides' in pair) accepted.push({ record, sides: pair.sides });
    else state.rejected.push({ line: record.line, reason: pair.rejected });
  }
  const municipalities = await resolveMunicipalities(
    manager,
    placesOf(accepted.flatMap((row) => row.sides)),
    state.runStartedAt,
  );
  const resolved: ResolvedPair[] = [];
  for (const { record, sides } of accepted) {
    const ambiguous = sides.find((spec) => municipalities.ambiguous.has(spec.key));
    if (ambiguous) {
      state.rejected.push({
        line: record.line,
        reason:
          `ambiguous: ${municipalities.ambiguous.get(ambiguous.key)} ` +
          `municipalities in the register are named "${ambiguous.name}" in ${ambiguous.countryCode}`,
      });
      continue;
    }
    const [a, b] = sides.map((spec) => ({ id: municipalities.ids.get(spec.key)!, name: spec.name }));
    resolved.push({ line: record.line, first: a, second: b, listedAs: listedAs(record) });
  }
  const counts = await recordPacts(manager, resolved, SOURCE.id, state.runStartedAt);
  const cited = await citeMunicipalities(manager, SOURCE.id, [...municipalities.ids.values()]);
  for (const key of Object.keys(counts) as Array<keyof PactCounts>) state.pacts[key] += counts[key];
  state.pacts.citationsAdded += cited;
  state.created += municipalities.created;
  state.completed += municipalities.completed;
  municipalities.preexisting.forEach((id) => state.matched.add(id));
}

/**
 * Imports the twin-town list: checks the whole file first (nothing is written for a bad
 * file), then commits it batch by batch, so a run stopped midway leaves whole batches and a
 * second run completes it. Every step matches before it creates, so reruns add nothing.
 */
export async function importTwinCities(
  dataSource: DataSource,
  file: string,
  options: ImportOptions = {},
): Promise<TwinCitiesReport> {
  const started = Date.now();
  const { rows, qualifiers, parents } = await scanFile(file);
  await fillMatchKeys(dataSource);
  await addRegisteredParents(dataSource, qualifiers, parents);
  const sourcesAdded = await ensureSource(dataSource.manager, SOURCE);
  const [{ now: runStartedAt }]: Array<{ now: Date }> = await dataSource.query('SELECT clock_timestamp() AS now');
  const state: RunState = {
    runStartedAt,
    parents,
    rejected: [],
    matched: new Set(),
    created: 0,
    completed: 0,
    pacts: { created: 0, merged: 0, alreadyPresent: 0, citationsAdded: 0 },
  };
  const progress = startProgress('twin-cities', rows, options.progress);
  let rowsDone = 0;
  try {
    for await (const batch of inBatches(readCsv(file, TWIN_CITY_COLUMNS), options.batchSize ?? 2000)) {
      await dataSource.transaction((manager) => importBatch(manager, batch, state));
      progress.advance(batch.length);
      rowsDone += batch.length;
      options.onBatchCommitted?.(rowsDone);
    }
  } finally {
    progress.stop();
  }
  const { created, completed, pacts, rejected } = state;
  rejected.sort((a, b) => a.line - b.line);
  return {
    kind: 'twin-cities',
    file,
    rowsRead: rows,
    municipalities: { created, matched: state.matched.size, completed },
    pacts: { created: pacts.created, merged: pacts.merged, alreadyPresent: pacts.alreadyPresent },
    citationsAdded: pacts.citationsAdded,
    rowsRejected: rejected.length,
    rejected,
    nothingNew: created + completed + pacts.created + pacts.citationsAdded + sourcesAdded === 0,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}
