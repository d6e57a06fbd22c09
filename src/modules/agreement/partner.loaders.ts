import { Context } from '../../context';
import { groupByKey, hydrate } from '../../database/rows';
import { Agreement } from './agreement.entity';
import { Partner } from './partner.type';

/**
 * Each municipality's partners with the agreements that tie them, in one statement for the
 * whole batch: partners by name then slug, agreements by signing date (undated first).
 */
export const partnersOf = (context: Context) =>
  context.loaders.get<string, Partner[]>('municipality:partners', async (reader, ids) => {
    const rows: Array<Record<string, unknown> & { _key: string; _partner: string }> = await reader.query(
      `SELECT a.*, me.municipality_id AS _key, other.municipality_id AS _partner
         FROM agreement_party me
         JOIN agreement_party other ON other.agreement_id = me.agreement_id AND other.municipality_id <> me.municipality_id
         JOIN agreement a ON a.id = me.agreement_id
         JOIN municipality partner ON partner.id = other.municipality_id
        WHERE me.municipality_id = ANY($1::uuid[])
        ORDER BY me.municipality_id, partner.sort_name, partner.slug, a.signed_on NULLS FIRST, a.id`,
      [ids],
    );
    const agreements = hydrate(reader.manager, Agreement, rows);
    const tagged = rows.map((row, index) => ({ _key: row._key, _partner: row._partner, agreement: agreements[index] }));
    return groupByKey(ids, tagged, (row) => row._key).map((group) => {
      const partners = new Map<string, Partner>();
      for (const row of group) {
        const partner =
          partners.get(row._partner) ?? Object.assign(new Partner(), { municipalityId: row._partner, agreements: [] });
        partner.agreements.push(row.agreement);
        partners.set(row._partner, partner);
      }
      return [...partners.values()];
    });
  });
