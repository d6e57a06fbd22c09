import { EntityManager } from 'typeorm';

/** Rows per statement: enough to keep round trips few, small enough to keep memory flat. */
export const EXPORT_PAGE_SIZE = 500;

type Row = Record<string, unknown>;

/**
 * A table's rows as JSON objects (PostgreSQL's own JSON forms for every type), page by page in
 * key order, each page starting after the last key of the one before: never OFFSET, so every
 * page costs the same however far into the table it is. The key columns are uuids.
 */
export async function* keysetPages(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  key: readonly string[],
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<Row[]> {
  const keyList = key.join(', ');
  const after = `(${keyList}) > (${key.map((_column, index) => `$${index + 1}::uuid`).join(', ')})`;
  let last: unknown[] | undefined;
  for (;;) {
    const rows: { record: Row }[] = await manager.query(
      `SELECT row_to_json(r) AS record FROM (
         SELECT ${columns.join(', ')} FROM ${table} ${last ? `WHERE ${after}` : ''}
          ORDER BY ${keyList} LIMIT ${pageSize}) r`,
      last ?? [],
    );
    if (rows.length === 0) return;
    const page = rows.map((row) => row.record);
    yield page;
    if (page.length < pageSize) return;
    const final = page[page.length - 1];
    last = key.map((column) => final[column]);
  }
}

/**
 * The end of a keyset page query over `alias`: after `$1` when `after` is set. Two texts rather
 * than `$1 IS NULL OR id > $1`, which would keep the planner from walking the primary key and
 * make it compute every row's columns before sorting.
 */
export function pageClause(alias: string, after: boolean, condition = 'true'): string {
  return `WHERE ${condition}${after ? ` AND ${alias}.id > $1::uuid` : ''} ORDER BY ${alias}.id LIMIT ${EXPORT_PAGE_SIZE}`;
}

/** Runs `handle` on each keyset page of `sql(after)` (which takes the last id as $1). Returns the row count. */
export async function eachPage<T extends { id: string }>(
  manager: EntityManager,
  sql: (after: boolean) => string,
  handle: (rows: T[]) => Promise<void>,
): Promise<number> {
  let count = 0;
  let last: string | undefined;
  for (;;) {
    const rows: T[] = await manager.query(sql(last !== undefined), last === undefined ? [] : [last]);
    await handle(rows);
    count += rows.length;
    if (rows.length < EXPORT_PAGE_SIZE) return count;
    last = rows[rows.length - 1].id;
  }
}
