import pino from 'pino';
import { loadConfig } from '../src/config';
import { OpenedDatabase } from '../src/database';
import { createDataSource, openDatabase } from '../src/open-database';
import { statementName } from '../src/database/statement-name';
import { createTestDatabase, testDatabaseKind, TestDatabase } from './helpers/database';

/**
 * The database defends itself too: whatever PostgreSQL's own configuration says, every
 * connection the API opens carries a statement_timeout and a work_mem cap; the embedded
 * database, which cannot time a statement out, is bounded by size (work_mem, temp_file_limit).
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

async function settingsOfEveryConnection(opened: OpenedDatabase, names: string[], connections: number) {
  const runners = Array.from({ length: connections }, () => opened.dataSource.createQueryRunner());
  try {
    // Held at once, so that each is a connection of its own.
    await Promise.all(runners.map((runner) => runner.connect()));
    return await Promise.all(
      runners.map(async (runner) => {
        const rows: Array<{ name: string; setting: string }> = await runner.query(
          'SELECT name, current_setting(name) AS setting FROM unnest($1::text[]) AS name ORDER BY name',
          [names],
        );
        return Object.fromEntries(rows.map((row) => [row.name, row.setting]));
      }),
    );
  } finally {
    await Promise.all(runners.map((runner) => runner.release()));
  }
}

if (testDatabaseKind() === 'server') {
  test('every pooled connection to server PostgreSQL has the statement timeout and the work_mem cap', async () => {
    const config = loadConfig({
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '3',
      SEED_WHEN_EMPTY: 'false',
      STATEMENT_TIMEOUT_MS: '7000',
      DATABASE_WORK_MEM: '3MB',
    });
    const opened = await openDatabase(config);
    try {
      const settings = await settingsOfEveryConnection(opened, ['statement_timeout', 'work_mem'], 3);
      expect(settings).toEqual(Array(3).fill({ statement_timeout: '7s', work_mem: '3MB' }));
    } finally {
      await opened.close();
    }
  });
} else {
  test('the embedded database is bounded by size: work_mem and temp_file_limit', async () => {
    const settings = await database.dataSource.query(
      `SELECT current_setting('work_mem') AS work_mem, current_setting('temp_file_limit') AS temp_file_limit`,
    );
    expect(settings).toEqual([{ work_mem: '4MB', temp_file_limit: '1GB' }]);
  });
}

test('a statement slower than SLOW_STATEMENT_MS is logged with its name and duration', async () => {
  const logged: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
  const sql = 'SELECT pg_sleep(0.3) AS slept';
  if (testDatabaseKind() === 'server') {
    // Through openDatabase, as the server is wired.
    const opened = await openDatabase(
      loadConfig({ DATABASE_URL: database.url, SEED_WHEN_EMPTY: 'false', SLOW_STATEMENT_MS: '150' }),
      logger,
    );
    try {
      await opened.dataSource.query(sql);
      await opened.dataSource.query('SELECT 1 AS quick');
    } finally {
      await opened.close();
    }
  } else {
    // PGlite cannot start inside a test file; the same option on a data source of the test's database.
    const dataSource = createDataSource({
      url: database.url,
      poolSize: 1,
      slowStatementMs: 150,
      onSlowStatement: (milliseconds, text) =>
        logger.warn({ statement: statementName(text), durationMs: milliseconds }, 'slow statement'),
    });
    await dataSource.initialize();
    try {
      await dataSource.query(sql);
      await dataSource.query('SELECT 1 AS quick');
    } finally {
      await dataSource.destroy();
    }
  }
  // Only the two statements sent here are judged: opening the database sends others, which a
  // loaded machine may slow past the threshold too. 150 ms, as a SELECT 1 on a loaded machine
  // has taken over 20 ms.
  const ours = new Set([statementName(sql), statementName('SELECT 1 AS quick')]);
  const slow = logged.filter((line) => line.msg === 'slow statement' && ours.has(line.statement as string));
  expect(slow.map((line) => line.statement)).toEqual([statementName(sql)]);
  expect(slow[0].durationMs).toBeGreaterThanOrEqual(150);
});
