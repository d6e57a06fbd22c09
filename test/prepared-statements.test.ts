import { DataSource } from 'typeorm';
import { createDataSource } from '../src/database/data-source';
import { countStatements } from '../src/database/statement-counter';
import { Services } from '../src/services';
import { createTestDatabase, testDatabaseKind, TestDatabase } from './helpers/database';

/**
 * Loaders' statements go to server PostgreSQL as named prepared statements (parsed once per
 * connection), counted like any other; the embedded database gets them unprepared.
 */
let database: TestDatabase;
let single: DataSource;
beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  // One connection, so that what it has prepared can be read back on it.
  single = createDataSource({ url: database.url, poolSize: 1, customPlans: testDatabaseKind() === 'server' });
  await single.initialize();
});
afterAll(async () => {
  await single?.destroy();
  await database?.drop();
});

const SLUGS = 'SELECT slug FROM municipality WHERE country_code = $1 ORDER BY slug';
const prepared = async () => (await single.query(`SELECT name, statement FROM pg_prepared_statements ORDER BY name`)) as Array<{ name: string; statement: string }>;

it('answers as an unprepared statement would, and counts every statement', async () => {
  const services = new Services(single, testDatabaseKind());
  const { result, tally } = await countStatements(async () => [await services.sendRead(SLUGS, ['RU']), await services.sendRead(SLUGS, ['IR'])]);
  expect(result).toEqual([[{ slug: 'moscow' }, { slug: 'saint-petersburg' }], [{ slug: 'tehran' }]]);
  expect(tally.statements).toBe(2);
});

(testDatabaseKind() === 'server' ? it : it.skip)('prepares a text once per connection on server PostgreSQL, planned for its parameters', async () => {
  const services = new Services(single, 'server');
  await services.sendRead(SLUGS, ['RU']);
  await services.sendRead(SLUGS, ['IR']);
  const statements = (await prepared()).filter((row) => row.statement === SLUGS);
  expect(statements).toHaveLength(1);
  expect(statements[0].name).toMatch(/^read_[0-9a-f]{20}$/);
  expect((await single.query('SHOW plan_cache_mode'))[0].plan_cache_mode).toBe('force_custom_plan');
});

it('never prepares on the embedded database', async () => {
  const services = new Services(single, 'embedded');
  const text = `${SLUGS} LIMIT $2`;
  expect(await services.sendRead(text, ['RU', 1])).toEqual([{ slug: 'moscow' }]);
  expect((await prepared()).filter((row) => row.statement === text)).toEqual([]);
});

it('fails a statement with its error and keeps the connection', async () => {
  const services = new Services(single, testDatabaseKind());
  await expect(services.sendRead('SELECT 1 / $1::int AS n', [0])).rejects.toThrow(/division by zero/);
  expect(await services.sendRead('SELECT 1 / $1::int AS n', [1])).toEqual([{ n: 1 }]);
});
