import path from 'node:path';
import { importTwinCities } from '../src/import/twin-cities/import-twin-cities';
import { createTestDatabase, TestDatabase } from './helpers/database';

/**
 * A run stopped between two batches (as a killed process leaves it: the batches committed
 * so far, nothing of the next) is completed by running the import again: the register ends
 * exactly as after one uninterrupted run.
 */
const SLICE = path.join(__dirname, 'fixtures/import/twin-cities-slice.csv');

let stopped: TestDatabase;
let whole: TestDatabase;
beforeAll(async () => {
  [stopped, whole] = await Promise.all([createTestDatabase({ seeded: true }), createTestDatabase({ seeded: true })]);
});
afterAll(async () => {
  await Promise.all([stopped?.drop(), whole?.drop()]);
});

/** The register by natural keys (ids differ between databases): cities, pacts and what cites them. */
const REGISTER = `SELECT
  (SELECT jsonb_agg(jsonb_build_array(slug, country_code, region, names, (SELECT slug FROM municipality p WHERE p.id = m.part_of_id)) ORDER BY slug)
     FROM municipality m) AS municipalities,
  (SELECT jsonb_agg(pact ORDER BY pact::text) FROM (
     SELECT jsonb_build_array(a.kind, a.status, (SELECT jsonb_agg(m.slug ORDER BY m.slug) FROM agreement_party p JOIN municipality m ON m.id = p.municipality_id WHERE p.agreement_id = a.id),
       (SELECT jsonb_agg(s.title ORDER BY s.title) FROM citation c JOIN source s ON s.id = c.source_id WHERE c.agreement_id = a.id)) AS pact
     FROM agreement a) pacts) AS pacts,
  (SELECT count(*)::int FROM citation) AS citations`;

test('a run stopped after two batches, run again, leaves the register of one whole run', async () => {
  const stop = new Error('stopped after two batches');
  await expect(
    importTwinCities(stopped.dataSource, SLICE, {
      progress: false,
      batchSize: 7,
      onBatchCommitted: (rows) => {
        if (rows >= 14) throw stop;
      },
    }),
  ).rejects.toBe(stop);
  const [{ citations: partial }] = await stopped.dataSource.query(REGISTER);

  const resumed = await importTwinCities(stopped.dataSource, SLICE, { progress: false, batchSize: 7 });
  const once = await importTwinCities(whole.dataSource, SLICE, { progress: false, batchSize: 7 });
  expect(partial).toBeGreaterThan(0);
  expect(partial).toBeLessThan((await whole.dataSource.query(REGISTER))[0].citations);
  // The second run only adds what the first had not reached.
  expect(resumed.pacts.created).toBeLessThan(once.pacts.created);
  expect(resumed.nothingNew).toBe(false);
  expect(await stopped.dataSource.query(REGISTER)).toEqual(await whole.dataSource.query(REGISTER));
  expect((await importTwinCities(stopped.dataSource, SLICE, { progress: false })).nothingNew).toBe(true);
});
