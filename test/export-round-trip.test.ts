import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { SEED } from '../src/database/seed';
import { exportRegister } from '../src/export/export-register';
import { REGISTER_TABLES } from '../src/export/register-format';
import { importRegister } from '../src/import/register/import-register';
import { createTestDatabase, TestDatabase } from './helpers/database';

/**
 * The register's JSON export read back: seeded database -> export -> import into an empty
 * database -> export again. The tests run in order and share the databases and files.
 */
const DISTRICT = '00000000-0000-4000-8000-000000000012';
const SUBAREA = '00000000-0000-4000-8000-0000000000a1';

/** Seed rows per table, plus the district and the area added below. */
const ROWS: Record<string, number> = {
  cooperation_area: 20,
  municipality: 4,
  organization: 1,
  person: 3,
  person_position: 1,
  mayoral_term: 2,
  delegation: 2,
  delegation_member: 3,
  visit: 2,
  visit_counterpart: 1,
  visit_subject_agreement: 0,
  visit_subject_municipality: 0,
  visit_area: 2,
  agreement: 3,
  agreement_party: 6,
  agreement_area: 18,
  agreement_signatory: 2,
  agreement_status_change: 4,
  committee: 2,
  agreement_implementation: 1,
  source: 2,
  citation: 26,
};
const TOTAL = 105;

let source: TestDatabase;
let target: TestDatabase;
let directory: string;
const file = (name: string) => path.join(directory, name);

beforeAll(async () => {
  [source, target] = await Promise.all([createTestDatabase({ seeded: true }), createTestDatabase()]);
  directory = await mkdtemp(path.join(tmpdir(), 'register-export-'));
  // Ids that sort before their parents': the import meets each before the row it points to.
  await source.dataSource.query(
    `INSERT INTO municipality (id, slug, names, sort_name, country_code, part_of_id)
     VALUES ($1, 'district-12-tehran', '{"en": "District 12", "fa": "منطقه ۱۲"}', 'District 12', 'IR', $2)`,
    [DISTRICT, SEED.municipality.tehran],
  );
  await source.dataSource.query(
    `INSERT INTO cooperation_area (id, slug, parent_id, labels, sort_name)
     VALUES ($1, 'port-logistics', $2, '{"en": "Port logistics"}', 'Port logistics')`,
    [SUBAREA, SEED.cooperationArea.trade],
  );
});
afterAll(async () => {
  await Promise.all([source.drop(), target.drop()]);
  await rm(directory, { recursive: true, force: true });
});

/**
 * A digest of every row of every register table, every column included (timestamps, the
 * generated term) but the history's recording counter: the import numbers history anew, in
 * the same order within each agreement (checked separately).
 */
async function checksums(dataSource: DataSource): Promise<Record<string, string>> {
  const [row] = await dataSource.query(
    `SELECT ${REGISTER_TABLES.map(
      (table) =>
        `(SELECT md5(coalesce(string_agg((to_jsonb(t) - 'seq')::text, ',' ORDER BY (to_jsonb(t) - 'seq')::text), ''))
        FROM ${table} t) AS ${table}`,
    ).join(', ')}`,
  );
  return row;
}

async function historyOrder(dataSource: DataSource): Promise<unknown[]> {
  return dataSource.query(`SELECT agreement_id, array_agg(id ORDER BY seq) AS entries
    FROM agreement_status_change GROUP BY agreement_id ORDER BY agreement_id`);
}

async function readExport(name: string): Promise<Record<string, unknown>> {
  const { exportedAt, ...rest } = JSON.parse(await readFile(file(name), 'utf8'));
  expect(Date.parse(exportedAt)).not.toBeNaN();
  return rest;
}

function counts(change: (table: string, rows: number) => Record<string, number>) {
  return Object.fromEntries(Object.entries(ROWS).map(([table, rows]) => [table, change(table, rows)]));
}

