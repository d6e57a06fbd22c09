import { EntityManager } from 'typeorm';
import { OutputFile } from './output';
import { keysetPages } from './pages';
import {
  ChildTable,
  fieldName,
  REGISTER_FORMAT,
  REGISTER_FORMAT_VERSION,
  RegisterHeader,
  registerColumns,
  Section,
  SECTIONS,
} from './register-format';

type Row = Record<string, unknown>;

/**
 * Writes the whole register as JSON (see register-format.ts), one record a line: the file is
 * valid JSON for any tool, and the import can still read it a line at a time. Returns the
 * number of rows written per table.
 */
export async function writeRegisterJson(manager: EntityManager, output: OutputFile): Promise<Record<string, number>> {
  const columns = await registerColumns(manager);
  const counts: Record<string, number> = {};
  const header: RegisterHeader = {
    format: REGISTER_FORMAT,
    formatVersion: REGISTER_FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
  };
  const headerText = JSON.stringify(header);
  await output.write(`${headerText.slice(0, -1)},\n`);
  for (const [index, section] of SECTIONS.entries()) {
    await output.write(`${JSON.stringify(section.name)}:[`);
    // Set before the children count themselves, so the summary lists parents first.
    for (const table of [section, ...(section.children ?? [])]) counts[table.table] = 0;
    let written = 0;
    for await (const page of keysetPages(manager, section.table, columns.get(section.table)!, section.key)) {
      await attachChildren(manager, section, page, columns, counts);
      await output.write(page.map((row) => `${written++ === 0 ? '' : ','}\n${JSON.stringify(toRecord(row))}`).join(''));
    }
    counts[section.table] = written;
    await output.write(`${written === 0 ? '' : '\n'}]${index === SECTIONS.length - 1 ? '\n}\n' : ',\n'}`);
  }
  return counts;
}

/** Database row -> exported record: camelCase names at the top level only (names' keys are languages). */
function toRecord(row: Row): Row {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => [column.startsWith('$') ? column.slice(1) : fieldName(column), value]),
  );
}

/**
 * Loads every child table of a page of parents in one statement per table, and hangs the
 * rows on their parents under the child's name ('$' marks them as already named).
 */
async function attachChildren(
  manager: EntityManager,
  section: Section,
  page: Row[],
  columns: Map<string, string[]>,
  counts: Record<string, number>,
): Promise<void> {
  if (!section.children) return;
  const ids = page.map((row) => row.id);
  for (const table of section.children) {
    const rows = await childRows(manager, table, columns.get(table.table)!, ids);
    const byParent = new Map<unknown, Row[]>(page.map((row) => [row.id, []]));
    for (const row of rows) {
      const parent = row[table.parentColumn];
      delete row[table.parentColumn];
      byParent.get(parent)!.push(toRecord(row));
    }
    for (const row of page) row[`$${table.name}`] = byParent.get(row.id);
    counts[table.table] += rows.length;
  }
}

async function childRows(
  manager: EntityManager,
  table: ChildTable,
  columns: string[],
  parentIds: unknown[],
): Promise<Row[]> {
  const rows: { record: Row }[] = await manager.query(
    `SELECT row_to_json(r) AS record FROM (
       SELECT ${columns.join(', ')} FROM ${table.table}
        WHERE ${table.parentColumn} = ANY($1::uuid[]) ORDER BY ${table.parentColumn}, ${table.orderBy}) r`,
    [parentIds],
  );
  return rows.map((row) => row.record);
}
