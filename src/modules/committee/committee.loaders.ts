import { Context } from '../../context';
import { recordsByKey } from '../../database/loaders';
import { Committee } from './committee.entity';

/** The committees each agreement sets up. */
export const committeesOf = (context: Context) =>
  recordsByKey(
    context,
    'agreement:committees',
    Committee,
    `SELECT c.*, c.agreement_id AS _key FROM committee c WHERE c.agreement_id = ANY($1::uuid[]) ORDER BY c.id`,
  );
