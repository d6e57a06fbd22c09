import DataLoader from 'dataloader';
import { EntityTarget, ObjectLiteral } from 'typeorm';
import { WithLoaders } from './request-loaders';
import { groupByKey, hydrate, tableOf } from './rows';

/** Records of one entity's table by id, one statement per batch; null for ids that do not exist. */
export function recordById<T extends ObjectLiteral & { id: string }>(
  context: WithLoaders,
  target: new () => T,
): DataLoader<string, T | null> {
  const table = tableOf(target);
  return context.loaders.get<string, T | null>(`${table}:id`, async (reader, ids) => {
    const rows = await reader.query(`SELECT * FROM ${table} WHERE id = ANY($1::uuid[])`, [ids], { byKeys: true });
    const byId = new Map(hydrate(reader.manager, target, rows).map((record) => [record.id, record]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * Records related to each key, by a SQL statement that selects the records' columns plus the
 * key as `_key` and takes the keys as $1 (uuid[]). Results come back grouped in key order.
 */
export function recordsByKey<T extends ObjectLiteral>(
  context: WithLoaders,
  name: string,
  target: EntityTarget<T>,
  sql: string,
): DataLoader<string, T[]> {
  return context.loaders.get<string, T[]>(name, async (reader, keys) => {
    const rows: ObjectLiteral[] = await reader.query(sql, [keys], { byKeys: true });
    const records = hydrate(reader.manager, target, rows);
    const keyed = records.map((record, index) => ({ record, key: rows[index]._key as string }));
    return groupByKey(keys, keyed, (item) => item.key).map((group) => group.map((item) => item.record));
  });
}

/** Plain rows related to each key (for values that are not entities), grouped in key order. */
export function rowsByKey<R extends { _key: string }>(
  context: WithLoaders,
  name: string,
  sql: string,
): DataLoader<string, R[]> {
  return context.loaders.get<string, R[]>(name, async (reader, keys) => {
    const rows: R[] = await reader.query(sql, [keys], { byKeys: true });
    return groupByKey(keys, rows, (row) => row._key);
  });
}
