import { Node } from '../../common/node.interface';
import { Context } from '../../context';
import { recordById } from '../../database/loaders';
import { registeredRecordTypes } from '../../write/records';
import { Citation } from './citation.entity';

/**
 * The record a citation supports, through the per-request loader of its type. The record
 * types name the citation column that points at them (`citedBy` in modules/record-types.ts):
 * the source module asks the registry, and imports none of the modules it cites.
 */
export async function citedRecord(context: Context, citation: Citation): Promise<Node> {
  const columns = context.loaders.manager.connection.getMetadata(Citation);
  for (const { target, citedBy } of registeredRecordTypes()) {
    if (!citedBy) continue;
    const column = columns.findColumnWithDatabaseName(citedBy);
    if (!column) throw new Error(`record type ${target.name} is cited by ${citedBy}, which is no column of citation`);
    const id: string | null = column.getEntityValue(citation);
    if (id) return (await recordById(context, target as new () => Node).load(id)) as Node;
  }
  throw new Error(`citation ${citation.id} names no record`);
}
