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
): Promise<void> {
  if (!linkedIds.length) return;
  await manager.query(`INSERT INTO ${table} (${ownerColumn}, ${linkedColumn}) SELECT $1, unnest($2::uuid[])`, [
    ownerId,
    linkedIds,
  ]);
}
