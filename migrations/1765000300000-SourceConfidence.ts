import { MigrationInterface, QueryRunner } from 'typeorm';

const LEVELS = `('CONFIRMED', 'REPORTED', 'CLAIMED', 'DISPUTED')`;
const NOTE = (column: string) => `CHECK (char_length(${column}) BETWEEN 1 AND 1000)`;

/**
 * How much to trust a source, and each citation of it (issue 16, item 2).
 *
 * A source has a confidence (CONFIRMED, REPORTED, CLAIMED, DISPUTED, strongest first) and a
 * note; a citation may state its own, which then outweighs its source's for that record
 * (`coalesce(citation.confidence, source.confidence)`, and the note goes with the level it
 * explains). Existing sources, and new ones given none, take the level their kind suggests
 * (`source_kind_confidence`): a party's own document confirms what it records, a blog only
 * claims it, every report, compilation or data set reports it. The kind is the only evidence
 * of provenance the register held, and nothing answers differently by default.
 *
 * `agreement_support` keeps each cited agreement's strongest effective confidence, so that
 * network, path, partners and the stats filter on one indexed join instead of grouping every
 * agreement's citations per request; triggers keep it in step with citations and sources in
 * the writing transaction. An agreement citing nothing has no row: nothing supports it.
 */
export class SourceConfidence1765000300000 implements MigrationInterface {
  name = 'SourceConfidence1765000300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- The order of the levels, strongest highest: what "at least REPORTED" compares by.
      CREATE FUNCTION confidence_strength(level text) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE level WHEN 'CONFIRMED' THEN 4 WHEN 'REPORTED' THEN 3 WHEN 'CLAIMED' THEN 2 WHEN 'DISPUTED' THEN 1 END::smallint
      $$`);
    await db.query(`
      CREATE FUNCTION source_kind_confidence(kind text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE kind WHEN 'OFFICIAL_DOCUMENT' THEN 'CONFIRMED' WHEN 'BLOG' THEN 'CLAIMED' ELSE 'REPORTED' END
      $$`);
    await db.query(`
      ALTER TABLE source ADD COLUMN confidence text CHECK (confidence IN ${LEVELS}),
        ADD COLUMN confidence_note text ${NOTE('confidence_note')}`);
    await db.query(`UPDATE source SET confidence = source_kind_confidence(kind)`);
    // The update queued the register-version trigger's events, and ALTER TABLE refuses a table with pending ones.
    await db.query(`SET CONSTRAINTS source_register_version IMMEDIATE`);
    await db.query(`SET CONSTRAINTS source_register_version DEFERRED`);
    await db.query(`ALTER TABLE source ALTER COLUMN confidence SET NOT NULL`);
    await db.query(`
      -- Every way a source is written (API, seed, imports) gets the same default.
      CREATE FUNCTION source_confidence_default() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.confidence := coalesce(NEW.confidence, source_kind_confidence(NEW.kind));
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER source_confidence_default BEFORE INSERT ON source
      FOR EACH ROW EXECUTE FUNCTION source_confidence_default()`);
    await db.query(`
      ALTER TABLE citation ADD COLUMN confidence text CHECK (confidence IN ${LEVELS}),
        ADD COLUMN confidence_note text ${NOTE('confidence_note')},
        ADD CONSTRAINT citation_confidence_note_needs_level CHECK (confidence_note IS NULL OR confidence IS NOT NULL)`);
    await db.query(`
      CREATE TABLE agreement_support (
        agreement_id uuid PRIMARY KEY REFERENCES agreement(id) ON DELETE CASCADE,
        confidence text NOT NULL CHECK (confidence IN ${LEVELS})
      )`);
    await db.query(`
      CREATE FUNCTION agreement_support_refresh(targets uuid[]) RETURNS void LANGUAGE sql AS $$
        DELETE FROM agreement_support k WHERE k.agreement_id = ANY(targets)
          AND NOT EXISTS (SELECT 1 FROM citation c WHERE c.agreement_id = k.agreement_id);
        INSERT INTO agreement_support (agreement_id, confidence)
        SELECT c.agreement_id,
               (array_agg(coalesce(c.confidence, s.confidence) ORDER BY confidence_strength(coalesce(c.confidence, s.confidence)) DESC))[1]
          FROM citation c JOIN source s ON s.id = c.source_id
         WHERE c.agreement_id = ANY(targets)
         GROUP BY c.agreement_id
        ON CONFLICT (agreement_id) DO UPDATE SET confidence = EXCLUDED.confidence
          WHERE agreement_support.confidence IS DISTINCT FROM EXCLUDED.confidence;
      $$`);
    await db.query(`
      -- Statement-level over transition tables. The cited sources are locked FOR SHARE first, so
      -- that a concurrent change of one's confidence commits before the refresh reads it (see
      -- AgreementCountries, which does the same for a party's country).
      CREATE FUNCTION citation_support_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          DELETE FROM agreement_support;
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM agreement_support_refresh(ARRAY(SELECT DISTINCT agreement_id FROM removed WHERE agreement_id IS NOT NULL));
        ELSE
          PERFORM 1 FROM source WHERE id IN (SELECT source_id FROM added WHERE agreement_id IS NOT NULL) ORDER BY id FOR SHARE;
          IF TG_OP = 'INSERT' THEN
            PERFORM agreement_support_refresh(ARRAY(SELECT DISTINCT agreement_id FROM added WHERE agreement_id IS NOT NULL));
          ELSE
            PERFORM agreement_support_refresh(ARRAY(SELECT agreement_id FROM added WHERE agreement_id IS NOT NULL
              UNION SELECT agreement_id FROM removed WHERE agreement_id IS NOT NULL));
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER citation_support_insert AFTER INSERT ON citation REFERENCING NEW TABLE AS added
      FOR EACH STATEMENT EXECUTE FUNCTION citation_support_sync()`);
    await db.query(`
      CREATE TRIGGER citation_support_update AFTER UPDATE ON citation REFERENCING OLD TABLE AS removed NEW TABLE AS added
      FOR EACH STATEMENT EXECUTE FUNCTION citation_support_sync()`);
    await db.query(`
      CREATE TRIGGER citation_support_delete AFTER DELETE ON citation REFERENCING OLD TABLE AS removed
      FOR EACH STATEMENT EXECUTE FUNCTION citation_support_sync()`);
    await db.query(`
      CREATE TRIGGER citation_support_truncate AFTER TRUNCATE ON citation
      FOR EACH STATEMENT EXECUTE FUNCTION citation_support_sync()`);
    await db.query(`
      -- Row-level, as a municipality's country in AgreementCountries: a source's level changes rarely.
      CREATE FUNCTION source_support_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM agreement_support_refresh(ARRAY(SELECT agreement_id FROM citation WHERE source_id = NEW.id AND agreement_id IS NOT NULL));
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER source_support_update AFTER UPDATE OF confidence ON source
      FOR EACH ROW WHEN (OLD.confidence IS DISTINCT FROM NEW.confidence) EXECUTE FUNCTION source_support_sync()`);
    await db.query(`SELECT agreement_support_refresh(ARRAY(SELECT id FROM agreement))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER source_support_update ON source`);
    for (const event of ['insert', 'update', 'delete', 'truncate'])
      await db.query(`DROP TRIGGER citation_support_${event} ON citation`);
    await db.query(`DROP FUNCTION source_support_sync()`);
    await db.query(`DROP FUNCTION citation_support_sync()`);
    await db.query(`DROP FUNCTION agreement_support_refresh(uuid[])`);
    await db.query(`DROP TABLE agreement_support`);
    await db.query(`ALTER TABLE citation DROP COLUMN confidence_note, DROP COLUMN confidence`);
    await db.query(`DROP TRIGGER source_confidence_default ON source`);
    await db.query(`DROP FUNCTION source_confidence_default()`);
    await db.query(`ALTER TABLE source DROP COLUMN confidence_note, DROP COLUMN confidence`);
    await db.query(`DROP FUNCTION source_kind_confidence(text)`);
    await db.query(`DROP FUNCTION confidence_strength(text)`);
  }
}
