import { MigrationInterface, QueryRunner } from 'typeorm';

/** The rule of 1765000400000, told a span's latest day: two spans are one date only if both ends are. */
function sameInstrumentFunction(latest: boolean): string {
  return `
      CREATE FUNCTION agreement_same_instrument(wanted_kind text, wanted_parties text, wanted_on date, wanted_precision text,
        ${latest ? 'wanted_latest date, ' : ''}except_id uuid)
      RETURNS uuid LANGUAGE sql STABLE AS $$
        SELECT a.id FROM agreement a
         WHERE a.kind = wanted_kind AND a.party_key = wanted_parties AND a.id IS DISTINCT FROM except_id
           -- The same signing date: the date and the precision it was stated with ("2015" is not "2015-01-01")${
             latest
               ? ',\n           -- and for a span its latest day too ("2018-02-20/2018-02-28" is not "2018-02-20/2018-02-25")'
               : ''
           }.
           AND (wanted_kind = 'SISTER_CITY' OR (NOT a.separate_instrument
             AND a.signed_on IS NOT DISTINCT FROM wanted_on AND a.signed_on_precision IS NOT DISTINCT FROM wanted_precision${
               latest
                 ? `\n             AND (wanted_precision IS DISTINCT FROM 'RANGE' OR a.signed_on_latest IS NOT DISTINCT FROM wanted_latest)`
                 : ''
             }))
         ORDER BY a.created_at, a.id LIMIT 1
      $$`;
}

function checkFunction(latest: boolean): string {
  const args = latest
    ? 'NEW.kind, NEW.party_key, NEW.signed_on, NEW.signed_on_precision, NEW.signed_on_latest, NEW.id'
    : 'NEW.kind, NEW.party_key, NEW.signed_on, NEW.signed_on_precision, NEW.id';
  return `
      CREATE OR REPLACE FUNCTION agreement_same_instrument_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        existing uuid;
      BEGIN
        -- Sister-city pacts are left to their unique index: the twin-cities import inserts them
        -- ON CONFLICT DO NOTHING, which an exception raised here would defeat.
        IF NEW.separate_instrument OR NEW.kind = 'SISTER_CITY' THEN RETURN NEW; END IF;
        existing := agreement_same_instrument(${args});
        IF existing IS NOT NULL THEN
          RAISE EXCEPTION 'agreement % is already recorded as this instrument', existing
            USING ERRCODE = 'unique_violation', DETAIL = existing::text, CONSTRAINT = 'agreement_one_instrument_per_signing';
        END IF;
        RETURN NEW;
      END $$`;
}

/**
 * One instrument per signing (1765000400000) came in beside dates as spans (1765000510000),
 * and compared a signing date by its earliest day and precision only: two agreements signed
 * "late February 2018" and "20-25 February 2018" read as one. A span's latest day now counts
 * too, in the rule, the trigger and the unique index (for a day, month or year the latest day
 * follows from the earliest, so nothing else changes).
 */
export class SameInstrumentSpan1765000910000 implements MigrationInterface {
  name = 'SameInstrumentSpan1765000910000';

  async up(db: QueryRunner): Promise<void> {
    await this.replace(db, true);
  }

  async down(db: QueryRunner): Promise<void> {
    await this.replace(db, false);
  }

  private async replace(db: QueryRunner, latest: boolean): Promise<void> {
    // Earlier migrations' updates of agreement queue the deferred register-version trigger;
    // CREATE INDEX refuses a table with pending trigger events, so they fire now.
    await db.query(`SET CONSTRAINTS agreement_register_version IMMEDIATE`);
    await db.query(`DROP TRIGGER agreement_same_instrument_check ON agreement`);
    await db.query(`DROP INDEX agreement_one_instrument_per_signing`);
    await db.query(
      latest
        ? `DROP FUNCTION agreement_same_instrument(text, text, date, text, uuid)`
        : `DROP FUNCTION agreement_same_instrument(text, text, date, text, date, uuid)`,
    );
    await db.query(sameInstrumentFunction(latest));
    await db.query(checkFunction(latest));
    const columns = latest ? 'signed_on, signed_on_precision, signed_on_latest' : 'signed_on, signed_on_precision';
    await db.query(`
      CREATE TRIGGER agreement_same_instrument_check
      BEFORE INSERT OR UPDATE OF kind, party_key, ${columns}, separate_instrument ON agreement
      FOR EACH ROW EXECUTE FUNCTION agreement_same_instrument_check()`);
    await db.query(`
      CREATE UNIQUE INDEX agreement_one_instrument_per_signing
      ON agreement (kind, party_key, ${columns}) NULLS NOT DISTINCT WHERE NOT separate_instrument`);
  }
}
