import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the write API needs: API keys (stored as hashes only), the audit trail, the record of
 * create mutations already done (safe retries), and the integrity gaps the first schema left
 * open (a moved party row, deletable status history, a status column writable behind the
 * history's back). Every mutable table already has `version` (InitialSchema).
 */
export class WriteApi1764300001000 implements MigrationInterface {
  name = 'WriteApi1764300001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (name <> '' AND length(name) <= 200),
        role text NOT NULL CHECK (role IN ('READER', 'EDITOR', 'ADMIN')),
        -- SHA-256 of the whole key. Keys are 256 random bits, so a fast hash is enough (see
        -- src/auth/api-key.ts) and lets a request find its key by an index lookup.
        key_hash bytea NOT NULL UNIQUE CHECK (length(key_hash) = 32),
        -- The key's first characters, shown in lists so that people can tell keys apart.
        key_prefix text NOT NULL,
        expires_at timestamptz,
        revoked_at timestamptz,
        created_by_id uuid REFERENCES api_key(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE api_key_scope (
        api_key_id uuid NOT NULL REFERENCES api_key(id) ON DELETE CASCADE,
        municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
        PRIMARY KEY (api_key_id, municipality_id)
      )`);

    await db.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        api_key_id uuid REFERENCES api_key(id) ON DELETE RESTRICT,
        mutation text NOT NULL,
        action text NOT NULL CHECK (action IN ('CREATE', 'UPDATE', 'DELETE')),
        record_type text NOT NULL,
        record_id uuid NOT NULL,
        before jsonb,
        after jsonb,
        CHECK ((action = 'CREATE') = (before IS NULL) AND (action = 'DELETE') = (after IS NULL))
      )`);
    await db.query(`CREATE INDEX audit_log_record_idx ON audit_log (record_id, seq)`);
    await db.query(`CREATE INDEX audit_log_key_idx ON audit_log (api_key_id, seq)`);
    await db.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite()`);
    await db.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite()`);

    // One row per create mutation a key sent with a clientMutationId: a retry finds it and
    // gets the first result back. Inserted first in the mutation's transaction, so a
    // concurrent retry waits on the primary key until the first one commits or rolls back.
    await db.query(`
      CREATE TABLE client_mutation (
        api_key_id uuid NOT NULL REFERENCES api_key(id) ON DELETE CASCADE,
        client_mutation_id text NOT NULL CHECK (client_mutation_id <> '' AND length(client_mutation_id) <= 200),
        mutation text NOT NULL,
        record_type text,
        record_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (api_key_id, client_mutation_id)
      )`);

    await this.closeIntegrityGaps(db);
  }

  private async closeIntegrityGaps(db: QueryRunner): Promise<void> {
    // Moving a party row (UPDATE of agreement_id) must re-check the agreement it left too.
    await db.query(`
      CREATE FUNCTION agreement_parties_verify(target uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        actual text;
        parties integer;
        stored text;
      BEGIN
        SELECT party_key INTO stored FROM agreement WHERE id = target;
        IF NOT FOUND THEN RETURN; END IF; -- the agreement itself was deleted
        SELECT count(*), string_agg(municipality_id::text, ',' ORDER BY municipality_id)
          INTO parties, actual FROM agreement_party WHERE agreement_id = target;
        IF parties < 2 THEN
          RAISE EXCEPTION 'agreement % has % parties; at least two distinct parties are required', target, parties
            USING ERRCODE = 'check_violation', CONSTRAINT = 'agreement_at_least_two_parties';
        END IF;
        IF actual IS DISTINCT FROM stored THEN
          RAISE EXCEPTION 'agreement % party_key % does not match its parties %', target, stored, actual
            USING ERRCODE = 'check_violation', CONSTRAINT = 'agreement_party_key_matches';
        END IF;
      END $$`);
    await db.query(`
      CREATE OR REPLACE FUNCTION agreement_parties_check() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'agreement' THEN
          PERFORM agreement_parties_verify(NEW.id);
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM agreement_parties_verify(OLD.agreement_id);
        ELSE
          PERFORM agreement_parties_verify(NEW.agreement_id);
          IF TG_OP = 'UPDATE' AND OLD.agreement_id IS DISTINCT FROM NEW.agreement_id THEN
            PERFORM agreement_parties_verify(OLD.agreement_id);
          END IF;
        END IF;
        RETURN NULL;
      END $$`);

    // Status history rows may go only with their agreement (ON DELETE CASCADE): by then the
    // agreement row is gone, which is how a cascade is told from a DELETE of history.
    await db.query(`
      CREATE FUNCTION agreement_status_change_keep() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM agreement WHERE id = OLD.agreement_id) THEN
          RAISE EXCEPTION 'agreement_status_change is an append-only history' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN OLD;
      END $$`);
    await db.query(`
      CREATE TRIGGER agreement_status_change_no_delete BEFORE DELETE ON agreement_status_change
      FOR EACH ROW EXECUTE FUNCTION agreement_status_change_keep()`);

    // agreement.status mirrors the latest history entry: it changes only by appending one
    // (agreement_status_follow_history), never by writing the column directly.
    // Follow the latest entry, not the row being inserted: a multi-row INSERT of history fires
    // this once per row after all rows are in, and only the latest may become the status.
    await db.query(`
      CREATE OR REPLACE FUNCTION agreement_status_follow_history() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        latest text;
      BEGIN
        SELECT status INTO latest FROM agreement_status_change WHERE agreement_id = NEW.agreement_id ORDER BY seq DESC LIMIT 1;
        UPDATE agreement SET status = latest WHERE id = NEW.agreement_id AND status IS DISTINCT FROM latest;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION agreement_status_matches_history() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        latest text;
      BEGIN
        SELECT status INTO latest FROM agreement_status_change WHERE agreement_id = NEW.id ORDER BY seq DESC LIMIT 1;
        IF FOUND AND latest IS DISTINCT FROM NEW.status THEN
          RAISE EXCEPTION 'agreement % status % differs from its latest status change %; append to the history instead', NEW.id, NEW.status, latest
            USING ERRCODE = 'check_violation', CONSTRAINT = 'agreement_status_follows_history';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER agreement_status_matches_history BEFORE UPDATE OF status ON agreement
      FOR EACH ROW EXECUTE FUNCTION agreement_status_matches_history()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER agreement_status_matches_history ON agreement`);
    await db.query(`DROP FUNCTION agreement_status_matches_history()`);
    await db.query(`
      CREATE OR REPLACE FUNCTION agreement_status_follow_history() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE agreement SET status = NEW.status WHERE id = NEW.agreement_id AND status IS DISTINCT FROM NEW.status;
        RETURN NULL;
      END $$`);
    await db.query(`DROP TRIGGER agreement_status_change_no_delete ON agreement_status_change`);
    await db.query(`DROP FUNCTION agreement_status_change_keep()`);
    // The first schema's check, self-contained, so that its own down finds what it made.
    await db.query(`
      CREATE OR REPLACE FUNCTION agreement_parties_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target uuid;
        actual text;
        parties integer;
        stored text;
      BEGIN
        IF TG_TABLE_NAME = 'agreement' THEN
          target := NEW.id;
        ELSIF TG_OP = 'DELETE' THEN
          target := OLD.agreement_id;
        ELSE
          target := NEW.agreement_id;
        END IF;
        SELECT party_key INTO stored FROM agreement WHERE id = target;
        IF NOT FOUND THEN RETURN NULL; END IF;
        SELECT count(*), string_agg(municipality_id::text, ',' ORDER BY municipality_id)
          INTO parties, actual FROM agreement_party WHERE agreement_id = target;
        IF parties < 2 THEN
          RAISE EXCEPTION 'agreement % has % parties; at least two distinct parties are required', target, parties
            USING ERRCODE = 'check_violation', CONSTRAINT = 'agreement_at_least_two_parties';
        END IF;
        IF actual IS DISTINCT FROM stored THEN
          RAISE EXCEPTION 'agreement % party_key % does not match its parties %', target, stored, actual
            USING ERRCODE = 'check_violation', CONSTRAINT = 'agreement_party_key_matches';
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`DROP FUNCTION agreement_parties_verify(uuid)`);
    for (const table of ['client_mutation', 'audit_log', 'api_key_scope', 'api_key']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
