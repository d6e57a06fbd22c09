import { EntityManager } from 'typeorm';

/**
 * The layout of the register's JSON export, shared by the writer (src/export) and the reader
 * (src/import/register), so the two cannot drift apart.
 *
 * The file is one JSON object: a header (`format`, `formatVersion`, `exportedAt`) and one array
 * per section below, in this order, which is foreign-key order: every record refers only to
 * records of earlier sections, or of its own section (a district's parent city, an area's
 * parent area). Join rows and an agreement's parties, history and committees travel inside
 * their parent record, so that an agreement and its parties are written in one transaction
 * (the schema checks an agreement's parties when that transaction commits).
 *
 * Field names are the columns' names in camelCase; values are PostgreSQL's own JSON forms
 * (dates 'YYYY-MM-DD' with a separate precision, timestamps with their offset). Generated
 * columns (`mayoral_term.term`) and the status history's recording counter (`seq`) are left
 * out: the history is listed in recording order instead, and importing it in that order
 * numbers it again.
 */
export const REGISTER_FORMAT = 'municipal-diplomacy-register';
export const REGISTER_FORMAT_VERSION = 1;

export interface RegisterHeader {
  format: typeof REGISTER_FORMAT;
  formatVersion: number;
  exportedAt: string;
}

/** Rows of a table that belong to one record of a section (an agreement's parties). */
export interface ChildTable {
  name: string;
  table: string;
  /** The column naming the parent record; left out of the exported child. */
  parentColumn: string;
  key: readonly string[];
  /** Order within one parent: recording order for history, otherwise the key. */
  orderBy: string;
  /** History rows are never rewritten (the schema refuses updates): import only adds them. */
  appendOnly?: boolean;
}

export interface Section {
  name: string;
  table: string;
  /** Primary key columns, all uuid: the export pages by them (keyset). */
  key: readonly string[];
  /** A column referring to a row of the same table, which may come later in the file. */
  selfReference?: string;
  children?: readonly ChildTable[];
}

function child(
  name: string,
  table: string,
  parentColumn: string,
  key: readonly string[],
  orderBy = key.join(', '),
): ChildTable {
  return { name, table, parentColumn, key, orderBy };
}

export const SECTIONS: readonly Section[] = [
  { name: 'cooperationAreas', table: 'cooperation_area', key: ['id'], selfReference: 'parent_id' },
  { name: 'municipalities', table: 'municipality', key: ['id'], selfReference: 'part_of_id' },
  { name: 'organizations', table: 'organization', key: ['id'] },
  { name: 'persons', table: 'person', key: ['id'] },
  { name: 'personPositions', table: 'person_position', key: ['id'] },
  { name: 'mayoralTerms', table: 'mayoral_term', key: ['id'] },
  {
    name: 'delegations',
    table: 'delegation',
    key: ['id'],
    children: [
      child('members', 'delegation_member', 'delegation_id', ['delegation_id', 'person_id'], 'ordinal, person_id'),
    ],
  },
  {
    name: 'visits',
    table: 'visit',
    key: ['id'],
    children: [
      child('counterparts', 'visit_counterpart', 'visit_id', ['visit_id', 'person_id']),
      child('areas', 'visit_area', 'visit_id', ['visit_id', 'area_id']),
      child('aboutMunicipalities', 'visit_subject_municipality', 'visit_id', ['visit_id', 'municipality_id']),
    ],
  },
  {
    name: 'agreements',
    table: 'agreement',
    key: ['id'],
    children: [
      child('parties', 'agreement_party', 'agreement_id', ['agreement_id', 'municipality_id']),
      child('areas', 'agreement_area', 'agreement_id', ['agreement_id', 'area_id']),
      child('signatories', 'agreement_signatory', 'agreement_id', ['agreement_id', 'person_id']),
      { ...child('statusHistory', 'agreement_status_change', 'agreement_id', ['id'], 'seq'), appendOnly: true },
      child('committees', 'committee', 'agreement_id', ['id']),
      // Rows of the visits' (their links), listed here because they refer to agreements, which come after visits.
      child('discussedOnVisits', 'visit_subject_agreement', 'agreement_id', ['agreement_id', 'visit_id']),
    ],
  },
  { name: 'agreementImplementations', table: 'agreement_implementation', key: ['agreement_id', 'implements_id'] },
  { name: 'sources', table: 'source', key: ['id'] },
  { name: 'citations', table: 'citation', key: ['id'] },
];

export const REGISTER_TABLES: readonly string[] = SECTIONS.flatMap((section) => [
  section.table,
  ...(section.children ?? []).map((table) => table.table),
]);

/** 'part_of_id' -> 'partOfId'. Column names are lowercase words joined by '_'. */
export function fieldName(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** 'partOfId' -> 'part_of_id'. */
export function columnName(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * The columns a record of each register table carries, in table order: read from the
 * database, so a column a later migration adds is exported and imported without a change
 * here. Generated columns and always-generated identities cannot be written, so they are
 * not part of the format.
 */
export async function registerColumns(manager: EntityManager): Promise<Map<string, string[]>> {
  const rows: { table_name: string; column_name: string }[] = await manager.query(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ANY($1)
        AND is_generated = 'NEVER' AND NOT (is_identity = 'YES' AND identity_generation = 'ALWAYS')
      ORDER BY table_name, ordinal_position`,
    [REGISTER_TABLES],
  );
  const columns = new Map<string, string[]>(REGISTER_TABLES.map((table) => [table, []]));
  for (const row of rows) columns.get(row.table_name)!.push(row.column_name);
  const missing = REGISTER_TABLES.filter((table) => columns.get(table)!.length === 0);
  if (missing.length > 0) throw new Error(`the database has no table ${missing.join(', ')}: run the migrations first`);
  return columns;
}
