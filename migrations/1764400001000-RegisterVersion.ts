import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables whose rows anonymous readers see, when this migration was written. A write to
 * any of them moves the register's version on. A table a later migration adds gets the same
 * two triggers from that migration (registerVersionTriggers); test/response-cache.test.ts
 * fails on any table of the register without them. Left out: derived tables that change only
 * with these (search_entry, agreement_countries), and keys, audit and idempotency records,
 * which no anonymous read shows.
 */
export const VERSIONED_TABLES = [
  'agreement',
  'agreement_area',
  'agreement_implementation',
  'agreement_party',
  'agreement_signatory',
  'agreement_status_change',
  'citation',
  'committee',
  'cooperation_area',
  'delegation',
  'delegation_member',
  'mayoral_term',
  'municipality',
  'organization',
  'person',
  'person_position',
  'source',
  'visit',
  'visit_area',
  'visit_counterpart',
];

/** The two triggers that move the register version on for a table's writes (a new table's migration adds them too). */
export function registerVersionTriggers(table: string): string[] {
  return [
    `
        CREATE CONSTRAINT TRIGGER ${table}_register_version AFTER INSERT OR UPDATE OR DELETE ON ${table}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION register_version_bump()`,
    // TRUNCATE fires no row triggers; it already holds the table exclusively, so moving the
    // version at once costs no lock it does not have.
    `
        CREATE TRIGGER ${table}_register_version_truncate AFTER TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION register_version_bump()`,
  ];
}

/**
 * The version trigger's body as this migration made it (once per transaction, the first row's
 * trigger moves the version); migration RegisterChanges replaces it and restores it on down.
 */
export const REGISTER_VERSION_BUMP = `$$
      BEGIN
        IF current_setting('register.version_moved', true) IS DISTINCT FROM txid_current()::text THEN
          PERFORM set_config('register.version_moved', txid_current()::text, true);
          UPDATE register_version SET version = version + 1;
        END IF;
        RETURN NULL;
      END $$`;

/**
 * A version number of the whole register, moved on by every transaction that writes to it,
 * for the response cache: answers are cached under the version read before the request's
 * first read, so an answer is never served once a write has committed after it.
 *
 * The version moves in the writing transaction (so it becomes visible with the rows it
 * covers), from a deferred trigger (so the lock on the single row is taken at commit, after
 * every other lock the transaction takes: two writers cannot deadlock over it), and once per
 * transaction (the first row's trigger marks the transaction in a local setting; the rest
 * return at once).
 */
export class RegisterVersion1764400001000 implements MigrationInterface {
  name = 'RegisterVersion1764400001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE register_version (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version bigint NOT NULL
      )`);
    await db.query(`INSERT INTO register_version (version) VALUES (1)`);
    await db.query(`
      CREATE FUNCTION register_version_bump() RETURNS trigger LANGUAGE plpgsql AS ${REGISTER_VERSION_BUMP}`);
    for (const table of VERSIONED_TABLES) {
      for (const statement of registerVersionTriggers(table)) await db.query(statement);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of VERSIONED_TABLES) {
      await db.query(`DROP TRIGGER ${table}_register_version ON ${table}`);
      await db.query(`DROP TRIGGER ${table}_register_version_truncate ON ${table}`);
    }
    await db.query(`DROP FUNCTION register_version_bump()`);
    await db.query(`DROP TABLE register_version`);
  }
}
