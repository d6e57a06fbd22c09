/**
 * Generated rows, held as arrays in column order (not objects): at scale 1 there are a few
 * million of them, and insert.ts turns each column into one array parameter of `unnest`.
 */
export type Cell = string | number | boolean | object | null;
export type Row = Cell[];

export interface Column {
  name: string;
  /** The PostgreSQL type of the array parameter (`uuid`, `text`, `jsonb`, `date`...). */
  type: string;
}

export interface TableRows {
  table: string;
  columns: readonly Column[];
  rows: Row[];
}

/** Columns from `name:type` words, e.g. columns('id:uuid names:jsonb'). */
export function columns(spec: string): Column[] {
  return spec.trim().split(/\s+/).map((word) => {
    const [name, type] = word.split(':');
    return { name, type };
  });
}

export function tableRows(table: string, spec: string): TableRows {
  return { table, columns: columns(spec), rows: [] };
}

/** What a citation may support; exactly one of its target columns is set (the schema checks it). */
export type CitedColumn = 'agreement_id' | 'visit_id' | 'delegation_id' | 'municipality_id' | 'person_id' | 'mayoral_term_id';
const CITED: readonly CitedColumn[] = ['agreement_id', 'visit_id', 'delegation_id', 'municipality_id', 'person_id', 'mayoral_term_id'];

export function citationRows(): TableRows {
  return tableRows('citation', `id:uuid source_id:uuid ${CITED.map((column) => `${column}:uuid`).join(' ')} note:text`);
}

/** A citation row of `sourceId` for the record `id` in `column`. */
export function citation(id: string, sourceId: string, column: CitedColumn, recordId: string, note: string | null): Row {
  return [id, sourceId, ...CITED.map((cited) => (cited === column ? recordId : null)), note];
}
