import { MigrationInterface, QueryRunner } from 'typeorm';

const RECORD_COLUMNS = [
  'agreement_id',
  'visit_id',
  'delegation_id',
  'municipality_id',
  'person_id',
  'mayoral_term_id',
  'organization_id',
  'committee_id',
];

/** Exactly one record column set: the record the source supports (the initial schema's check, by its name). */
const oneRecord = (columns: string[]) =>
  `ALTER TABLE citation ADD CONSTRAINT citation_check CHECK (num_nonnulls(${columns.join(', ')}) = 1)`;

/**
 * Sources for positions (offices other than the mayoralty): the citation table gets a column
 * for them, like every other kind of record it supports, with its own unique index (a source
 * is cited once per record) and a place in the one-record check.
 */
export class PositionCitations1765000100000 implements MigrationInterface {
  name = 'PositionCitations1765000100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE citation ADD COLUMN person_position_id uuid REFERENCES person_position(id) ON DELETE CASCADE`,
    );
    await db.query(`ALTER TABLE citation DROP CONSTRAINT citation_check`);
    await db.query(oneRecord([...RECORD_COLUMNS, 'person_position_id']));
    await db.query(
      `CREATE UNIQUE INDEX citation_person_position_id_idx ON citation (person_position_id, source_id)
       WHERE person_position_id IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    // Citations of positions have no place in the older schema. Their deletes queue the
    // deferred register-version trigger, and ALTER TABLE refuses a table with pending trigger
    // events: it fires now.
    await db.query(`DELETE FROM citation WHERE person_position_id IS NOT NULL`);
    await db.query(`SET CONSTRAINTS citation_register_version IMMEDIATE`);
    await db.query(`SET CONSTRAINTS citation_register_version DEFERRED`);
    await db.query(`DROP INDEX citation_person_position_id_idx`);
    await db.query(`ALTER TABLE citation DROP CONSTRAINT citation_check`);
    await db.query(`ALTER TABLE citation DROP COLUMN person_position_id`);
    await db.query(oneRecord(RECORD_COLUMNS));
  }
}
