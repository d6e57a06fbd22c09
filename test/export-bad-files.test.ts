import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportRegister } from '../src/export/export-register';
import { REGISTER_TABLES } from '../src/export/register-format';
import { importRegister, RegisterFileError } from '../src/import/register/import-register';
import { createTestDatabase, TestDatabase } from './helpers/database';

/**
 * Files the import must refuse before writing anything: each test hands one to an empty
 * database and checks the message and that every register table is still empty.
 */
let seeded: TestDatabase;
let empty: TestDatabase;
let directory: string;
let exportText: string;

beforeAll(async () => {
  [seeded, empty] = await Promise.all([createTestDatabase({ seeded: true }), createTestDatabase()]);
  directory = await mkdtemp(path.join(tmpdir(), 'register-bad-'));
  await exportRegister(seeded.dataSource, path.join(directory, 'good.json'));
  exportText = await readFile(path.join(directory, 'good.json'), 'utf8');
});
afterAll(async () => {
  await Promise.all([seeded.drop(), empty.drop()]);
  await rm(directory, { recursive: true, force: true });
});

async function rowsInRegister(): Promise<number> {
  const [row] = await empty.dataSource.query(
    `SELECT ${REGISTER_TABLES.map((table) => `(SELECT count(*) FROM ${table})`).join(' + ')} AS total`,
  );
  return Number(row.total);
}

/** Imports `content` into the empty database; returns the error, having checked nothing was written. */
async function refusal(content: string | Buffer): Promise<Error> {
  const file = path.join(directory, 'bad.json');
  await writeFile(file, content);
  const error = await importRegister(empty.dataSource, file).then(
    () => undefined,
    (caught: Error) => caught,
  );
  expect(error).toBeInstanceOf(RegisterFileError);
  expect(await rowsInRegister()).toBe(0);
  return error!;
}

/** The good export with its line `index` (0-based; negative counts from the end) replaced. */
function withLine(index: number, replace: (line: string) => string): string {
  const lines = exportText.split('\n');
  const at = index < 0 ? lines.length + index : index;
  lines[at] = replace(lines[at]);
  return lines.join('\n');
}

describe('import of a register file that is not a good export', () => {
  it('refuses a file whose format field names another format', async () => {
    const error = await refusal(withLine(0, (line) => line.replace('municipal-diplomacy-register', 'twin-cities')));
    expect(error.message).toBe(
      'line 1: the format field is "twin-cities", expected "municipal-diplomacy-register": ' +
        'this is not a register export',
    );
  });

  it('refuses JSON without a format field, and a format version it does not know', async () => {
    expect((await refusal('{"municipalities": []}')).message).toBe(
      'the header: the format field is null, expected "municipal-diplomacy-register": this is not a register export',
    );
    expect((await refusal(withLine(0, (line) => line.replace('"formatVersion":1', '"formatVersion":2')))).message).toBe(
      'line 1: formatVersion 2 is not supported (this version reads 1)',
    );
  });

  it('refuses a file that is not JSON', async () => {
    const error = await refusal('id,name\n1,Tehran\n');
    expect(error.message).toMatch(/^\/.*\/bad\.json is not JSON \(Unexpected token/);
  });

  it('refuses a record that is not JSON, even on the last line, before writing the first', async () => {
    const line = exportText.split('\n').length - 3;
    const error = await refusal(withLine(-4, (text) => text.slice(0, 40)));
    expect(error.message).toMatch(new RegExp(`^line ${line}: not JSON \\(`));
  });

  it('refuses a field the table does not have, naming it', async () => {
    // Line 4 holds the second cooperation area.
    const error = await refusal(withLine(3, (text) => text.replace('{"id":', '{"colour":"red","id":')));
    expect(error.message).toMatch(
      /^line 4 \(cooperationAreas\): unknown field "colour" \(a cooperation_area record has id, slug, parentId, labels,/,
    );
  });

  it('refuses a file cut short, an empty file and bytes that are not UTF-8', async () => {
    expect((await refusal(exportText.slice(0, exportText.indexOf('"persons":[')))).message).toMatch(
      /^the file ends at line \d+ before the export does: it was cut short$/,
    );
    expect((await refusal('')).message).toMatch(/bad\.json is empty: expected a register export/);
    const lines = exportText.split('\n');
    const latin1 = Buffer.concat([
      Buffer.from(`${lines.slice(0, 3).join('\n')}\n`),
      Buffer.from(withLine(3, (text) => text.replace('"Economic', '"\u00c9conomic')).split('\n')[3], 'latin1'),
      Buffer.from(`\n${lines.slice(4).join('\n')}`),
    ]);
    expect((await refusal(latin1)).message).toBe('line 4: not UTF-8 (the file must be UTF-8)');
  });

  it('refuses sections out of order', async () => {
    const swapped =
      '{"format":"municipal-diplomacy-register","formatVersion":1,\n"persons":[],\n"municipalities":[]\n}\n';
    expect((await refusal(swapped)).message).toBe(
      'line 3: section "municipalities" repeated or out of order ' +
        '(the order is cooperationAreas, municipalities, organizations, persons, personPositions, mayoralTerms, ' +
        'delegations, visits, agreements, agreementImplementations, sources, citations)',
    );
  });

  it('names a file that is not there', async () => {
    const error = await importRegister(empty.dataSource, path.join(directory, 'missing.json')).catch(
      (caught: Error) => caught,
    );
    expect((error as Error).message).toBe(
      `cannot read ${path.join(directory, 'missing.json')}: no such file, or not readable`,
    );
  });
});
