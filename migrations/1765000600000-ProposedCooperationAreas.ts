import { MigrationInterface, QueryRunner } from 'typeorm';

/** Where a cooperation area is referred to, and the column that refers to it. */
const AREA_REFERENCES = [
  { table: 'agreement_area', column: 'area_id' },
  { table: 'visit_area', column: 'area_id' },
  { table: 'committee', column: 'area_id' },
  { table: 'cooperation_area', column: 'parent_id' },
];

/**
 * Editors may propose a new term of the cooperation-area vocabulary; an admin accepts it (or
 * rejects it, which deletes it). Until then it is PROPOSED, and nothing may be filed under it
 * nor placed beneath it: a term everybody's queries expand over must be one an admin agreed
 * to, and a rejected term then never leaves a record pointing at it. The mutations check this
 * first and name the field; the triggers here hold it against every other writer, and keep an
 * accepted term from going back to PROPOSED.
 */
export class ProposedCooperationAreas1765000600000 implements MigrationInterface {
  name = 'ProposedCooperationAreas1765000600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE cooperation_area ADD COLUMN status text NOT NULL DEFAULT 'ACCEPTED'
        CONSTRAINT cooperation_area_status_known CHECK (status IN ('PROPOSED', 'ACCEPTED'))`);
    // The trigger's argument names the referring column, so one function serves every table.
    await db.query(`
      CREATE FUNCTION cooperation_area_accepted_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE area uuid := (to_jsonb(NEW) ->> TG_ARGV[0])::uuid;
      BEGIN
        IF area IS NOT NULL AND EXISTS (SELECT 1 FROM cooperation_area WHERE id = area AND status = 'PROPOSED') THEN
          RAISE EXCEPTION 'cooperation area % is proposed, not yet accepted', area
            USING ERRCODE = 'check_violation', CONSTRAINT = 'cooperation_area_accepted';
        END IF;
        RETURN NEW;
      END $$`);
    for (const { table, column } of AREA_REFERENCES) {
      await db.query(`
        CREATE TRIGGER ${table}_area_accepted BEFORE INSERT OR UPDATE OF ${column} ON ${table}
        FOR EACH ROW EXECUTE FUNCTION cooperation_area_accepted_check('${column}')`);
    }
    await db.query(`
      CREATE FUNCTION cooperation_area_stays_accepted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'cooperation area % is accepted; it cannot become proposed again', OLD.id
          USING ERRCODE = 'check_violation', CONSTRAINT = 'cooperation_area_stays_accepted';
      END $$`);
    await db.query(`
      CREATE TRIGGER cooperation_area_stays_accepted BEFORE UPDATE OF status ON cooperation_area
      FOR EACH ROW WHEN (OLD.status = 'ACCEPTED' AND NEW.status = 'PROPOSED')
      EXECUTE FUNCTION cooperation_area_stays_accepted()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER cooperation_area_stays_accepted ON cooperation_area`);
    await db.query(`DROP FUNCTION cooperation_area_stays_accepted()`);
    for (const { table } of AREA_REFERENCES) await db.query(`DROP TRIGGER ${table}_area_accepted ON ${table}`);
    await db.query(`DROP FUNCTION cooperation_area_accepted_check()`);
    await db.query(`ALTER TABLE cooperation_area DROP COLUMN status`);
  }
}
