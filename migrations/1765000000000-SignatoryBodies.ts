import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The body a signatory signs for may be an organization (a city council, a committee, an
 * embassy) as well as a municipality (its government): a second column, as a delegation's
 * sender has, and at most one of the two.
 */
export class SignatoryBodies1765000000000 implements MigrationInterface {
  name = 'SignatoryBodies1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE agreement_signatory
        ADD COLUMN on_behalf_of_organization_id uuid REFERENCES organization(id) ON DELETE RESTRICT,
        ADD CONSTRAINT agreement_signatory_one_body CHECK (num_nonnulls(on_behalf_of_id, on_behalf_of_organization_id) <= 1)`);
    await db.query(
      `CREATE INDEX agreement_signatory_on_behalf_organization_idx ON agreement_signatory (on_behalf_of_organization_id)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX agreement_signatory_on_behalf_organization_idx`);
    await db.query(`
      ALTER TABLE agreement_signatory
        DROP CONSTRAINT agreement_signatory_one_body,
        DROP COLUMN on_behalf_of_organization_id`);
  }
}
