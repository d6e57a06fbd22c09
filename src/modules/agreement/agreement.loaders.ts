import { Context } from '../../context';
import { recordById, recordsByKey } from '../../database/loaders';
import { Municipality } from '../municipality/municipality.entity';
import { Agreement } from './agreement.entity';

export const agreementById = (context: Context) => recordById(context, Agreement, 'agreement');

/** The parties of each agreement, by name then slug. */
export const partiesOf = (context: Context) =>
  recordsByKey(context, 'agreement:parties', Municipality,
    `SELECT m.*, p.agreement_id AS _key FROM agreement_party p JOIN municipality m ON m.id = p.municipality_id
      WHERE p.agreement_id = ANY($1::uuid[]) ORDER BY m.sort_name, m.slug`);
