import { DataSource } from 'typeorm';
import { createDataSource } from '../src/open-database';
import { countStatements } from '../src/database/statement-counter';
import { Services } from '../src/services';
import { createTestDatabase, testDatabaseKind, TestDatabase } from './helpers/database';

/**
 * Loaders' key lookups go to server PostgreSQL as named prepared statements (parsed once per
 * connection), counted like any other; other reads, and every read on the embedded
 * database, go unprepared.
 */
let database: TestDatabase;
let single: DataSource;
beforeAll(async () => {
  database = await createTestDatabase({ seeded: true });
  // One connection, so that what it has prepared can be read back on it.
  single = createDataSource({ url: database.url, poolSize: 1 });
  await single.initialize();
});
afterAll(async () => {
  await single?.destroy();
  await database?.drop();
});

const SLUGS = 'SELECT slug FROM municipality WHERE country_code = $1 ORDER BY slug';
const prepared = async () =>
  (await single.query(`SELECT name, statement FROM pg_prepared_statements ORDER BY name`)) as Array<{
    name: string;
    statement: string;
  }>;
const onServer = testDatabaseKind() === 'server' ? it : it.skip;

it('answers as an unprepared statement would, and counts every statement', async () => {
  const services = new Services(single, testDatabaseKind());
  const { result, tally } = await countStatements(async () => [
    await services.sendRead(SLUGS, ['RU'], true),
    await services.sendRead(SLUGS, ['IR'], true),
  ]);
  expect(result).toEqual([[{ slug: 'moscow' }, { slug: 'saint-petersburg' }], [{ slug: 'tehran' }]]);
  expect(tally.statements).toBe(2);
});

onServer('prepares a text once per connection on server PostgreSQL, and only when asked', async () => {
  const services = new Services(single, 'server');
  await services.sendRead(SLUGS, ['RU'], true);
  await services.sendRead(SLUGS, ['IR'], true);
  const unprepared = `${SLUGS} LIMIT $2`;
  await services.sendRead(unprepared, ['RU', 1], false);
  const statements = await prepared();
  expect(statements.filter((row) => row.statement === SLUGS)).toHaveLength(1);
  expect(statements.find((row) => row.statement === SLUGS)!.name).toMatch(/^read_[0-9a-f]{20}$/);
  expect(statements.filter((row) => row.statement === unprepared)).toEqual([]);
});

it('never prepares on the embedded database', async () => {
  const services = new Services(single, 'embedded');
  const text = `${SLUGS} LIMIT $2 OFFSET 0`;
  expect(await services.sendRead(text, ['RU', 1], true)).toEqual([{ slug: 'moscow' }]);
  expect((await prepared()).filter((row) => row.statement === text)).toEqual([]);
});

onServer('answers again after another process changes a table under a prepared SELECT *', async () => {
  const services = new Services(single, 'server');
  await single.query('CREATE TABLE prepared_probe (id integer)');
  await single.query('INSERT INTO prepared_probe VALUES (1)');
  const text = 'SELECT * FROM prepared_probe ORDER BY id';
  expect(await services.sendRead(text, [], true)).toEqual([{ id: 1 }]);
  // What a migration run by another replica does: the prepared plan's result type is stale.
  await database.dataSource.query('ALTER TABLE prepared_probe ADD COLUMN note text');
  expect(await services.sendRead(text, [], true)).toEqual([{ id: 1, note: null }]);
  expect(await services.sendRead(text, [], true)).toEqual([{ id: 1, note: null }]);
});

onServer('prepares nothing with DATABASE_PREPARED_STATEMENTS off (for a transaction pooler)', async () => {
  const services = new Services(single, 'server', { prepareStatements: false });
  const text = `${SLUGS} LIMIT $2 OFFSET 1`;
  expect(await services.sendRead(text, ['RU', 1], true)).toEqual([{ slug: 'saint-petersburg' }]);
  expect((await prepared()).filter((row) => row.statement === text)).toEqual([]);
});
