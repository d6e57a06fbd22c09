import { SqlParams } from '../../common/sql';
import { Reader } from '../../database/read-waves';
import {
  agreementConditions,
  AgreementFilter,
  AgreementKind,
  AgreementStatus,
  agreementStatusOnSql,
  supportedAtLeastSql,
  TODAY_SQL,
} from '../agreement';
import { Confidence } from '../source';
import { AgreementStat, AgreementStatsGroup } from './agreement-stats.type';

/** How each grouping reads in SQL: the key of an agreement `a`, what to join for it, its labels. */
interface Grouping {
  key: string;
  join?: string;
  labels?: string;
}

const GROUPINGS: Record<AgreementStatsGroup, Grouping> = {
  [AgreementStatsGroup.KIND]: { key: 'a.kind' },
  // As of today, by the dates: a lapsed term counts as EXPIRED, as `Agreement.status` reads it.
  [AgreementStatsGroup.STATUS]: { key: agreementStatusOnSql('a', TODAY_SQL) },
  [AgreementStatsGroup.YEAR]: { key: `COALESCE(extract(year FROM a.signed_on)::int::text, 'unknown')` },
  [AgreementStatsGroup.AREA]: {
    key: 'area.slug',
    join: `JOIN agreement_area covered ON covered.agreement_id = a.id
      JOIN cooperation_area area ON area.id = covered.area_id`,
    labels: 'area.labels',
  },
  // Kept up to date by triggers (migration AgreementCountries): grouping the parties'
  // countries on every request cost 146 ms at scale 1, this join 16 ms.
  [AgreementStatsGroup.COUNTRY_PAIR]: {
    key: 'countries.countries',
    join: 'JOIN agreement_countries countries ON countries.agreement_id = a.id',
  },
};

/** English labels of the enum values, for dashboards that show them as they come. */
const KIND_LABELS: Record<AgreementKind, string> = {
  SISTER_CITY: 'Sister-city pact',
  MEMORANDUM_OF_UNDERSTANDING: 'Memorandum of understanding',
  COOPERATION_AGREEMENT: 'Cooperation agreement',
  COOPERATION_PROGRAMME: 'Cooperation programme',
  PROTOCOL: 'Protocol',
  DECLARATION: 'Declaration',
  OTHER: 'Other',
};

const STATUS_LABELS: Record<AgreementStatus, string> = {
  PROPOSED: 'Proposed',
  SIGNED: 'Signed',
  IN_FORCE: 'In force',
  SUSPENDED: 'Suspended',
  EXPIRED: 'Expired',
  TERMINATED: 'Terminated',
};

function enumLabels(groupBy: AgreementStatsGroup, key: string): Record<string, string> | null {
  if (groupBy === AgreementStatsGroup.KIND) return { en: KIND_LABELS[key as AgreementKind] };
  if (groupBy === AgreementStatsGroup.STATUS) return { en: STATUS_LABELS[key as AgreementStatus] };
  return null;
}

/** One count a request asks for: the grouping and the filter of one `agreementStats` field. */
export interface StatsRequest {
  groupBy: AgreementStatsGroup;
  filter?: AgreementFilter | null;
  /** Count only agreements supported at least this well (null: all). */
  minConfidence?: Confidence | null;
}

/** The SQL of one count, its parameters added to `params`; each row carries `index` as _request. */
function statsSql(request: StatsRequest, index: number, params: SqlParams): string {
  const grouping = GROUPINGS[request.groupBy];
  const conditions = agreementConditions(request.filter ?? undefined, params, 'a');
  if (request.minConfidence) conditions.push(supportedAtLeastSql('a.id', params.add(request.minConfidence)));
  const where = conditions.length ? conditions.join(' AND ') : 'true';
  return `SELECT ${index} AS _request, ${grouping.key} AS key, ${grouping.labels ?? 'NULL::jsonb'} AS labels, count(*)::int AS count,
         row_number() OVER (ORDER BY count(*) DESC, ${grouping.key} COLLATE "C") AS _rank
       FROM agreement a ${grouping.join ?? ''}
      WHERE ${where}
      GROUP BY 2, 3`;
}

/**
 * Agreements counted for every `agreementStats` field of a request in one statement (a
 * dashboard asks for four or five): each count is one GROUP BY under the same filter as the
 * agreement lists (so a dashboard's numbers and the list behind each are the same
 * agreements), largest groups first, then by key (byte order, whatever the server's
 * locale). A request whose filter is refused gets its error; the others are still counted.
 */
export async function agreementStatsBatch(
  reader: Pick<Reader, 'query'>,
  requests: readonly StatsRequest[],
): Promise<Array<AgreementStat[] | Error>> {
  const params = new SqlParams();
  const results: Array<AgreementStat[] | Error> = requests.map(() => []);
  const branches: string[] = [];
  requests.forEach((request, index) => {
    try {
      branches.push(statsSql(request, index, params));
    } catch (error) {
      results[index] = error as Error;
    }
  });
  if (!branches.length) return results;
  const rows: Array<{ _request: number; key: string; labels: Record<string, string> | null; count: number }> =
    await reader.query(
      `SELECT * FROM (${branches.map((branch) => `(${branch})`).join(' UNION ALL ')}) counts ORDER BY _request, _rank`,
      params.values,
    );
  for (const { _request: index, key, labels, count } of rows) {
    (results[index] as AgreementStat[]).push(
      Object.assign(new AgreementStat(), {
        key,
        count,
        labels: labels ?? enumLabels(requests[index].groupBy, key),
      }),
    );
  }
  return results;
}
