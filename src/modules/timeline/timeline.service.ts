import DataLoader from 'dataloader';
import { RangePrecision } from '../../common/dates';
import { Context } from '../../context';
import { groupByKey } from '../../database/rows';
import { TimelineRange } from './timeline.arguments';
import { TimelineEntry, TimelineEvent, TimelineParts } from './timeline-entry.type';

export type TimelineOwner = 'municipality' | 'person';

/**
 * What belongs to each owner ($1, uuid[]): the visits, agreements, mayoral terms and
 * positions whose events make up its timeline. A municipality: visits it hosted or whose
 * delegation it (or one of its bodies) sent, agreements it is party to, its mayors, offices in
 * it. A person: visits they headed, joined or were met on, agreements they signed, witnessed
 * or attended, their terms and offices.
 */
const BELONGS: Record<TimelineOwner, string> = {
  municipality: `
    visit_of AS (
      SELECT o.id AS owner_id, v.id AS visit_id FROM owner o JOIN visit v ON v.host_municipality_id = o.id
      UNION
      SELECT o.id, v.id FROM owner o JOIN delegation d ON d.sender_municipality_id = o.id JOIN visit v ON v.delegation_id = d.id
      UNION
      SELECT o.id, v.id FROM owner o JOIN organization body ON body.municipality_id = o.id
        JOIN delegation d ON d.sender_organization_id = body.id JOIN visit v ON v.delegation_id = d.id),
    agreement_of AS (SELECT o.id AS owner_id, p.agreement_id FROM owner o JOIN agreement_party p ON p.municipality_id = o.id),
    term_of AS (SELECT o.id AS owner_id, t.id AS term_id FROM owner o JOIN mayoral_term t ON t.municipality_id = o.id),
    position_of AS (SELECT o.id AS owner_id, pp.id AS position_id FROM owner o JOIN person_position pp ON pp.municipality_id = o.id)`,
  person: `
    visit_of AS (
      SELECT o.id AS owner_id, v.id AS visit_id FROM owner o JOIN delegation d ON d.head_person_id = o.id JOIN visit v ON v.delegation_id = d.id
      UNION
      SELECT o.id, v.id FROM owner o JOIN delegation_member m ON m.person_id = o.id JOIN visit v ON v.delegation_id = m.delegation_id
      UNION
      SELECT o.id, c.visit_id FROM owner o JOIN visit_counterpart c ON c.person_id = o.id),
    agreement_of AS (SELECT o.id AS owner_id, s.agreement_id FROM owner o JOIN agreement_signatory s ON s.person_id = o.id),
    term_of AS (SELECT o.id AS owner_id, t.id AS term_id FROM owner o JOIN mayoral_term t ON t.person_id = o.id),
    position_of AS (SELECT o.id AS owner_id, pp.id AS position_id FROM owner o JOIN person_position pp ON pp.person_id = o.id)`,
};

/**
 * Every dated event of each owner, one statement for all owners of a request ($1), within
 * $2..$3 (Gregorian days, or null for open), the first $4 of each. An event is in range when
 * its period (a year, a month, a day) overlaps the range. Order: by date; on one day, events
 * whose day is known exactly before those known only by year, month or as "within a trip";
 * then terms ending before terms starting (the outgoing mayor leaves first), visits before the
 * signings made on them, signings before later status changes; then by record id, and for
 * status changes of one agreement on one day, by the order they were recorded.
 * A SIGNED status change on the signing day is the signing itself and is not repeated.
 */
