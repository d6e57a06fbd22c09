import { Context } from '../../context';
import { recordById, recordsByKey } from '../../database/loaders';
import { recordTypeNamed, RecordTypeName } from '../../write/records';
import { Source } from './source.entity';

export const sourceById = (context: Context) => recordById(context, Source);

/**
 * The sources supporting each record of one type, by publisher then title. The citation
 * column comes from the type's registry entry (`citedBy`), so no column name travels here.
 */
export const sourcesOf = (context: Context, type: RecordTypeName) => {
  const column = recordTypeNamed(type).citedBy;
  if (!column) throw new Error(`${type} records cite no sources (its entry in modules/record-types.ts has no citedBy)`);
  return recordsByKey(
    context,
    `source:${column}`,
    Source,
    `SELECT s.*, c.${column} AS _key FROM citation c JOIN source s ON s.id = c.source_id
      WHERE c.${column} = ANY($1::uuid[]) ORDER BY s.publisher, s.title, s.id`,
  );
};
