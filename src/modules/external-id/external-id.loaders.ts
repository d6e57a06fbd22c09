import { recordById, rowsByKey } from '../../database/loaders';
import { Node } from '../../common/node.interface';
import { WithLoaders } from '../../database/request-loaders';
import { recordTypeNamed, RecordTypeName } from '../../write/records';
import { ExternalId } from './external-id.type';

/** A record's ids in other systems, by system then id: one statement for every record of a level. */
export const externalIdsOf = (context: WithLoaders) =>
  rowsByKey<ExternalId & { _key: string }>(
    context,
    'external-id:of-record',
    `SELECT record_id::text AS _key, system, external_id AS id FROM external_id
      WHERE record_id = ANY($1::uuid[]) ORDER BY system, external_id`,
  );

/** The record a system's id names, by "system id" pairs. */
const recordOf = (context: WithLoaders) =>
  rowsByKey<{ _key: string; record_type: RecordTypeName; record_id: string }>(
    context,
    'external-id:record',
    `SELECT k.key AS _key, e.record_type, e.record_id FROM unnest($1::text[]) AS k(key)
       JOIN external_id e ON e.system = split_part(k.key, ' ', 1) AND e.external_id = substr(k.key, length(split_part(k.key, ' ', 1)) + 2)`,
  );

export async function recordByExternalId(context: WithLoaders, system: string, id: string): Promise<Node | null> {
  const [row] = await recordOf(context).load(`${system} ${id}`);
  if (!row) return null;
  return recordById(context, recordTypeNamed(row.record_type).target as new () => Node).load(row.record_id);
}
