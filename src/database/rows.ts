import { EntityManager, EntityTarget, getMetadataArgsStorage, ObjectLiteral } from 'typeorm';

/**
 * Turns rows of hand-written SQL (`SELECT visit.* ...`) into entity instances, using the
 * entity's column metadata to map database names to properties. Read paths write SQL for
 * exactly what they need, and still hand the GraphQL layer typed objects whose class names
 * are their GraphQL types.
 */
export function hydrate<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: ObjectLiteral[],
): T[] {
  const metadata = manager.connection.getMetadata(target);
  const columns = metadata.columns.map((column) => ({
    from: column.databaseName,
    to: column.propertyName,
    transform: column.transformer && !Array.isArray(column.transformer) ? column.transformer : undefined,
  }));
  return rows.map((row) => {
    const entity = metadata.create() as T;
    for (const column of columns) {
      if (!(column.from in row)) continue;
      const value = row[column.from];
      (entity as ObjectLiteral)[column.to] = column.transform ? column.transform.from(value) : value;
    }
    return entity;
  });
}

/** Groups rows by a key column, in the order of `keys` (what a DataLoader batch must return). */
export function groupByKey<T>(keys: readonly string[], items: T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const item of items) groups.get(keyOf(item))?.push(item);
  return keys.map((key) => groups.get(key) ?? []);
}

/**
 * The table an entity class maps to, as its `@Entity('name')` says: read from the decorator's
 * metadata, which exists as soon as the class is defined, so no data source is needed and
 * nobody restates a table name next to its entity.
 */
export function tableOf(target: abstract new () => unknown): string {
  // Asked on every recordById, so once per field resolved: the metadata is searched once per class.
  let table = tables.get(target);
  if (table === undefined) {
    table = getMetadataArgsStorage().tables.find((entry) => entry.target === target)?.name;
    if (!table) throw new Error(`${target.name} is not an entity with a table name`);
    tables.set(target, table);
  }
  return table;
}

const tables = new WeakMap<abstract new () => unknown, string>();