describe('JSON export and import', () => {
  it('writes every table of the register, children inside their records', async () => {
    const summary = await exportRegister(source.dataSource, file('first.json'));
    expect(summary).toEqual({ file: file('first.json'), format: 'json', counts: ROWS });
    const exported = await readExport('first.json');
    expect(Object.keys(exported)).toEqual([
      'format',
      'formatVersion',
      'cooperationAreas',
      'municipalities',
      'organizations',
      'persons',
      'personPositions',
      'mayoralTerms',
      'delegations',
      'visits',
      'agreements',
      'agreementImplementations',
      'sources',
      'citations',
    ]);
    expect(exported.format).toBe('municipal-diplomacy-register');
    const agreements = exported.agreements as Record<string, unknown>[];
    const memorandum = agreements.find((agreement) => agreement.id === SEED.agreement.moscowMemorandum)!;
    expect(memorandum).toMatchObject({
      kind: 'MEMORANDUM_OF_UNDERSTANDING',
      status: 'SIGNED',
      signedOn: '2015-11-18',
      signedOnPrecision: 'DAY',
      parties: [{ municipalityId: SEED.municipality.tehran }, { municipalityId: SEED.municipality.moscow }],
      statusHistory: [
        expect.objectContaining({ id: SEED.agreementStatusChange.moscowMemorandumProposed, status: 'PROPOSED' }),
        expect.objectContaining({ id: SEED.agreementStatusChange.moscowMemorandumSigned, status: 'SIGNED' }),
      ],
    });
    expect(memorandum).not.toHaveProperty('seq');
    // One record a line: the import reads it a line at a time.
    const lines = (await readFile(file('first.json'), 'utf8')).split('\n');
    // The header, then per section an opening line, its records and a closing line, then '}'.
    const records = Object.values(exported)
      .filter(Array.isArray)
      .reduce((sum, list) => sum + list.length, 0);
    expect(records).toBe(67);
    expect(lines).toHaveLength(1 + 12 * 2 + records + 1 + 1);
    expect(lines[1]).toBe('"cooperationAreas":[');
    const lastCitation = (exported.citations as { createdAt: string }[]).at(-1)!;
    expect(lines.slice(-4)).toEqual([
      `{"id":"${SEED.citation.sputnik.cultureCommittee}","sourceId":"${SEED.source.sputnik}","agreementId":null,` +
        '"visitId":null,"delegationId":null,"municipalityId":null,"personId":null,"mayoralTermId":null,' +
        `"organizationId":null,"committeeId":"${SEED.committee.culture}",` +
        `"note":"Specialized committees will start work on culture.","createdAt":"${lastCitation.createdAt}",` +
        // A column a later migration adds comes last, in table order.
        '"personPositionId":null,"confidence":null,"confidenceNote":null}',
      ']',
      '}',
      '',
    ]);
  });

  it('imports into an empty database, creating every row', async () => {
    const report = await importRegister(target.dataSource, file('first.json'));
    expect(report).toMatchObject({
      kind: 'json',
      format: 'municipal-diplomacy-register',
      formatVersion: 1,
      read: TOTAL,
      created: TOTAL,
      updated: 0,
      unchanged: 0,
      changed: true,
      tables: counts((_table, rows) => ({ read: rows, created: rows, updated: 0, unchanged: 0 })),
    });
  });

  it('gives an equal register: the same rows, and an export deep-equal to the first', async () => {
    expect(await checksums(target.dataSource)).toEqual(await checksums(source.dataSource));
    expect(await historyOrder(target.dataSource)).toEqual(await historyOrder(source.dataSource));
    await exportRegister(target.dataSource, file('second.json'));
    expect(await readExport('second.json')).toEqual(await readExport('first.json'));
    const [district] = await target.dataSource.query('SELECT part_of_id FROM municipality WHERE id = $1', [DISTRICT]);
    expect(district).toEqual({ part_of_id: SEED.municipality.tehran });
  });

  it('changes nothing when run again, and says so', async () => {
    const before = await checksums(target.dataSource);
    const report = await importRegister(target.dataSource, file('first.json'));
    expect(report).toMatchObject({
      read: TOTAL,
      created: 0,
      updated: 0,
      unchanged: TOTAL,
      changed: false,
      tables: counts((_table, rows) => ({ read: rows, created: 0, updated: 0, unchanged: rows })),
    });
    expect(await checksums(target.dataSource)).toEqual(before);
  });

  it('puts back a value changed since the export, and only that row', async () => {
    await target.dataSource.query('UPDATE municipality SET population = 42 WHERE id = $1', [SEED.municipality.tehran]);
    const report = await importRegister(target.dataSource, file('first.json'));
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: TOTAL - 1 });
    expect((report.tables as Record<string, unknown>).municipality).toEqual({
      read: 4,
      created: 0,
      updated: 1,
      unchanged: 3,
    });
    expect(await checksums(target.dataSource)).toEqual(await checksums(source.dataSource));
  });

  it('gives the same register when every record is a batch of its own (references to later records)', async () => {
    const single = await createTestDatabase();
    try {
      // The district comes first in its section, alone in its batch, before the city it is part of.
      const report = await importRegister(single.dataSource, file('first.json'), { batchSize: 1 });
      expect(report).toMatchObject({ read: TOTAL, created: TOTAL, updated: 0, unchanged: 0 });
      expect(await checksums(single.dataSource)).toEqual(await checksums(source.dataSource));
      expect(await historyOrder(single.dataSource)).toEqual(await historyOrder(source.dataSource));
    } finally {
      await single.drop();
    }
  });

  it('reads the same export laid out by another tool (pretty-printed JSON)', async () => {
    const pretty = await createTestDatabase();
    try {
      await writeFile(
        file('pretty.json'),
        JSON.stringify(JSON.parse(await readFile(file('first.json'), 'utf8')), null, 2),
      );
      const report = await importRegister(pretty.dataSource, file('pretty.json'));
      expect(report).toMatchObject({ read: TOTAL, created: TOTAL });
      expect(await checksums(pretty.dataSource)).toEqual(await checksums(source.dataSource));
    } finally {
      await pretty.drop();
    }
  });
});
