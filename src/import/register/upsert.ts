import { EntityManager } from 'typeorm';

export type Row = Record<string, unknown>;

/** What one statement did to a table: rows inserted, rows changed, rows found already as given. */
export interface TableCounts {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
}

export function emptyCounts(): TableCounts {
  return { read: 0, created: 0, updated: 0, unchanged: 0 };
}

export interface UpsertOptions {
  /** Rows already there are left as they are (history, which the schema refuses to rewrite). */
  appendOnly?: boolean;
  /** Columns given on insert but not overwritten on conflict (set another way afterwards). */
  insertOnly?: readonly string[];
}

export interface UpsertResult {
  created: number;
  /** Keys (first key column) of the rows that were changed. */
  updatedKeys: string[];
}

/**
 * Inserts `rows` into `table`, or, where a row with the same key exists, overwrites it with
 * the given values, but only where some value differs: a row already as given is not touched
 * (no new row version, no trigger), which is what makes a second import change nothing.
 * PostgreSQL turns each JSON value into its column's type (jsonb_populate_recordset), so one
 * parameter carries the whole batch. Columns no row mentions keep their defaults.
 */
export async function upsertRows(
  manager: EntityManager,
  table: string,
  key: readonly string[],
  tableColumns: readonly string[],
  rows: Row[],
  options: UpsertOptions = {},
): Promise<UpsertResult> {
  if (rows.length === 0) return { created: 0, updatedKeys: [] };
  const mentioned = new Set(rows.flatMap((row) => Object.keys(row)));
  const columns = tableColumns.filter((column) => mentioned.has(column));
  const overwritten = columns.filter((column) => !key.includes(column) && !options.insertOnly?.includes(column));
  const onConflict =
    options.appendOnly || overwritten.length === 0
      ? 'DO NOTHING'
      : `DO UPDATE SET ${overwritten.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}
       WHERE (${overwritten.map((column) => `target.${column}`).join(', ')})
             IS DISTINCT FROM (${overwritten.map((column) => `EXCLUDED.${column}`).join(', ')})`;
  // xmax is 0 on a row version this statement inserted, and set on one it updated.
  const changed: { key: string; created: boolean }[] = await manager.query(
    `INSERT INTO ${table} AS target (${columns.join(', ')})
     SELECT ${columns.join(', ')} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)
     ON CONFLICT (${key.join(', ')}) ${onConflict}
     RETURNING target.${key[0]}::text AS key, (target.xmax = 0) AS created`,
    [JSON.stringify(rows)],
  );
  return {
    created: changed.filter((row) => row.created).length,
    updatedKeys: changed.filter((row) => !row.created).map((row) => row.key),
  };
}

/** Ids among `ids` that `table` holds. */
export async function existingIds(manager: EntityManager, table: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows: { id: string }[] = await manager.query(`SELECT id::text AS id FROM ${table} WHERE id = ANY($1::uuid[])`, [
    ids,
  ]);
  return new Set(rows.map((row) => row.id));
}

/** Sets a self-reference (a district's city) on rows whose target arrived later in the file. */
export async function setReferences(
  manager: EntityManager,
  table: string,
  column: string,
  pairs: readonly [id: string, target: string][],
): Promise<string[]> {
  if (pairs.length === 0) return [];
  // Wrapped in a SELECT: for a bare UPDATE, TypeORM returns [rows, count] instead of the rows.
  const rows: { id: string }[] = await manager.query(
    `WITH changed AS (
       UPDATE ${table} AS target SET ${column} = given.reference
         FROM unnest($1::uuid[], $2::uuid[]) AS given(id, reference)
        WHERE target.id = given.id AND target.${column} IS DISTINCT FROM given.reference
        RETURNING target.id::text AS id)
     SELECT id FROM changed`,
    [pairs.map((pair) => pair[0]), pairs.map((pair) => pair[1])],
  );
  return rows.map((row) => row.id);
}
