import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['visit_subject_agreement', 'visit_subject_municipality'];
const EVENTS = [
  ['insert', 'INSERT', 'NEW'],
  ['update', 'UPDATE', 'NEW'],
  ['delete', 'DELETE', 'OLD'],
] as const;

/**
 * What a visit was about (migration 1765000610000) is a part of the visit, like its areas and
 * counterparts: a change to it moves the visit's updatedAt whatever writes it, so a portal
 * syncing by `updatedSince` sees it. The two tables came in beside updatedAt
 * (1765000500000), which stamps the owners of the tables it knew; this gives them the same
 * triggers (updated_at_touch_owners).
 */
export class VisitSubjectsStampVisit1765000900000 implements MigrationInterface {
  name = 'VisitSubjectsStampVisit1765000900000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      for (const [event, verb, rows] of EVENTS) {
        await db.query(`CREATE TRIGGER ${table}_touch_owner_${event} AFTER ${verb} ON ${table}
          REFERENCING ${rows} TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION updated_at_touch_owners('visit', 'visit_id')`);
      }
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      for (const [event] of EVENTS) await db.query(`DROP TRIGGER ${table}_touch_owner_${event} ON ${table}`);
    }
  }
}
