import { EntityManager } from 'typeorm';
import { ChildTable, Section } from '../../export/register-format';
import { RecordRows } from './records';
import { existingIds, Row, TableCounts, upsertRows } from './upsert';

export interface BatchContext {
  columns: Map<string, string[]>;
  counts: Record<string, TableCounts>;
  /** Self-references to set once their section is complete: [row id, referenced id]. */
  pending: [string, string][];
}

/**
 * Writes one batch of a section's records with their child rows, inside the caller's
 * transaction (an agreement's parties must be there when it commits).
 */
export async function writeBatch(
  manager: EntityManager,
  section: Section,
  records: RecordRows[],
  context: BatchContext,
): Promise<void> {
  const rows = records.map((record) => record.row);
  if (section.selfReference)
    await holdForwardReferences(manager, section.table, section.selfReference, rows, context.pending);
  const isAgreement = section.table === 'agreement';
  // An agreement's status follows its history (a trigger copies it, another refuses any
  // other value): it is given on insert, then moved only by appending history.
  const result = await upsertRows(manager, section.table, section.key, context.columns.get(section.table)!, rows, {
    insertOnly: isAgreement ? ['status'] : undefined,
  });
  count(context.counts[section.table], rows.length, result.created, result.updatedKeys.length);
  for (const table of section.children ?? []) {
    const childRows = records.flatMap((record) => record.children.get(table.name) ?? []);
    await writeChildRows(manager, table, childRows, context);
  }
  if (isAgreement) {
    const moved = await setGivenStatus(manager, rows);
    const alreadyCounted = new Set(result.updatedKeys);
    const newlyUpdated = moved.filter((id) => !alreadyCounted.has(id)).length;
    // Counted unchanged by the upsert above: they move to updated.
    count(context.counts.agreement, 0, 0, newlyUpdated);
  }
}

function count(counts: TableCounts, rows: number, created: number, updated: number): void {
  counts.created += created;
  counts.updated += updated;
  counts.unchanged += rows - created - updated;
}

/**
 * A row may name a row of its own table that comes later in the file (a district listed before
 * its city): it is written without the reference, which is set when the section is complete.
 */
async function holdForwardReferences(
  manager: EntityManager,
  table: string,
  column: string,
  rows: Row[],
  pending: [string, string][],
): Promise<void> {
  const inBatch = new Set(rows.map((row) => row.id as string));
  const targets = rows
    .filter((row) => typeof row[column] === 'string')
    .map((row) => (row[column] = (row[column] as string).toLowerCase()) as string);
  const present = await existingIds(
    manager,
    table,
    targets.filter((target) => !inBatch.has(target)),
  );
  for (const row of rows) {
    const target = row[column];
    if (typeof target !== 'string' || inBatch.has(target) || present.has(target)) continue;
    pending.push([row.id as string, target]);
    row[column] = null;
  }
}

/**
 * History is appended in the file's order, one entry per agreement per statement: each entry
 * then is its agreement's latest when the status-copying trigger runs, as it was when recorded.
 */
async function writeChildRows(
  manager: EntityManager,
  table: ChildTable,
  rows: Row[],
  context: BatchContext,
): Promise<void> {
  const tableColumns = context.columns.get(table.table)!;
  if (!table.appendOnly) {
    const result = await upsertRows(manager, table.table, table.key, tableColumns, rows);
    count(context.counts[table.table], rows.length, result.created, result.updatedKeys.length);
    return;
  }
  for (const round of rounds(rows, table.parentColumn)) {
    const result = await upsertRows(manager, table.table, table.key, tableColumns, round, { appendOnly: true });
    count(context.counts[table.table], round.length, result.created, 0);
  }
}

/** Round k holds each parent's k-th row. */
function rounds(rows: Row[], parentColumn: string): Row[][] {
  const position = new Map<unknown, number>();
  const result: Row[][] = [];
  for (const row of rows) {
    const index = position.get(row[parentColumn]) ?? 0;
    position.set(row[parentColumn], index + 1);
    (result[index] ??= []).push(row);
  }
  return result;
}

/**
 * Gives each agreement its status from the file where the history did not already bring it
 * there (an agreement without history). The schema refuses a status that contradicts the
 * history, so a file that disagrees with itself stops here with that error.
 */
async function setGivenStatus(manager: EntityManager, rows: Row[]): Promise<string[]> {
  // Wrapped in a SELECT: for a bare UPDATE, TypeORM returns [rows, count] instead of the rows.
  const changed: { id: string }[] = await manager.query(
    `WITH changed AS (
       UPDATE agreement AS target SET status = given.status
         FROM jsonb_populate_recordset(NULL::agreement, $1::jsonb) AS given
        WHERE target.id = given.id AND given.status IS NOT NULL AND target.status IS DISTINCT FROM given.status
        RETURNING target.id::text AS id)
     SELECT id FROM changed`,
    [JSON.stringify(rows.map((row) => ({ id: row.id, status: row.status })))],
  );
  return changed.map((row) => row.id);
}
