import { ChildTable, columnName, fieldName, Section } from '../../export/register-format';
import { RegisterFileError } from './register-file';
import { Row } from './upsert';

/** A record of the file as rows of its tables: its own row, and its child rows by child name. */
export interface RecordRows {
  row: Row;
  children: Map<string, Row[]>;
  where: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks a record's shape against the database's columns and turns it into rows: every field
 * must name a column of its table (in the export's camelCase) or one of the section's child
 * lists, and every key must be a uuid. Values are left to PostgreSQL's own type checks.
 */
export function recordRows(
  section: Section,
  record: Record<string, unknown>,
  columns: Map<string, string[]>,
  where: string,
): RecordRows {
  const childrenByName = new Map((section.children ?? []).map((table) => [table.name, table]));
  const values: Record<string, unknown> = {};
  const children = new Map<string, Row[]>();
  for (const [field, value] of Object.entries(record)) {
    const childTable = childrenByName.get(field);
    if (childTable) children.set(field, childRows(childTable, value, columns, `${where}, ${field}`));
    else values[field] = value;
  }
  const row = toRow(section.table, values, columns.get(section.table)!, section.key, `${where} (${section.name})`);
  for (const [name, rows] of children) {
    const parentColumn = childrenByName.get(name)!.parentColumn;
    for (const child of rows) child[parentColumn] = row.id;
  }
  return { row, children, where };
}

function childRows(table: ChildTable, value: unknown, columns: Map<string, string[]>, where: string): Row[] {
  if (!Array.isArray(value)) throw new RegisterFileError(`${where}: must be a list`);
  const allowed = columns.get(table.table)!.filter((column) => column !== table.parentColumn);
  const key = table.key.filter((column) => column !== table.parentColumn);
  return value.map((child, index) => {
    if (typeof child !== 'object' || child === null || Array.isArray(child)) {
      throw new RegisterFileError(`${where}[${index}]: must be a JSON object`);
    }
    return toRow(table.table, child as Record<string, unknown>, allowed, key, `${where}[${index}]`);
  });
}

function toRow(
  table: string,
  values: Record<string, unknown>,
  allowed: readonly string[],
  key: readonly string[],
  where: string,
): Row {
  const row: Row = {};
  for (const [field, value] of Object.entries(values)) {
    const column = columnName(field);
    if (!allowed.includes(column) || fieldName(column) !== field) {
      throw new RegisterFileError(
        `${where}: unknown field "${field}" (a ${table} record has ` + `${allowed.map(fieldName).join(', ')})`,
      );
    }
    row[column] = value;
  }
  for (const column of key) {
    const value = row[column];
    if (typeof value !== 'string' || !UUID.test(value)) {
      throw new RegisterFileError(
        `${where}: field "${fieldName(column)}" must be a uuid (got ${JSON.stringify(value ?? null)})`,
      );
    }
    // Compared as text with the ids PostgreSQL gives back, which are lowercase.
    row[column] = value.toLowerCase();
  }
  return row;
}
