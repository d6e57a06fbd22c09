import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organizations gain a Wikidata id, as municipalities and people have: a portal finds an
 * embassy or a council by it (organization(wikidataId:)). One organization each (UNIQUE, whose
 * index serves the lookup), in the format Wikidata gives.
 */
export class OrganizationWikidata1765000800000 implements MigrationInterface {
  name = 'OrganizationWikidata1765000800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE organization ADD COLUMN wikidata_id text
      CONSTRAINT organization_wikidata_id_key UNIQUE CHECK (wikidata_id ~ '^Q[1-9][0-9]*$')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE organization DROP COLUMN wikidata_id');
  }
}
