import { Context } from '../../context';
import { recordById, recordsByKey } from '../../database/loaders';
import { Source } from './source.entity';

export const sourceById = (context: Context) => recordById(context, Source);

/** The citation column naming each kind of record a source can support. */
export type CitedColumn =
  | 'agreement_id'
  | 'visit_id'
  | 'delegation_id'
  | 'municipality_id'
  | 'person_id'
  | 'mayoral_term_id'
  | 'organization_id'
  | 'committee_id';

/** The sources supporting each record of one kind, by publisher then title. */
export const sourcesOf = (context: Context, column: CitedColumn) =>
  recordsByKey(
    context,
    `source:${column}`,
    Source,
    `SELECT s.*, c.${column} AS _key FROM citation c JOIN source s ON s.id = c.source_id
      WHERE c.${column} = ANY($1::uuid[]) ORDER BY s.publisher, s.title, s.id`,
  );
