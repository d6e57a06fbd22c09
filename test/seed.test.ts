import { seedIfEmpty } from '../src/database';
import { seed } from '../src/database/seed';
import { createTestDatabase, TestDatabase } from './helpers/database';

/**
 * The founding story's seed on a migrated database that holds no data: the first run inserts
 * every row, a second run inserts none and changes nothing. The tests run in order on one
 * database.
 */
const ROWS_PER_TABLE: Record<string, number> = {
  cooperation_area: 19,
  municipality: 3,
  organization: 1,
  person: 3,
  person_position: 1,
  mayoral_term: 2,
  delegation: 2,
  delegation_member: 3,
  visit: 2,
  visit_counterpart: 1,
  visit_area: 2,
  agreement: 3,
  agreement_party: 6,
  agreement_area: 18,
  agreement_status_change: 4,
  agreement_implementation: 1,
  agreement_signatory: 2,
  committee: 2,
  source: 2,
  citation: 26,
};
const TOTAL_ROWS = 103;
const TABLES = Object.keys(ROWS_PER_TABLE);

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ state: 'migrated' });
});
afterAll(() => database.drop());

const runSeed = () => database.dataSource.transaction((manager) => seed(manager));

/** SELECT count(*) of every seeded table, in one statement. */
async function counts(): Promise<Record<string, number>> {
  const [row] = await database.dataSource.query(
    `SELECT ${TABLES.map((table) => `(SELECT count(*) FROM ${table})::int AS ${table}`).join(', ')}`,
  );
  return row;
}

/**
 * A digest of every column of every row, timestamps and generated columns included, so that
 * a run which rewrote a row (not only one that added or removed one) would change it.
 */
async function checksums(): Promise<Record<string, string>> {
  const [row] = await database.dataSource.query(
    `SELECT ${TABLES.map(
      (table) => `(SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM ${table} t) AS ${table}`,
    ).join(', ')}`,
  );
  return row;
}

describe('seed', () => {
  it('starts from a migrated database with no rows', async () => {
    expect(await counts()).toEqual(Object.fromEntries(TABLES.map((table) => [table, 0])));
  });

  it('inserts the founding story on the first run: exactly these rows per table', async () => {
    expect(await runSeed()).toEqual({ inserted: TOTAL_ROWS });
    expect(await counts()).toEqual(ROWS_PER_TABLE);
    expect(Object.values(ROWS_PER_TABLE).reduce((sum, count) => sum + count, 0)).toBe(TOTAL_ROWS);
  });

  it('leaves each agreement with the status of its latest history row', async () => {
    expect(
      await database.dataSource.query(`
      SELECT a.sort_name, a.status,
        (SELECT c.status FROM agreement_status_change c WHERE c.agreement_id = a.id ORDER BY c.seq DESC LIMIT 1) AS latest
      FROM agreement a ORDER BY a.sort_name`),
    ).toEqual([
      {
        sort_name: 'Memorandum of understanding between the municipalities of Tehran and Moscow',
        status: 'SIGNED',
        latest: 'SIGNED',
      },
      { sort_name: 'Tehran–Moscow sister-city pact', status: 'SIGNED', latest: 'SIGNED' },
      { sort_name: 'Tehran–Saint Petersburg cooperation document', status: 'SIGNED', latest: 'SIGNED' },
    ]);
  });

  it('inserts nothing and changes nothing on a second run', async () => {
    const before = await checksums();
    expect(await runSeed()).toEqual({ inserted: 0 });
    expect(await counts()).toEqual(ROWS_PER_TABLE);
    expect(await checksums()).toEqual(before);
    // The digest covers data, not just its absence: the seeded tables are not all empty strings.
    expect(Object.values(before).filter((digest) => digest === 'd41d8cd98f00b204e9800998ecf8427e')).toEqual([]);
  });

  it('seedIfEmpty loads nothing into a register that already holds municipalities', async () => {
    const before = await checksums();
    expect(await seedIfEmpty(database.dataSource)).toBe(0);
    expect(await counts()).toEqual(ROWS_PER_TABLE);
    expect(await checksums()).toEqual(before);
  });
});
