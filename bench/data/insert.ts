import { PoolClient } from 'pg';
import { TableRows } from './rows';

const BATCH = 10_000;

/**
 * Inserts one table's rows as `INSERT ... SELECT FROM unnest($1::type[], ...)`, 10,000 rows a
 * statement: one round trip and one plan per batch, while row triggers and checks still run
 * for every row (and statement triggers, such as search_entry's, once per batch).
 */
export async function insertRows(client: PoolClient, { table, columns, rows }: TableRows): Promise<void> {
  const names = columns.map((column) => column.name).join(', ');
  const arrays = columns.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ');
  const sql = `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays})`;
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const parameters = columns.map((column, index) =>
      batch.map((row) => (column.type === 'jsonb' && row[index] !== null ? JSON.stringify(row[index]) : row[index])));
    await client.query(sql, parameters);
  }
}

/**
 * One step: the tables in the order given, in one transaction, so that the deferred checks
 * (an agreement's parties) run at its commit. Returns how many rows went in.
 */
export async function insertStep(client: PoolClient, tables: readonly TableRows[]): Promise<number> {
  await client.query('BEGIN');
  try {
    for (const table of tables) await insertRows(client, table);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  return tables.reduce((sum, table) => sum + table.rows.length, 0);
}
