import { MigrationInterface, QueryRunner } from 'typeorm';
import { registerVersionTriggers } from './1764400001000-RegisterVersion';

/**
 * The tables of the record types (every Node, src/modules/record-types.ts, API keys aside):
 * those a portal's ids may name; migration UpdatedAt stamps the same.
 */
export const RECORD_TABLES = [
  'agreement',
  'committee',
  'cooperation_area',
  'delegation',
  'mayoral_term',
  'municipality',
  'organization',
  'person',
  'person_position',
  'source',
  'visit',
];

/**
 * A portal's own ids for the records of the register: (system, id) names one record, whatever
 * its type, so a portal can find what it wrote by the id it keeps ("tehran.ir", "4711"). One
 * table for every type, so the pair is unique across types; the record is named by type and
 * uuid (no foreign key can point at eleven tables), and a trigger on each record table takes
 * a deleted record's ids with it.
 */
export class ExternalIds1765000410000 implements MigrationInterface {
  name = 'ExternalIds1765000410000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE external_id (
        -- A domain-like name of the system that keeps the id ("tehran.ir", "wikidata.org").
        system text NOT NULL CHECK (system ~ '^[a-z0-9][a-z0-9.-]{0,99}$'),
        external_id text NOT NULL CHECK (external_id ~ '^[[:graph:]]([[:graph:] ]{0,198}[[:graph:]])?$'),
        record_type text NOT NULL CHECK (record_type IN ('Agreement', 'Committee', 'CooperationArea', 'Delegation',
          'MayoralTerm', 'Municipality', 'Organization', 'Person', 'Position', 'Source', 'Visit')),
        record_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (system, external_id)
      )`);
    await db.query(`CREATE INDEX external_id_record_idx ON external_id (record_id, system, external_id)`);
    for (const statement of registerVersionTriggers('external_id')) await db.query(statement);
    await db.query(`
      CREATE FUNCTION external_id_forget() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM external_id WHERE record_id = OLD.id;
        RETURN NULL;
      END $$`);
    for (const table of RECORD_TABLES) {
      await db.query(`
        CREATE TRIGGER ${table}_external_id_forget AFTER DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION external_id_forget()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of RECORD_TABLES) await db.query(`DROP TRIGGER ${table}_external_id_forget ON ${table}`);
    await db.query(`DROP FUNCTION external_id_forget()`);
    await db.query(`DROP TABLE external_id`);
  }
}
