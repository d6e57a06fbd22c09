import { EntityManager } from 'typeorm';

/**
 * Links one record to many (its parties, areas, sources): one INSERT for all of them, and
 * none at all for an empty list, which is most creates' sources, areas or implements. Table
 * and column names come from the code, never from input.
 */
export async function insertLinks(
  manager: EntityManager,
  table: string,
  ownerColumn: string,
  linkedColumn: string,
  ownerId: string,
  linkedIds: readonly string[],
  /** Further columns, the same value on every link (a signatory's role), by column name. */
  values: Record<string, unknown> = {},
): Promise<void> {
  if (!linkedIds.length) return;
  const columns = Object.keys(values);
  const placeholders = columns.map((_column, index) => `, $${index + 3}`).join('');
  await manager.query(
    `INSERT INTO ${table} (${[ownerColumn, linkedColumn, ...columns].join(', ')}) SELECT $1, unnest($2::uuid[])${placeholders}`,
    [ownerId, linkedIds, ...Object.values(values)],
  );
}
