import { MigrationInterface, QueryRunner } from 'typeorm';
import { registerVersionTriggers } from './1764400001000-RegisterVersion';

/**
 * What a visit was about, beyond its cooperation areas: the agreements discussed (a pact the
 * trip was to make operational) and third municipalities (a city the two delegations talked
 * about). Written after the fact from the visit's side, so each row belongs to the visit: it
 * goes when the visit is deleted, while an agreement or a municipality a visit was about
 * cannot be deleted (IN_USE) until the visit no longer names it, so no visit's record
 * changes without an audit entry of its own.
 */
const TABLES = [
  { table: 'visit_subject_agreement', column: 'agreement_id', references: 'agreement' },
  { table: 'visit_subject_municipality', column: 'municipality_id', references: 'municipality' },
];

export class VisitSubjects1765000610000 implements MigrationInterface {
  name = 'VisitSubjects1765000610000';

  async up(db: QueryRunner): Promise<void> {
    for (const { table, column, references } of TABLES) {
      await db.query(`
        CREATE TABLE ${table} (
          visit_id uuid NOT NULL REFERENCES visit(id) ON DELETE CASCADE,
          ${column} uuid NOT NULL REFERENCES ${references}(id) ON DELETE RESTRICT,
          PRIMARY KEY (visit_id, ${column})
        )`);
      // The reverse lookups (Agreement.discussedOnVisits, Municipality.visitsAbout) and the foreign key's checks.
      await db.query(`CREATE INDEX ${table}_${references}_idx ON ${table} (${column}, visit_id)`);
      for (const statement of registerVersionTriggers(table)) await db.query(statement);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const { table } of [...TABLES].reverse()) await db.query(`DROP TABLE ${table}`);
  }
}
