import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The countries of each agreement's parties, kept as one key ("IR-RU": distinct codes in byte
 * order, joined by "-") and as an array. The key is what the dashboard counts by country
 * pair: working it out on every request (a GROUP BY over all parties and their
 * municipalities) took 146 ms of the dashboard's ~200 ms at scale 1; grouping this table
 * joined to the filtered agreements takes 16 ms. The array, with its GIN index, answers
 * "has a party in RU" for the `partyCountries` filter without joining every party to its
 * municipality (an agreements count by area and country: 25 -> 11 ms). psql \timing, scale
 * 1. Triggers keep both in step with the parties and with their municipalities' countries,
 * in the writing transaction, so they are never stale.
 */
export class AgreementCountries1764400000000 implements MigrationInterface {
  name = 'AgreementCountries1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE agreement_countries (
        agreement_id uuid PRIMARY KEY REFERENCES agreement(id) ON DELETE CASCADE,
        countries text NOT NULL CHECK (countries ~ '^[A-Z]{2}(-[A-Z]{2})*$'),
        codes text[] NOT NULL CHECK (array_to_string(codes, '-') = countries)
      )`);
    await db.query(`CREATE INDEX agreement_countries_codes_idx ON agreement_countries USING gin (codes)`);
    await db.query(`
      -- Recomputes the key of the given agreements from their parties; an agreement left with
      -- no parties (deleted, or between statements of one transaction) has no row.
      CREATE FUNCTION agreement_countries_refresh(targets uuid[]) RETURNS void LANGUAGE sql AS $$
        DELETE FROM agreement_countries c WHERE c.agreement_id = ANY(targets)
          AND NOT EXISTS (SELECT 1 FROM agreement_party p WHERE p.agreement_id = c.agreement_id);
        INSERT INTO agreement_countries (agreement_id, countries, codes)
        SELECT p.agreement_id, string_agg(DISTINCT m.country_code::text, '-' ORDER BY m.country_code::text),
               array_agg(DISTINCT m.country_code::text ORDER BY m.country_code::text)
          FROM agreement_party p JOIN municipality m ON m.id = p.municipality_id
         WHERE p.agreement_id = ANY(targets)
         GROUP BY p.agreement_id
        ON CONFLICT (agreement_id) DO UPDATE SET countries = EXCLUDED.countries, codes = EXCLUDED.codes
          WHERE agreement_countries.countries IS DISTINCT FROM EXCLUDED.countries;
      $$`);
    await db.query(`
      -- Statement-level over transition tables: a bulk insert of parties is one refresh.
      -- New parties' municipalities are locked FOR SHARE first: a concurrent change of one's
      -- country then commits before the refresh reads it (or waits for this transaction,
      -- and its own refresh sees these parties), so neither computes from a stale country.
      CREATE FUNCTION agreement_party_countries_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          DELETE FROM agreement_countries;
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM agreement_countries_refresh(ARRAY(SELECT DISTINCT agreement_id FROM removed));
        ELSE
          PERFORM 1 FROM municipality WHERE id IN (SELECT municipality_id FROM added) ORDER BY id FOR SHARE;
          IF TG_OP = 'INSERT' THEN
            PERFORM agreement_countries_refresh(ARRAY(SELECT DISTINCT agreement_id FROM added));
          ELSE
            PERFORM agreement_countries_refresh(ARRAY(SELECT agreement_id FROM added UNION SELECT agreement_id FROM removed));
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER agreement_party_countries_insert AFTER INSERT ON agreement_party REFERENCING NEW TABLE AS added
      FOR EACH STATEMENT EXECUTE FUNCTION agreement_party_countries_sync()`);
    await db.query(`
      CREATE TRIGGER agreement_party_countries_update AFTER UPDATE ON agreement_party REFERENCING OLD TABLE AS removed NEW TABLE AS added
      FOR EACH STATEMENT EXECUTE FUNCTION agreement_party_countries_sync()`);
    await db.query(`
      CREATE TRIGGER agreement_party_countries_delete AFTER DELETE ON agreement_party REFERENCING OLD TABLE AS removed
      FOR EACH STATEMENT EXECUTE FUNCTION agreement_party_countries_sync()`);
    await db.query(`
      CREATE TRIGGER agreement_party_countries_truncate AFTER TRUNCATE ON agreement_party
      FOR EACH STATEMENT EXECUTE FUNCTION agreement_party_countries_sync()`);
    await db.query(`
      -- Row-level: PostgreSQL allows no transition tables on an UPDATE OF trigger, and a
      -- municipality's country rarely changes.
      CREATE FUNCTION municipality_countries_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM agreement_countries_refresh(ARRAY(SELECT agreement_id FROM agreement_party WHERE municipality_id = NEW.id));
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER municipality_countries_update AFTER UPDATE OF country_code ON municipality
      FOR EACH ROW WHEN (OLD.country_code IS DISTINCT FROM NEW.country_code) EXECUTE FUNCTION municipality_countries_sync()`);
    await db.query(`SELECT agreement_countries_refresh(ARRAY(SELECT id FROM agreement))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER municipality_countries_update ON municipality`);
    for (const event of ['insert', 'update', 'delete', 'truncate'])
      await db.query(`DROP TRIGGER agreement_party_countries_${event} ON agreement_party`);
    await db.query(`DROP FUNCTION municipality_countries_sync()`);
    await db.query(`DROP FUNCTION agreement_party_countries_sync()`);
    await db.query(`DROP FUNCTION agreement_countries_refresh(uuid[])`);
    await db.query(`DROP TABLE agreement_countries`);
  }
}