function timelineSql(owner: TimelineOwner): string {
  return `
WITH owner AS (SELECT unnest($1::uuid[]) AS id),
${BELONGS[owner]},
entry AS (
  SELECT vo.owner_id, 'VISIT' AS event, v.starts_on AS on_date, v.starts_on_precision AS on_precision,
         v.starts_on_precision = 'DAY' AND NOT v.dates_are_bounds AS exact, 'Visit' AS subject_type, v.id AS subject_id,
         0::bigint AS seq, v.starts_on_latest AS on_latest,
         jsonb_build_object('status', v.status, 'delegation', d.names, 'sender', COALESCE(sender_city.names, sender_body.names),
           'host', host.names) AS parts
  FROM visit_of vo JOIN visit v ON v.id = vo.visit_id JOIN delegation d ON d.id = v.delegation_id
  JOIN municipality host ON host.id = v.host_municipality_id
  LEFT JOIN municipality sender_city ON sender_city.id = d.sender_municipality_id
  LEFT JOIN organization sender_body ON sender_body.id = d.sender_organization_id
  UNION ALL
  SELECT ao.owner_id, 'SIGNING', a.signed_on, a.signed_on_precision, a.signed_on_precision = 'DAY', 'Agreement', a.id, 0,
         a.signed_on_latest,
         jsonb_build_object('agreement', a.titles, 'place', place.names)
  FROM agreement_of ao JOIN agreement a ON a.id = ao.agreement_id
  LEFT JOIN municipality place ON place.id = a.signed_in_municipality_id
  WHERE a.signed_on IS NOT NULL
  UNION ALL
  SELECT ao.owner_id, 'STATUS_CHANGE', c.changed_on, c.changed_on_precision, c.changed_on_precision = 'DAY', 'Agreement', a.id,
         c.seq, partial_date_end(c.changed_on, c.changed_on_precision), jsonb_build_object('agreement', a.titles, 'status', c.status)
  FROM agreement_of ao JOIN agreement a ON a.id = ao.agreement_id JOIN agreement_status_change c ON c.agreement_id = a.id
  WHERE c.changed_on IS NOT NULL AND NOT (c.status = 'SIGNED' AND c.changed_on IS NOT DISTINCT FROM a.signed_on)
  UNION ALL
  SELECT tof.owner_id, bound.event, bound.on_date, bound.on_precision, bound.on_precision = 'DAY', 'MayoralTerm', t.id, 0,
         partial_date_end(bound.on_date, bound.on_precision),
         jsonb_build_object('person', p.names, 'municipality', m.names)
  FROM term_of tof JOIN mayoral_term t ON t.id = tof.term_id
  JOIN person p ON p.id = t.person_id JOIN municipality m ON m.id = t.municipality_id
  CROSS JOIN LATERAL (VALUES ('TERM_START', t.since, t.since_precision), ('TERM_END', t.until, t.until_precision))
    AS bound(event, on_date, on_precision)
  WHERE bound.on_date IS NOT NULL
  UNION ALL
  SELECT pof.owner_id, bound.event, bound.on_date, bound.on_precision, bound.on_precision = 'DAY', 'Position', pp.id, 0,
         partial_date_end(bound.on_date, bound.on_precision),
         jsonb_build_object('person', p.names, 'office', pp.titles)
  FROM position_of pof JOIN person_position pp ON pp.id = pof.position_id JOIN person p ON p.id = pp.person_id
  CROSS JOIN LATERAL (VALUES ('TERM_START', pp.since, pp.since_precision), ('TERM_END', pp.until, pp.until_precision))
    AS bound(event, on_date, on_precision)
  WHERE bound.on_date IS NOT NULL
)
SELECT owner_id, event, on_date, on_latest, on_precision, subject_type, subject_id, parts
FROM (
  SELECT entry.*, row_number() OVER (PARTITION BY owner_id ORDER BY on_date, exact DESC,
           array_position(ARRAY['TERM_END', 'TERM_START', 'VISIT', 'SIGNING', 'STATUS_CHANGE'], event), subject_id, seq) AS position
  FROM entry
  WHERE ($2::date IS NULL OR on_latest >= $2::date) AND ($3::date IS NULL OR on_date <= $3::date)
) ordered
WHERE position <= $4
ORDER BY owner_id, position`;
}

interface TimelineRow {
  owner_id: string;
  event: TimelineEvent;
  on_date: string;
  on_latest: string;
  on_precision: RangePrecision;
  subject_type: string;
  subject_id: string;
  parts: TimelineParts;
}

/** The timeline of each owner asked for in the request with the same range: one statement. */
export function timelineOf(
  context: Context,
  owner: TimelineOwner,
  range: TimelineRange,
): DataLoader<string, TimelineEntry[]> {
  const sql = timelineSql(owner);
  return context.loaders.get<string, TimelineEntry[]>(
    `timeline:${owner}:${range.from}:${range.to}:${range.first}`,
    async (reader, ids) => {
      const rows: TimelineRow[] = await reader.query(sql, [ids, range.from, range.to, range.first]);
      const entries = rows.map((row) => ({
        owner: row.owner_id,
        entry: Object.assign(new TimelineEntry(), {
          date: row.on_date,
          latest: row.on_latest,
          precision: row.on_precision,
          event: row.event,
          subjectType: row.subject_type,
          subjectId: row.subject_id,
          parts: row.parts,
        }),
      }));
      return groupByKey(ids, entries, (item) => item.owner).map((group) => group.map((item) => item.entry));
    },
  );
}
