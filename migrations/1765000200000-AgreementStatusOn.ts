import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An agreement's status as of a day, following the dates: the one rule that the `status`
 * field, the `statuses` filter and the stats by status all read, so that a dashboard's counts
 * and the status shown beside each agreement never disagree.
 *
 * - The recorded entry in effect is the latest one recorded (by seq, as the trigger
 *   agreement_status_follow_history makes the stored status) among those dated on or before
 *   the day; an entry of a month or year counts from its first day, an undated entry from
 *   the start. With none in effect (all dated later), the agreement reads PROPOSED.
 * - A SIGNED or IN_FORCE agreement reads PROPOSED before its signing date (an undated first
 *   entry must not make it signed before it was).
 * - It reads EXPIRED once its fixed term has ended (valid_until at its precision: a month or
 *   year term ends on the last day of that month or year), unless the entry in effect is dated
 *   after the term's end: a record of it being in force then outweighs the computation.
 */
export class AgreementStatusOn1765000200000 implements MigrationInterface {
  name = 'AgreementStatusOn1765000200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION agreement_status_on(a agreement, day date) RETURNS text
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT CASE
          WHEN recorded.status IS NULL THEN 'PROPOSED'
          WHEN recorded.status NOT IN ('SIGNED', 'IN_FORCE') THEN recorded.status
          WHEN a.signed_on > day THEN 'PROPOSED'
          WHEN partial_date_end(a.valid_until, a.valid_until_precision) < day
           AND (recorded.changed_on IS NULL OR recorded.changed_on <= partial_date_end(a.valid_until, a.valid_until_precision))
            THEN 'EXPIRED'
          ELSE recorded.status END
        FROM (SELECT 1) one
        LEFT JOIN LATERAL (
          SELECT s.status, s.changed_on FROM agreement_status_change s
           WHERE s.agreement_id = a.id AND (s.changed_on IS NULL OR s.changed_on <= day)
           ORDER BY s.seq DESC LIMIT 1) recorded ON true
      $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION agreement_status_on(agreement, date)`);
  }
}
