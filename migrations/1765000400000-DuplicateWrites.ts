import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What keeps a portal from writing one fact twice (issue 16).
 *
 * 1. One instrument per signing: an agreement of the same kind between the same parties signed
 *    on the same date is the same document, unless the caller says it is a separate one
 *    (`separate_instrument`). `agreement_same_instrument` is the rule; a trigger applies it to
 *    every write and names the agreement already recorded (DETAIL), which the API shows; a
 *    unique index covers what a trigger cannot see, two transactions racing. Sister-city pacts
 *    keep their stricter index (one per pair, whatever the date), which the twin-cities import
 *    relies on; the function names them too, for createAgreement's check. Duplicates already
 *    stored are kept, all but the first marked separate.
 * 2. Idempotency keys per account: a portal's keys share one account, so a retry sent with a
 *    rotated key still finds its first write; each claim keeps the fingerprint of its input, so
 *    the same key with another input is told apart from a retry.
 */
export class DuplicateWrites1765000400000 implements MigrationInterface {
  name = 'DuplicateWrites1765000400000';

  async up(db: QueryRunner): Promise<void> {
    await this.oneInstrumentPerSigning(db);
    await this.idempotencyPerAccount(db);
  }

  private async oneInstrumentPerSigning(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE agreement ADD COLUMN separate_instrument boolean NOT NULL DEFAULT false`);
    await db.query(`
      UPDATE agreement a SET separate_instrument = true
       WHERE a.kind <> 'SISTER_CITY' AND EXISTS (
         SELECT 1 FROM agreement b WHERE b.kind = a.kind AND b.party_key = a.party_key
            AND b.signed_on IS NOT DISTINCT FROM a.signed_on AND b.signed_on_precision IS NOT DISTINCT FROM a.signed_on_precision
            AND (b.created_at, b.id) < (a.created_at, a.id))`);
    // The update queues the deferred register-version trigger; CREATE INDEX refuses a table
    // with pending trigger events, so they fire now.
    await db.query(`SET CONSTRAINTS agreement_register_version IMMEDIATE`);
    await db.query(`
      CREATE FUNCTION agreement_same_instrument(wanted_kind text, wanted_parties text, wanted_on date, wanted_precision text, except_id uuid)
      RETURNS uuid LANGUAGE sql STABLE AS $$
        SELECT a.id FROM agreement a
         WHERE a.kind = $1 AND a.party_key = $2 AND a.id IS DISTINCT FROM $5
           -- The same signing date: the date and the precision it was stated with ("2015" is not "2015-01-01").
           AND ($1 = 'SISTER_CITY' OR (NOT a.separate_instrument
             AND a.signed_on IS NOT DISTINCT FROM $3 AND a.signed_on_precision IS NOT DISTINCT FROM $4))
         ORDER BY a.created_at, a.id LIMIT 1
      $$`);
    await db.query(`
      CREATE FUNCTION agreement_same_instrument_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        existing uuid;
      BEGIN
        -- Sister-city pacts are left to their unique index: the twin-cities import inserts them
        -- ON CONFLICT DO NOTHING, which an exception raised here would defeat.
        IF NEW.separate_instrument OR NEW.kind = 'SISTER_CITY' THEN RETURN NEW; END IF;
        existing := agreement_same_instrument(NEW.kind, NEW.party_key, NEW.signed_on, NEW.signed_on_precision, NEW.id);
        IF existing IS NOT NULL THEN
          RAISE EXCEPTION 'agreement % is already recorded as this instrument', existing
            USING ERRCODE = 'unique_violation', DETAIL = existing::text, CONSTRAINT = 'agreement_one_instrument_per_signing';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER agreement_same_instrument_check
      BEFORE INSERT OR UPDATE OF kind, party_key, signed_on, signed_on_precision, separate_instrument ON agreement
      FOR EACH ROW EXECUTE FUNCTION agreement_same_instrument_check()`);
    await db.query(`
      CREATE UNIQUE INDEX agreement_one_instrument_per_signing
      ON agreement (kind, party_key, signed_on, signed_on_precision) NULLS NOT DISTINCT WHERE NOT separate_instrument`);
  }

  private async idempotencyPerAccount(db: QueryRunner): Promise<void> {
    // Each key made before accounts is an account of its own: no two keys' claims merge.
    await db.query(`ALTER TABLE api_key ADD COLUMN account text`);
    await db.query(`UPDATE api_key SET account = 'key-' || id`);
    await db.query(`ALTER TABLE api_key ALTER COLUMN account SET NOT NULL`);
    await db.query(
      `ALTER TABLE api_key ADD CONSTRAINT api_key_account_valid CHECK (account ~ '^[a-z0-9][a-z0-9._-]{0,99}$')`,
    );
    await db.query(`ALTER TABLE client_mutation ADD COLUMN account text`);
    await db.query(`UPDATE client_mutation c SET account = k.account FROM api_key k WHERE k.id = c.api_key_id`);
    await db.query(`ALTER TABLE client_mutation ALTER COLUMN account SET NOT NULL`);
    // SHA-256 of the input's canonical JSON; null for claims made before fingerprints.
    await db.query(
      `ALTER TABLE client_mutation ADD COLUMN fingerprint bytea CHECK (fingerprint IS NULL OR length(fingerprint) = 32)`,
    );
    await db.query(`ALTER TABLE client_mutation DROP CONSTRAINT client_mutation_pkey`);
    await db.query(`ALTER TABLE client_mutation ADD PRIMARY KEY (account, client_mutation_id)`);
    await db.query(`CREATE INDEX client_mutation_api_key_idx ON client_mutation (api_key_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX client_mutation_api_key_idx`);
    await db.query(`ALTER TABLE client_mutation DROP CONSTRAINT client_mutation_pkey`);
    // Claims per account are unique per key too: a key has one account.
    await db.query(`ALTER TABLE client_mutation ADD PRIMARY KEY (api_key_id, client_mutation_id)`);
    await db.query(`ALTER TABLE client_mutation DROP COLUMN fingerprint, DROP COLUMN account`);
    await db.query(`ALTER TABLE api_key DROP COLUMN account`);
    await db.query(`DROP INDEX agreement_one_instrument_per_signing`);
    await db.query(`DROP TRIGGER agreement_same_instrument_check ON agreement`);
    await db.query(`DROP FUNCTION agreement_same_instrument_check()`);
    await db.query(`DROP FUNCTION agreement_same_instrument(text, text, date, text, uuid)`);
    await db.query(`ALTER TABLE agreement DROP COLUMN separate_instrument`);
  }
}
