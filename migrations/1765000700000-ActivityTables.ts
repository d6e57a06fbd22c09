import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A date's stored columns as an activity's day and precision: a span a report gave (RANGE,
 * migration DateRanges) counts by its latest day, as a visit counts by its last day, so that
 * `dormantSince` is the day after it ("late February 2031": from 1 March).
 */
function spanDay(day: string, precision: string, latest: string): string {
  return `CASE WHEN ${precision} = 'RANGE' THEN ${latest} ELSE ${day} END`;
}

function spanPrecision(precision: string): string {
  return `CASE WHEN ${precision} = 'RANGE' THEN 'DAY' ELSE ${precision} END`;
}

/** A visit's activity day and precision: its end (its start when no end is recorded), a span by its latest day. */
const VISIT_PRECISION = 'COALESCE(v.ends_on_precision, v.starts_on_precision)';
const VISIT_DAY = spanDay(
  'COALESCE(v.ends_on, v.starts_on)',
  VISIT_PRECISION,
  'COALESCE(v.ends_on_latest, v.starts_on_latest)',
);
const VISIT_ON_PRECISION = spanPrecision(VISIT_PRECISION);

/**
 * The last dated activity of every agreement and of every pair of partner municipalities,
 * kept in two tables so that "which ties went quiet before 2019" is an index range scan
 * instead of a union over visits, status changes and sources on every request.
 *
 * An activity's `dormant_since` is the day after the latest day it can have been on (a
 * report of "2015-11" may be from 30 November): a tie is dormant since a day when nothing
 * dated on or after that day is recorded. A tie with no dated activity at all has
 * '-infinity': dormant since any day, and the oldest.
 *
 * - An agreement's activities: its signing (AGREEMENT_SIGNED), its dated status changes
 *   (STATUS_CHANGE), the visit it was signed on (VISIT, the visit's last day), the
 *   publication of a source citing it (REPORT).
 * - A pair's: every activity of an agreement both are parties to, every visit between them
 *   in either direction (a delegation sent by one, or by one of its bodies, hosted by the
 *   other) and the publication of a source citing such a visit. Cancelled and postponed
 *   visits did not take place and do not count. Only pairs tied by an agreement have a row.
 *
 * Equal last days are broken by kind (a signing, then a status change, a visit, a report),
 * then by the later start: the finer date. Migration ActivityTriggers keeps both tables in
 * step in the writing transaction; `activity_rebuild()` recomputes them from the register.
 */
export class ActivityTables1765000700000 implements MigrationInterface {
  name = 'ActivityTables1765000700000';

