import { countStatements } from '../src/database/statement-counter';
import { combine, ReadWaves } from '../src/database/read-waves';
import { createTestDatabase, TestDatabase } from './helpers/database';

/**
 * The request's reads go to PostgreSQL a wave at a time: what is asked for in one turn of the
 * event loop is one statement, and each caller still gets its own rows, in its own order.
 */
describe('read waves', () => {
  let database: TestDatabase;
  beforeAll(async () => (database = await createTestDatabase({ seeded: true })));
  afterAll(() => database?.drop());

  it("renumbers each part's placeholders after the parts before it", () => {
    const { sql, params } = combine([
      { sql: 'SELECT $1::int AS a, $2::text AS b', params: [1, 'x'] },
      { sql: 'SELECT $1::int AS a WHERE $1 > 0', params: [2] },
    ]);
    expect(params).toEqual([1, 'x', 2]);
    expect(sql).toContain('FROM (SELECT $1::int AS a, $2::text AS b) AS wave_row) AS part0');
    expect(sql).toContain('FROM (SELECT $3::int AS a WHERE $3 > 0) AS wave_row) AS part1');
  });

  it('leaves $n inside string literals alone', async () => {
    const waves = new ReadWaves(database.dataSource.manager);
    const rows = await Promise.all([
      waves.query('SELECT $1::int AS n', [7]),
      waves.query(`SELECT '$1 off, it''s $2' AS text, $1::text AS value`, ['kept']),
    ]);
    expect(rows).toEqual([[{ n: 7 }], [{ text: "$1 off, it's $2", value: 'kept' }]]);
  });

  it('answers reads asked for together with one statement, each with its own rows in order', async () => {
    const waves = new ReadWaves(database.dataSource.manager);
    const { result, tally } = await countStatements(() =>
      Promise.all([
        waves.query('SELECT slug FROM municipality WHERE country_code = $1 ORDER BY slug DESC', ['RU']),
        waves.query('SELECT n FROM generate_series(1, $1::int) n ORDER BY n DESC', [3]),
        waves.query('SELECT slug FROM municipality WHERE slug = $1', ['atlantis']),
      ]),
    );
    expect(tally.statements).toBe(1);
    expect(result).toEqual([[{ slug: 'saint-petersburg' }, { slug: 'moscow' }], [{ n: 3 }, { n: 2 }, { n: 1 }], []]);
  });

  it('sends a read asked for alone as written, and later reads as a new wave', async () => {
    const waves = new ReadWaves(database.dataSource.manager);
    const { result, tally } = await countStatements(async () => {
      const [first] = await waves.query<{ seq: string }>('SELECT 9007199254740993::bigint AS seq', []);
      const [second] = await waves.query<{ n: number }>('SELECT 2 AS n', []);
      return [first, second];
    }, true);
    expect(tally.statements).toBe(2);
    expect(tally.log).toEqual(['SELECT 9007199254740993::bigint AS seq', 'SELECT 2 AS n']);
    // Alone, pg keeps a bigint whole as text.
    expect(result).toEqual([{ seq: '9007199254740993' }, { n: 2 }]);
  });

  it('fails only the read whose statement fails: the others of its wave get their rows', async () => {
    const waves = new ReadWaves(database.dataSource.manager);
    const { result: settled, tally } = await countStatements(() =>
      Promise.allSettled([
        waves.query('SELECT 1 AS n', []),
        waves.query('SELECT 1 / $1::int AS n', [0]),
        waves.query("SELECT 'x'::text AS s", []),
      ]),
    );
    expect(settled.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[0] as PromiseFulfilledResult<unknown>).value).toEqual([{ n: 1 }]);
    expect(String((settled[1] as PromiseRejectedResult).reason)).toMatch(/division by zero/);
    // The combined statement, then each part alone.
    expect(tally.statements).toBe(4);
    await expect(waves.query('SELECT 3 AS n', [])).resolves.toEqual([{ n: 3 }]);
  });
});
