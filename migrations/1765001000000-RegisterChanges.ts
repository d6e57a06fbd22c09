import { MigrationInterface, QueryRunner } from 'typeorm';
import { REGISTER_VERSION_BUMP } from './1764400001000-RegisterVersion';

/**
 * The change feed: one row per audited change of a public record, in commit order, with what a
 * portal needs to sync (which record, what happened, which fields, which cities) and none of
 * the audit log's private parts (who, with which key, the values).
 *
 * Commit order, not id order: the writing transaction's rows are stamped with the register
 * version its commit moves to (`commit_version`), and that version is taken under the lock on
 * register_version's one row, held until commit. A transaction that started first but commits
 * later waits for that lock and gets the next version, so versions follow commits, and a reader
 * that sees version v committed has seen every version below it. A position (commit_version,
 * audit_seq) therefore never passes a change that commits later: the cursor cannot skip.
 *
 * The version trigger (register_version_bump, once per writing transaction, deferred to the
 * end) moves the version, stamps the transaction's rows and sends one NOTIFY naming the types
 * and municipalities changed, delivered by PostgreSQL at commit to every listening process.
 * Writers that audit nothing (an import, raw SQL) notify too, with types null: "anything".
 *
 * Rows older than the retention are deleted (src/modules/change/change-retention.ts); the
 * horizon keeps the last position deleted, so an older cursor is refused (CURSOR_EXPIRED)
 * rather than silently skipping what was compacted.
 */
export class RegisterChanges1765001000000 implements MigrationInterface {
  name = 'RegisterChanges1765001000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE register_change (
        audit_seq bigint PRIMARY KEY REFERENCES audit_log (seq),
        commit_version bigint,
        changed_at timestamptz NOT NULL,
        action text NOT NULL CHECK (action IN ('CREATE', 'UPDATE', 'DELETE', 'LINK')),
        record_type text NOT NULL,
        record_id uuid NOT NULL,
        record_version integer,
        fields text[] NOT NULL,
        municipality_ids uuid[] NOT NULL DEFAULT '{}'
      )`);
    await db.query(`CREATE UNIQUE INDEX register_change_position ON register_change (commit_version, audit_seq)`);
    await db.query(
      `CREATE INDEX register_change_type_position ON register_change (record_type, commit_version, audit_seq)`,
    );
    await db.query(`CREATE INDEX register_change_municipalities ON register_change USING gin (municipality_ids)`);
    // Only the writing transaction's own rows are ever unstamped, and only until its commit.
    await db.query(
      `CREATE INDEX register_change_unstamped ON register_change (audit_seq) WHERE commit_version IS NULL`,
    );
    await db.query(`CREATE INDEX register_change_changed_at ON register_change (changed_at)`);
    await db.query(`
      CREATE TABLE register_change_horizon (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        compacted_version bigint NOT NULL DEFAULT 0,
        compacted_seq bigint NOT NULL DEFAULT 0,
        compacted_at timestamptz
      )`);
    await db.query(`INSERT INTO register_change_horizon DEFAULT VALUES`);
    await db.query(`
      CREATE OR REPLACE FUNCTION register_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        moved bigint;
        notice jsonb;
      BEGIN
        IF current_setting('register.version_moved', true) IS DISTINCT FROM txid_current()::text THEN
          PERFORM set_config('register.version_moved', txid_current()::text, true);
          UPDATE register_version SET version = version + 1 RETURNING version INTO moved;
          WITH stamped AS (
            UPDATE register_change SET commit_version = moved WHERE commit_version IS NULL
            RETURNING record_type, municipality_ids
          ), kinds AS (
            SELECT count(*) AS n, jsonb_agg(DISTINCT record_type) AS list FROM stamped
          ), places AS (
            SELECT count(DISTINCT m) AS n, coalesce(jsonb_agg(DISTINCT m), '[]') AS list
              FROM stamped, unnest(municipality_ids) AS m
          )
          -- 150 ids keep the payload under NOTIFY's 8,000 bytes; past that, "any municipality".
          SELECT jsonb_build_object(
                   'v', moved,
                   'types', CASE WHEN kinds.n = 0 THEN NULL ELSE kinds.list END,
                   'municipalities', CASE WHEN kinds.n = 0 OR places.n > 150 THEN NULL ELSE places.list END)
            INTO notice FROM kinds, places;
          PERFORM pg_notify('register_changes', notice::text);
        END IF;
        RETURN NULL;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION register_version_bump() RETURNS trigger LANGUAGE plpgsql AS ${REGISTER_VERSION_BUMP}`);
    await db.query(`DROP TABLE register_change_horizon`);
    await db.query(`DROP TABLE register_change`);
  }
}