  async up(db: QueryRunner): Promise<void> {
    const columns = `
        last_on date,
        last_on_precision text,
        last_kind text CHECK (last_kind IN ('AGREEMENT_SIGNED', 'STATUS_CHANGE', 'VISIT', 'REPORT')),
        dormant_since date NOT NULL,
        CHECK ((last_on IS NULL) = (last_kind IS NULL) AND (last_on IS NULL) = (last_on_precision IS NULL)),
        CHECK (partial_date_valid(last_on, last_on_precision)),
        CHECK (dormant_since = COALESCE(partial_date_end(last_on, last_on_precision) + 1, '-infinity'::date))`;
    await db.query(`
      CREATE TABLE agreement_activity (
        agreement_id uuid PRIMARY KEY REFERENCES agreement(id) ON DELETE CASCADE,${columns}
      )`);
    await db.query(`CREATE INDEX agreement_activity_dormant_idx ON agreement_activity (dormant_since, agreement_id)`);
    // pair_id: a stable uuid of the unordered pair, the tie-breaker of keyset cursors.
    await db.query(`
      CREATE TABLE partner_activity (
        low_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
        high_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
        pair_id uuid NOT NULL GENERATED ALWAYS AS (md5(low_id::text || high_id::text)::uuid) STORED,${columns},
        PRIMARY KEY (low_id, high_id),
        CHECK (low_id < high_id)
      )`);
    await db.query(`CREATE UNIQUE INDEX partner_activity_pair_idx ON partner_activity (pair_id)`);
    await db.query(`CREATE INDEX partner_activity_high_idx ON partner_activity (high_id)`);
    await db.query(`CREATE INDEX partner_activity_dormant_idx ON partner_activity (dormant_since, pair_id)`);
    await db.query(`
      CREATE FUNCTION agreement_activity_refresh(targets uuid[]) RETURNS void LANGUAGE sql AS $$
        DELETE FROM agreement_activity WHERE agreement_id = ANY(targets);
        INSERT INTO agreement_activity (agreement_id, last_on, last_on_precision, last_kind, dormant_since)
        SELECT a.id, best.on_day, best.on_precision, best.kind,
               COALESCE(partial_date_end(best.on_day, best.on_precision) + 1, '-infinity'::date)
          FROM agreement a
          LEFT JOIN LATERAL (
            SELECT e.* FROM (
              SELECT ${spanDay('a.signed_on', 'a.signed_on_precision', 'a.signed_on_latest')}, ${spanPrecision('a.signed_on_precision')},
                     'AGREEMENT_SIGNED', 1
              UNION ALL
              SELECT s.changed_on, s.changed_on_precision, 'STATUS_CHANGE', 2
                FROM agreement_status_change s WHERE s.agreement_id = a.id
              UNION ALL
              SELECT ${VISIT_DAY}, ${VISIT_ON_PRECISION}, 'VISIT', 3
                FROM visit v WHERE v.id = a.signed_on_visit_id AND v.status NOT IN ('CANCELLED', 'POSTPONED')
              UNION ALL
              SELECT src.published_on, src.published_on_precision, 'REPORT', 4
                FROM citation c JOIN source src ON src.id = c.source_id WHERE c.agreement_id = a.id
            ) e(on_day, on_precision, kind, rank)
            WHERE e.on_day IS NOT NULL
            ORDER BY partial_date_end(e.on_day, e.on_precision) DESC, e.rank, e.on_day DESC LIMIT 1
          ) best ON true
         WHERE a.id = ANY(targets);
      $$`);
    await db.query(`
      -- Pairs come as two arrays (lower id, higher id), in any number and with repeats. Set at
      -- a time, not pair by pair: a batch of imported pacts is a few hash joins whatever the
      -- statistics say (a lateral lookup per pair took 7 s for 5,000 pairs on fresh tables).
      CREATE FUNCTION partner_activity_refresh(lows uuid[], highs uuid[]) RETURNS void LANGUAGE sql AS $$
        DELETE FROM partner_activity p USING unnest(lows, highs) t(low, high)
         WHERE p.low_id = t.low AND p.high_id = t.high;
        WITH pairs AS (SELECT DISTINCT low, high FROM unnest(lows, highs) t(low, high) WHERE low < high),
        tied AS (
          SELECT t.low, t.high, act.last_on, act.last_on_precision, act.last_kind
            FROM pairs t
            JOIN agreement_party x ON x.municipality_id = t.low
            JOIN agreement_party y ON y.agreement_id = x.agreement_id AND y.municipality_id = t.high
            JOIN agreement_activity act ON act.agreement_id = x.agreement_id),
        -- Visits between tied pairs, either way; a body's delegation counts for its city.
        ends AS (
          SELECT DISTINCT low AS host, high AS other, low, high FROM tied
          UNION ALL SELECT DISTINCT high, low, low, high FROM tied),
        visits AS (
          SELECT t.low, t.high, v.id, ${VISIT_DAY} AS on_day, ${VISIT_ON_PRECISION} AS on_precision
            FROM ends t
            JOIN visit v ON v.host_municipality_id = t.host
            JOIN delegation d ON d.id = v.delegation_id
            LEFT JOIN organization o ON o.id = d.sender_organization_id
           WHERE COALESCE(d.sender_municipality_id, o.municipality_id) = t.other
             AND v.status NOT IN ('CANCELLED', 'POSTPONED')),
        events (low, high, on_day, on_precision, kind, rank) AS (
          SELECT low, high, last_on, last_on_precision, last_kind,
                 CASE last_kind WHEN 'AGREEMENT_SIGNED' THEN 1 WHEN 'STATUS_CHANGE' THEN 2 WHEN 'VISIT' THEN 3 ELSE 4 END
            FROM tied
          UNION ALL
          SELECT low, high, on_day, on_precision, 'VISIT', 3 FROM visits
          UNION ALL
          SELECT vs.low, vs.high, src.published_on, src.published_on_precision, 'REPORT', 4
            FROM visits vs JOIN citation c ON c.visit_id = vs.id JOIN source src ON src.id = c.source_id
           WHERE src.published_on IS NOT NULL)
        INSERT INTO partner_activity (low_id, high_id, last_on, last_on_precision, last_kind, dormant_since)
        SELECT DISTINCT ON (low, high) low, high, on_day, on_precision, kind,
               COALESCE(partial_date_end(on_day, on_precision) + 1, '-infinity'::date)
          FROM events
         ORDER BY low, high, on_day IS NULL, partial_date_end(on_day, on_precision) DESC, rank, on_day DESC;
      $$`);
    await db.query(`
      CREATE FUNCTION activity_rebuild() RETURNS void LANGUAGE sql AS $$
        DELETE FROM partner_activity;
        DELETE FROM agreement_activity;
        SELECT agreement_activity_refresh(ARRAY(SELECT id FROM agreement));
        SELECT partner_activity_refresh(array_agg(x.municipality_id), array_agg(y.municipality_id))
          FROM agreement_party x
          JOIN agreement_party y ON y.agreement_id = x.agreement_id AND x.municipality_id < y.municipality_id;
      $$`);
    await db.query(`SELECT activity_rebuild()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION activity_rebuild()`);
    await db.query(`DROP FUNCTION partner_activity_refresh(uuid[], uuid[])`);
    await db.query(`DROP FUNCTION agreement_activity_refresh(uuid[])`);
    await db.query(`DROP TABLE partner_activity`);
    await db.query(`DROP TABLE agreement_activity`);
  }
}
