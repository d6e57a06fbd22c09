import { DatePrecision } from '../../common/dates';
import { Context } from '../../context';
import { recordsByKey, rowsByKey } from '../../database/loaders';
import { Agreement } from '../agreement';

export interface AgreementActivityRow {
  _key: string;
  last_on: string | null;
  last_on_precision: DatePrecision | null;
  last_kind: string | null;
  dormant_since: string;
}

/** Each agreement's row of agreement_activity (every agreement has one, kept by triggers). */
export const agreementActivityOf = (context: Context) =>
  rowsByKey<AgreementActivityRow>(
    context,
    'agreement:activity',
    `SELECT agreement_id AS _key, last_on, last_on_precision, last_kind, dormant_since::text AS dormant_since
       FROM agreement_activity WHERE agreement_id = ANY($1::uuid[])`,
  );

/** The key of a pair for the loader below: its two ids, lower first. */
export const pairKey = (lowId: string, highId: string) => `${lowId}|${highId}`;

/** The agreements both municipalities of each pair are parties to, earliest signed first (undated first). */
export const agreementsOfPair = (context: Context) =>
  recordsByKey(
    context,
    'partnership:agreements',
    Agreement,
    `SELECT a.*, k.key AS _key FROM unnest($1::text[]) AS k(key)
       JOIN agreement_party low ON low.municipality_id = split_part(k.key, '|', 1)::uuid
       JOIN agreement_party high ON high.agreement_id = low.agreement_id
        AND high.municipality_id = split_part(k.key, '|', 2)::uuid
       JOIN agreement a ON a.id = low.agreement_id
      ORDER BY a.signed_on NULLS FIRST, a.id`,
  );
