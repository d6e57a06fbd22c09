import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register's first schema. Written by hand so that every integrity rule of the domain
 * lives in PostgreSQL as well as in code: the server may be reached by other tools (psql,
 * imports, a future admin UI), and none of them may be able to store a backwards date range,
 * a one-party agreement, a pact twice or two mayors of one city on the same day.
 *
 * Conventions:
 * - uuid keys (gen_random_uuid is core PostgreSQL 13+, no extension), so that seeds and
 *   imports can name records before they exist and stay idempotent.
 * - A partial date is a `date` holding the first day of its period plus a `*_precision`
 *   column (YEAR, MONTH, DAY); a check keeps the two consistent.
 * - Multilingual names are jsonb objects of BCP 47 tag -> text; `sort_name` is the name used
 *   for ordering and keyset cursors (English where known), kept by the application.
 */
export class InitialSchema1732770000000 implements MigrationInterface {
  name = 'InitialSchema1732770000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await db.query(`
      -- Last day of the period a partial date stands for ('2017' YEAR -> 2017-12-31).
      CREATE FUNCTION partial_date_end(d date, prec text) RETURNS date
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE prec
          WHEN 'YEAR' THEN (d + interval '1 year' - interval '1 day')::date
          WHEN 'MONTH' THEN (d + interval '1 month' - interval '1 day')::date
          ELSE d END
      $$`);
    await db.query(`
      -- True when d is the first day of its period, as a stored partial date must be.
      CREATE FUNCTION partial_date_valid(d date, prec text) RETURNS boolean
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT d IS NULL OR CASE prec
          WHEN 'YEAR' THEN extract(month FROM d) = 1 AND extract(day FROM d) = 1
          WHEN 'MONTH' THEN extract(day FROM d) = 1
          WHEN 'DAY' THEN true
          ELSE false END
      $$`);
    await db.query(`
      -- A jsonb object of language tag -> non-empty text, with at least one entry.
      CREATE FUNCTION names_valid(names jsonb) RETURNS boolean
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT jsonb_typeof(names) = 'object'
           AND names <> '{}'::jsonb
           AND NOT jsonb_path_exists(names, '$.* ? (@.type() != "string" || @ == "")')
      $$`);

    await db.query(`
      CREATE TABLE cooperation_area (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        parent_id uuid REFERENCES cooperation_area(id) ON DELETE RESTRICT,
        labels jsonb NOT NULL CHECK (names_valid(labels)),
        sort_name text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (parent_id IS DISTINCT FROM id)
      )`);
    await db.query(`CREATE INDEX cooperation_area_parent_idx ON cooperation_area (parent_id)`);

    await db.query(`
      CREATE TABLE municipality (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        names jsonb NOT NULL CHECK (names_valid(names)),
        sort_name text NOT NULL CHECK (sort_name <> ''),
        country_code char(2) NOT NULL CHECK (country_code ~ '^[A-Z]{2}$'),
        region text,
        is_capital boolean NOT NULL DEFAULT false,
        population bigint CHECK (population >= 0),
        population_is_lower_bound boolean NOT NULL DEFAULT false,
        population_year integer CHECK (population_year BETWEEN 1000 AND 2200),
        latitude double precision CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision CHECK (longitude BETWEEN -180 AND 180),
        governance text NOT NULL DEFAULT 'UNKNOWN' CHECK (governance IN
          ('COUNCIL_ELECTED_MAYOR', 'DIRECTLY_ELECTED_MAYOR', 'STATE_BODY', 'APPOINTED_MAYOR', 'OTHER', 'UNKNOWN')),
        governance_note text,
        wikidata_id text UNIQUE CHECK (wikidata_id ~ '^Q[1-9][0-9]*$'),
        geonames_id bigint UNIQUE CHECK (geonames_id > 0),
        part_of_id uuid REFERENCES municipality(id) ON DELETE RESTRICT,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((latitude IS NULL) = (longitude IS NULL)),
        CHECK (population IS NOT NULL OR NOT population_is_lower_bound),
        CHECK (part_of_id IS DISTINCT FROM id)
      )`);
    await db.query(`CREATE INDEX municipality_country_idx ON municipality (country_code, sort_name, id)`);
    await db.query(`CREATE INDEX municipality_sort_idx ON municipality (sort_name, id)`);
    await db.query(`CREATE INDEX municipality_part_of_idx ON municipality (part_of_id)`);

    await db.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        names jsonb NOT NULL CHECK (names_valid(names)),
        sort_name text NOT NULL CHECK (sort_name <> ''),
        wikidata_id text UNIQUE CHECK (wikidata_id ~ '^Q[1-9][0-9]*$'),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX person_sort_idx ON person (sort_name, id)`);

    await db.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        names jsonb NOT NULL CHECK (names_valid(names)),
        sort_name text NOT NULL CHECK (sort_name <> ''),
        kind text NOT NULL CHECK (kind IN ('CITY_COUNCIL', 'MUNICIPAL_DEPARTMENT', 'MUNICIPAL_ADMINISTRATION',
          'EMBASSY', 'MINISTRY', 'GOVERNMENT_BODY', 'CITY_NETWORK', 'NEWS_AGENCY', 'OTHER')),
        municipality_id uuid REFERENCES municipality(id) ON DELETE RESTRICT,
        country_code char(2) CHECK (country_code ~ '^[A-Z]{2}$'),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- It belongs to a city, or to a country, or (a network of cities) to neither; not both.
        CHECK (municipality_id IS NULL OR country_code IS NULL)
      )`);
    await db.query(`CREATE INDEX organization_municipality_idx ON organization (municipality_id)`);
    await db.query(`CREATE INDEX organization_sort_idx ON organization (sort_name, id)`);

    await db.query(`
      CREATE TABLE person_position (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
        titles jsonb NOT NULL CHECK (names_valid(titles)),
        municipality_id uuid REFERENCES municipality(id) ON DELETE RESTRICT,
        organization_id uuid REFERENCES organization(id) ON DELETE RESTRICT,
        since date,
        since_precision text,
        until date,
        until_precision text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (num_nonnulls(municipality_id, organization_id) = 1),
        CHECK ((since IS NULL) = (since_precision IS NULL) AND partial_date_valid(since, since_precision)),
        CHECK ((until IS NULL) = (until_precision IS NULL) AND partial_date_valid(until, until_precision)),
        CHECK (until IS NULL OR since IS NULL OR partial_date_end(until, until_precision) >= since)
      )`);
    await db.query(`CREATE INDEX person_position_person_idx ON person_position (person_id)`);
    await db.query(`CREATE INDEX person_position_municipality_idx ON person_position (municipality_id)`);
    await db.query(`CREATE INDEX person_position_organization_idx ON person_position (organization_id)`);

    await db.query(`
      CREATE TABLE mayoral_term (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE RESTRICT,
        person_id uuid NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        since date NOT NULL,
        since_precision text NOT NULL,
        until date,
        until_precision text,
        selection text NOT NULL DEFAULT 'UNKNOWN' CHECK (selection IN
          ('COUNCIL_VOTE', 'DIRECT_ELECTION', 'APPOINTED', 'ACTING', 'OTHER', 'UNKNOWN')),
        -- The days the term may cover: a coarse bound is read as its whole period, so two
        -- terms that meet inside one coarse period need finer dates to both be stored.
        term daterange GENERATED ALWAYS AS (daterange(since,
          CASE WHEN until IS NULL THEN NULL ELSE partial_date_end(until, until_precision) END, '[]')) STORED,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (partial_date_valid(since, since_precision)),
        CHECK ((until IS NULL) = (until_precision IS NULL) AND partial_date_valid(until, until_precision)),
        CHECK (until IS NULL OR partial_date_end(until, until_precision) >= since),
        CONSTRAINT mayoral_term_one_mayor_at_a_time EXCLUDE USING gist (municipality_id WITH =, term WITH &&)
      )`);
    await db.query(`CREATE INDEX mayoral_term_person_idx ON mayoral_term (person_id)`);

    await db.query(`
      CREATE TABLE delegation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        names jsonb CHECK (names IS NULL OR names_valid(names)),
        sender_municipality_id uuid REFERENCES municipality(id) ON DELETE RESTRICT,
        sender_organization_id uuid REFERENCES organization(id) ON DELETE RESTRICT,
        head_person_id uuid REFERENCES person(id) ON DELETE RESTRICT,
        purpose text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (num_nonnulls(sender_municipality_id, sender_organization_id) = 1)
      )`);
    await db.query(`CREATE INDEX delegation_sender_municipality_idx ON delegation (sender_municipality_id)`);
    await db.query(`CREATE INDEX delegation_sender_organization_idx ON delegation (sender_organization_id)`);
    await db.query(`CREATE INDEX delegation_head_idx ON delegation (head_person_id)`);

    await db.query(`
      CREATE TABLE delegation_member (
        delegation_id uuid NOT NULL REFERENCES delegation(id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        title text,
        ordinal integer NOT NULL DEFAULT 0,
        PRIMARY KEY (delegation_id, person_id)
      )`);
    await db.query(`CREATE INDEX delegation_member_person_idx ON delegation_member (person_id)`);

    await db.query(`
      CREATE TABLE visit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        delegation_id uuid NOT NULL REFERENCES delegation(id) ON DELETE RESTRICT,
        host_municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE RESTRICT,
        starts_on date NOT NULL,
        starts_on_precision text NOT NULL,
        ends_on date,
        ends_on_precision text,
        -- The stay fell somewhere within starts_on..ends_on; its own days are not known.
        dates_are_bounds boolean NOT NULL DEFAULT false,
        status text NOT NULL CHECK (status IN ('PLANNED', 'UNDER_WAY', 'COMPLETED', 'CANCELLED', 'POSTPONED')),
        purpose text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (partial_date_valid(starts_on, starts_on_precision)),
        CHECK ((ends_on IS NULL) = (ends_on_precision IS NULL) AND partial_date_valid(ends_on, ends_on_precision)),
        CONSTRAINT visit_ends_after_start CHECK (ends_on IS NULL OR partial_date_end(ends_on, ends_on_precision) >= starts_on)
      )`);
    await db.query(`CREATE INDEX visit_delegation_idx ON visit (delegation_id)`);
    await db.query(`CREATE INDEX visit_host_idx ON visit (host_municipality_id, starts_on, id)`);
    await db.query(`CREATE INDEX visit_starts_idx ON visit (starts_on, id)`);

    await db.query(`
      CREATE TABLE visit_counterpart (
        visit_id uuid NOT NULL REFERENCES visit(id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        PRIMARY KEY (visit_id, person_id)
      )`);
    await db.query(`CREATE INDEX visit_counterpart_person_idx ON visit_counterpart (person_id)`);

    await db.query(`
      CREATE TABLE visit_area (
        visit_id uuid NOT NULL REFERENCES visit(id) ON DELETE CASCADE,
        area_id uuid NOT NULL REFERENCES cooperation_area(id) ON DELETE RESTRICT,
        PRIMARY KEY (visit_id, area_id)
      )`);
    await db.query(`CREATE INDEX visit_area_area_idx ON visit_area (area_id)`);

    await this.createAgreementTables(db);
    await this.createSourceTables(db);
  }

  private async createAgreementTables(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE agreement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('SISTER_CITY', 'MEMORANDUM_OF_UNDERSTANDING', 'COOPERATION_AGREEMENT',
          'COOPERATION_PROGRAMME', 'PROTOCOL', 'DECLARATION', 'OTHER')),
        titles jsonb NOT NULL CHECK (names_valid(titles)),
        sort_name text NOT NULL,
        -- The latest entry of agreement_status_change; kept by the trigger below.
        status text NOT NULL CHECK (status IN ('PROPOSED', 'SIGNED', 'IN_FORCE', 'SUSPENDED', 'EXPIRED', 'TERMINATED')),
        signed_on date,
        signed_on_precision text,
        signed_in_municipality_id uuid REFERENCES municipality(id) ON DELETE RESTRICT,
        signed_at_venue text,
        signed_on_visit_id uuid REFERENCES visit(id) ON DELETE SET NULL,
        valid_until date,
        valid_until_precision text,
        summary text,
        -- Sorted party ids joined by ',': what makes "the same pact" comparable whatever the
        -- order its parties were given in. Checked against agreement_party at commit.
        party_key text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((signed_on IS NULL) = (signed_on_precision IS NULL) AND partial_date_valid(signed_on, signed_on_precision)),
        CHECK ((valid_until IS NULL) = (valid_until_precision IS NULL) AND partial_date_valid(valid_until, valid_until_precision)),
        CHECK (valid_until IS NULL OR signed_on IS NULL OR partial_date_end(valid_until, valid_until_precision) >= signed_on)
      )`);
    await db.query(`
      CREATE UNIQUE INDEX agreement_one_sister_city_pact_per_parties ON agreement (party_key)
      WHERE kind = 'SISTER_CITY'`);
    await db.query(`CREATE INDEX agreement_signed_idx ON agreement (signed_on, id)`);
    await db.query(`CREATE INDEX agreement_kind_idx ON agreement (kind, signed_on, id)`);
    await db.query(`CREATE INDEX agreement_status_idx ON agreement (status)`);
    await db.query(`CREATE INDEX agreement_sort_idx ON agreement (sort_name, id)`);
    await db.query(`CREATE INDEX agreement_signed_in_idx ON agreement (signed_in_municipality_id)`);
    await db.query(`CREATE INDEX agreement_signed_on_visit_idx ON agreement (signed_on_visit_id)`);

    await db.query(`
      CREATE TABLE agreement_party (
        agreement_id uuid NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
        municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE RESTRICT,
        PRIMARY KEY (agreement_id, municipality_id)
      )`);
    await db.query(`CREATE INDEX agreement_party_municipality_idx ON agreement_party (municipality_id, agreement_id)`);

    await db.query(`
      -- At commit: an agreement has two or more distinct parties and party_key names them.
      CREATE FUNCTION agreement_parties_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target uuid;
        actual text;
        parties integer;
        stored text;
      BEGIN
        -- Fields are resolved per branch: NEW of agreement has no agreement_id column.
        IF TG_TABLE_NAME = 'agreement' THEN
          target := NEW.id;
        ELSIF TG_OP = 'DELETE' THEN
          target := OLD.agreement_id;
        ELSE
          target := NEW.agreement_id;
        END IF;
        SELECT party_key INTO stored FROM agreement WHERE id = target;
        IF NOT FOUND THEN RETURN NULL; END IF; -- the agreement itself was deleted
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
    await db.query(`
      CREATE CONSTRAINT TRIGGER agreement_parties_check AFTER INSERT OR UPDATE OF party_key ON agreement
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION agreement_parties_check()`);
    await db.query(`
      CREATE CONSTRAINT TRIGGER agreement_party_parties_check AFTER INSERT OR DELETE OR UPDATE ON agreement_party
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION agreement_parties_check()`);

    await db.query(`
      CREATE TABLE agreement_status_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('PROPOSED', 'SIGNED', 'IN_FORCE', 'SUSPENDED', 'EXPIRED', 'TERMINATED')),
        changed_on date,
        changed_on_precision text,
        note text,
        -- Order of recording: history is appended, never rewritten.
        seq bigint GENERATED ALWAYS AS IDENTITY,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((changed_on IS NULL) = (changed_on_precision IS NULL) AND partial_date_valid(changed_on, changed_on_precision))
      )`);
    await db.query(`CREATE INDEX agreement_status_change_agreement_idx ON agreement_status_change (agreement_id, seq)`);
    await db.query(`
      CREATE FUNCTION agreement_status_follow_history() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE agreement SET status = NEW.status WHERE id = NEW.agreement_id AND status IS DISTINCT FROM NEW.status;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER agreement_status_follow_history AFTER INSERT ON agreement_status_change
      FOR EACH ROW EXECUTE FUNCTION agreement_status_follow_history()`);
    await db.query(`
      CREATE FUNCTION refuse_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is an append-only history', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END $$`);
    await db.query(`
      CREATE TRIGGER agreement_status_change_append_only BEFORE UPDATE ON agreement_status_change
      FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite()`);

    await db.query(`
      CREATE TABLE agreement_area (
        agreement_id uuid NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
        area_id uuid NOT NULL REFERENCES cooperation_area(id) ON DELETE RESTRICT,
        PRIMARY KEY (agreement_id, area_id)
      )`);
    await db.query(`CREATE INDEX agreement_area_area_idx ON agreement_area (area_id, agreement_id)`);

    await db.query(`
      CREATE TABLE agreement_implementation (
        agreement_id uuid NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
        implements_id uuid NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
        PRIMARY KEY (agreement_id, implements_id),
        CHECK (agreement_id <> implements_id)
      )`);
    await db.query(`CREATE INDEX agreement_implementation_implements_idx ON agreement_implementation (implements_id)`);

    await db.query(`
      CREATE TABLE agreement_signatory (
        agreement_id uuid NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES person(id) ON DELETE RESTRICT,
        role text NOT NULL DEFAULT 'SIGNATORY' CHECK (role IN ('SIGNATORY', 'WITNESS', 'ATTENDEE')),
        on_behalf_of_id uuid REFERENCES municipality(id) ON DELETE RESTRICT,
        PRIMARY KEY (agreement_id, person_id)
      )`);
    await db.query(`CREATE INDEX agreement_signatory_person_idx ON agreement_signatory (person_id)`);
    await db.query(`CREATE INDEX agreement_signatory_on_behalf_idx ON agreement_signatory (on_behalf_of_id)`);

    await db.query(`
      CREATE TABLE committee (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agreement_id uuid NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
        names jsonb NOT NULL CHECK (names_valid(names)),
        area_id uuid REFERENCES cooperation_area(id) ON DELETE RESTRICT,
        status text NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED', 'ACTIVE', 'DISSOLVED')),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX committee_agreement_idx ON committee (agreement_id)`);
    await db.query(`CREATE INDEX committee_area_idx ON committee (area_id)`);
  }

  private async createSourceTables(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE source (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('OFFICIAL_DOCUMENT', 'NEWS_AGENCY_REPORT', 'NEWS_REPORT',
          'SECONDARY_COMPILATION', 'DATASET', 'BLOG', 'OTHER')),
        publisher text NOT NULL CHECK (publisher <> ''),
        title text NOT NULL CHECK (title <> ''),
        language text NOT NULL CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
        published_on date,
        published_on_precision text,
        url text CHECK (url ~ '^https?://'),
        reference text,
        licence text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((published_on IS NULL) = (published_on_precision IS NULL)
          AND partial_date_valid(published_on, published_on_precision))
      )`);
    await db.query(`CREATE INDEX source_sort_idx ON source (publisher, id)`);

    // One row per (source, record it supports). A column per kind of record, exactly one set,
    // so that every citation has a real foreign key instead of a (type, id) pair.
    await db.query(`
      CREATE TABLE citation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source_id uuid NOT NULL REFERENCES source(id) ON DELETE RESTRICT,
        agreement_id uuid REFERENCES agreement(id) ON DELETE CASCADE,
        visit_id uuid REFERENCES visit(id) ON DELETE CASCADE,
        delegation_id uuid REFERENCES delegation(id) ON DELETE CASCADE,
        municipality_id uuid REFERENCES municipality(id) ON DELETE CASCADE,
        person_id uuid REFERENCES person(id) ON DELETE CASCADE,
        mayoral_term_id uuid REFERENCES mayoral_term(id) ON DELETE CASCADE,
        organization_id uuid REFERENCES organization(id) ON DELETE CASCADE,
        committee_id uuid REFERENCES committee(id) ON DELETE CASCADE,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (num_nonnulls(agreement_id, visit_id, delegation_id, municipality_id, person_id,
          mayoral_term_id, organization_id, committee_id) = 1)
      )`);
    for (const column of [
      'agreement_id',
      'visit_id',
      'delegation_id',
      'municipality_id',
      'person_id',
      'mayoral_term_id',
      'organization_id',
      'committee_id',
    ]) {
      await db.query(
        `CREATE UNIQUE INDEX citation_${column}_idx ON citation (${column}, source_id) WHERE ${column} IS NOT NULL`,
      );
    }
    await db.query(`CREATE INDEX citation_source_idx ON citation (source_id, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'citation',
      'source',
      'committee',
      'agreement_signatory',
      'agreement_implementation',
      'agreement_area',
      'agreement_status_change',
      'agreement_party',
      'agreement',
      'visit_area',
      'visit_counterpart',
      'visit',
      'delegation_member',
      'delegation',
      'mayoral_term',
      'person_position',
      'organization',
      'person',
      'municipality',
      'cooperation_area',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
    for (const fn of [
      'refuse_history_rewrite()',
      'agreement_status_follow_history()',
      'agreement_parties_check()',
      'names_valid(jsonb)',
      'partial_date_valid(date, text)',
      'partial_date_end(date, text)',
    ]) {
      await db.query(`DROP FUNCTION ${fn}`);
    }
    // btree_gist stays: other schemas in the database may use it.
  }
}
