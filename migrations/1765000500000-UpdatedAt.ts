import { MigrationInterface, QueryRunner } from 'typeorm';
// The record types' tables (every Node): each has created_at and updated_at.
import { RECORD_TABLES } from './1765000410000-ExternalIds';

/** The tables a top-level list reads with an `updatedSince` filter. */
const LISTED_TABLES = ['agreement', 'cooperation_area', 'delegation', 'municipality', 'person', 'source', 'visit'];

/** Citation columns, each naming the record a citation supports, with that record's table. */
const CITED = [
  ['agreement', 'agreement_id'],
  ['visit', 'visit_id'],
  ['delegation', 'delegation_id'],
  ['municipality', 'municipality_id'],
  ['person', 'person_id'],
  ['mayoral_term', 'mayoral_term_id'],
  ['organization', 'organization_id'],
  ['committee', 'committee_id'],
  ['person_position', 'person_position_id'],
];

/**
 * Rows a record owns (its links, in its audit snapshot), as [table, [owner table, column]...].
 * A record's updatedAt moves when any of them is added, changed or removed.
 */
const OWNED: Array<[string, string[][]]> = [
  ['agreement_party', [['agreement', 'agreement_id']]],
  ['agreement_area', [['agreement', 'agreement_id']]],
  ['agreement_signatory', [['agreement', 'agreement_id']]],
  ['agreement_status_change', [['agreement', 'agreement_id']]],
  // Both ends: the implementing agreement's `implements` and the other's `implementedBy`.
  [
    'agreement_implementation',
    [
      ['agreement', 'agreement_id'],
      ['agreement', 'implements_id'],
    ],
  ],
  ['delegation_member', [['delegation', 'delegation_id']]],
  ['visit_counterpart', [['visit', 'visit_id']]],
  ['visit_area', [['visit', 'visit_id']]],
  ['citation', CITED],
];

/** True while a register file is restored, which keeps the file's own times (import-register.ts). */
const RESTORING = `current_setting('register.restoring', true) = 'on'`;

const EVENTS = [
  ['insert', 'INSERT', 'NEW'],
  ['update', 'UPDATE', 'NEW'],
  ['delete', 'DELETE', 'OLD'],
] as const;

/**
 * updatedAt for a portal's sync (`updatedSince` on the lists), kept by the database so that
 * no write path can forget it: the mutation framework stamps records it changes or touches,
 * and these triggers catch the rest (imports that upsert rows or add citations to records
 * already there). A record's own update stamps it unless the statement set updated_at itself;
 * a change to rows it owns stamps it unless this transaction has already (`< now()`: now() is
 * the transaction's start, so a record created or touched in it is not written twice). A
 * register file restored keeps its records' own times.
 */
export class UpdatedAt1765000500000 implements MigrationInterface {
  name = 'UpdatedAt1765000500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION updated_at_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at AND ${RESTORING} IS NOT TRUE THEN
          NEW.updated_at := now();
        END IF;
        RETURN NEW;
      END $$`);
    // Arguments: pairs of (owner table, column of the changed rows naming the owner).
    await db.query(`
      CREATE FUNCTION updated_at_touch_owners() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF ${RESTORING} THEN RETURN NULL; END IF;
        FOR pair IN 0 .. TG_NARGS / 2 - 1 LOOP
          EXECUTE format('UPDATE %I SET updated_at = now() WHERE id IN (SELECT %I FROM changed) AND updated_at < now()',
            TG_ARGV[2 * pair], TG_ARGV[2 * pair + 1]);
        END LOOP;
        RETURN NULL;
      END $$`);
    for (const table of RECORD_TABLES) {
      await db.query(
        `CREATE TRIGGER ${table}_updated_at BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION updated_at_stamp()`,
      );
    }
    for (const [table, owners] of OWNED) {
      const args = owners
        .flat()
        .map((name) => `'${name}'`)
        .join(', ');
      for (const [event, verb, rows] of EVENTS) {
        await db.query(`CREATE TRIGGER ${table}_touch_owner_${event} AFTER ${verb} ON ${table}
          REFERENCING ${rows} TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION updated_at_touch_owners(${args})`);
      }
    }
    for (const table of LISTED_TABLES) {
      await db.query(`CREATE INDEX ${table}_updated_at_idx ON ${table} (updated_at)`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of LISTED_TABLES) await db.query(`DROP INDEX ${table}_updated_at_idx`);
    for (const [table] of OWNED) {
      for (const [event] of EVENTS) await db.query(`DROP TRIGGER ${table}_touch_owner_${event} ON ${table}`);
    }
    for (const table of RECORD_TABLES) await db.query(`DROP TRIGGER ${table}_updated_at ON ${table}`);
    await db.query('DROP FUNCTION updated_at_touch_owners()');
    await db.query('DROP FUNCTION updated_at_stamp()');
  }
}
