import { Context } from '../../context';
import { groupByKey, hydrate } from '../../database/rows';
import { Confidence, strongestConfidence } from '../source';
import { Agreement } from './agreement.entity';
import { supportedAtLeastSql } from './agreement-support';
import { partnerOrderSql, PartnerOrder } from './partner-order';
import { LastActivityColumns, Partner } from './partner.type';

type PartnerRow = Record<string, unknown> & { _key: string; _partner: string; _support: Confidence | null };

/**
 * Each municipality's partners with the agreements that tie them, in one statement for the
 * whole batch: partners by name then slug (or first by the pair's last activity, kept in
 * partner_activity by triggers), agreements by signing date (undated first). With
 * `minConfidence`, only agreements supported at least that well count (a partner tied by no
 * such agreement is left out).
 */
export const partnersOf = (context: Context, minConfidence: Confidence | null = null, order?: PartnerOrder) =>
  context.loaders.get<string, Partner[]>(
    `municipality:partners:${minConfidence ?? '*'}:${partnerOrderSql(order)}`,
    async (reader, ids) => {
      const rows: PartnerRow[] = await reader.query(
        `SELECT a.*, me.municipality_id AS _key, other.municipality_id AS _partner,
              (SELECT support.confidence FROM agreement_support support WHERE support.agreement_id = a.id) AS _support,
              pa.last_on AS _last_on, pa.last_on_precision AS _last_on_precision, pa.last_kind AS _last_kind,
              pa.dormant_since::text AS _dormant_since
         FROM agreement_party me
         JOIN agreement_party other ON other.agreement_id = me.agreement_id AND other.municipality_id <> me.municipality_id
         JOIN agreement a ON a.id = me.agreement_id
         JOIN municipality partner ON partner.id = other.municipality_id
         LEFT JOIN partner_activity pa ON pa.low_id = LEAST(me.municipality_id, other.municipality_id)
          AND pa.high_id = GREATEST(me.municipality_id, other.municipality_id)
        WHERE me.municipality_id = ANY($1::uuid[]) ${minConfidence ? `AND ${supportedAtLeastSql('a.id', '$2')}` : ''}
        ORDER BY me.municipality_id, ${partnerOrderSql(order)}, a.signed_on NULLS FIRST, a.id`,
        minConfidence ? [ids, minConfidence] : [ids],
      );
      const agreements = hydrate(reader.manager, Agreement, rows);
      const tagged = rows.map((row, index) => ({ ...row, agreement: agreements[index], support: row._support }));
      return groupByKey(ids, tagged, (row) => row._key).map((group) => {
        const partners = new Map<string, Partner>();
        for (const row of group) {
          const partner =
            partners.get(row._partner) ??
            Object.assign(new Partner(), {
              municipalityId: row._partner,
              agreements: [],
              confidence: null,
              activity: lastActivityOf(row),
            });
          partner.agreements.push(row.agreement);
          partner.confidence = strongestConfidence([partner.confidence, row.support]);
          partners.set(row._partner, partner);
        }
        return [...partners.values()];
      });
    },
  );

/** The pair's row of partner_activity as read beside each agreement (null before its triggers ran). */
function lastActivityOf(row: Record<string, unknown>): LastActivityColumns | null {
  const { _last_on, _last_on_precision, _last_kind, _dormant_since } = row as unknown as LastActivityColumns;
  return _dormant_since === null ? null : { _last_on, _last_on_precision, _last_kind, _dormant_since };
}
