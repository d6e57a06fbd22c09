import { MigrationInterface, QueryRunner } from 'typeorm';

/** The partial dates that may be spans a report gives: [table, column]. */
const RANGED = [
  ['agreement', 'signed_on'],
  ['visit', 'starts_on'],
  ['visit', 'ends_on'],
];

/** Partial dates that stay a day, a month or a year: [table, column]. */
const UNRANGED = [
  ['agreement', 'valid_until'],
  ['agreement_status_change', 'changed_on'],
  ['source', 'published_on'],
  ['person_position', 'since'],
  ['person_position', 'until'],
  ['mayoral_term', 'since'],
  ['mayoral_term', 'until'],
];

/**
 * Dates as reports give them (issue 16, item 6): "late February 2018" is a span of days, not a
 * day, month or year. A ranged date keeps its earliest day in its old column (the first day of
 * its period, as before: sorting and every comparison with it are unchanged), its latest day in
 * `<column>_latest`, and its precision, which may now be RANGE. Existing dates migrate
 * losslessly: a day is earliest = latest, a month or year runs to its last day. The checks
 * hold the three columns together: both days or neither, earliest <= latest, and a day, month
 * or year exactly that period; a RANGE is wider than a day. partial_date_valid accepts RANGE
 * (any first day), so the other partial dates refuse it by a check of their own.
 */
export class DateRanges1765000510000 implements MigrationInterface {
  name = 'DateRanges1765000510000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION partial_date_valid(d date, prec text) RETURNS boolean
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT d IS NULL OR CASE prec
          WHEN 'YEAR' THEN extract(month FROM d) = 1 AND extract(day FROM d) = 1
          WHEN 'MONTH' THEN extract(day FROM d) = 1
          WHEN 'DAY' THEN true
          WHEN 'RANGE' THEN true
          ELSE false END
      $$`);
    for (const [table, column] of UNRANGED) {
      await db.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_no_range CHECK (${column}_precision IS DISTINCT FROM 'RANGE')`,
      );
    }
    for (const [table, column] of RANGED) {
      await db.query(`ALTER TABLE ${table} ADD COLUMN ${column}_latest date`);
      // The same dates, written anew: not a change a portal's updatedSince should report.
      await db.query(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_updated_at`);
      await db.query(`UPDATE ${table} SET ${column}_latest = partial_date_end(${column}, ${column}_precision)`);
      await db.query(`ALTER TABLE ${table} ENABLE TRIGGER ${table}_updated_at`);
      await db.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_range CHECK (
        (${column} IS NULL) = (${column}_latest IS NULL)
        AND (${column}_latest IS NULL OR CASE ${column}_precision
          WHEN 'RANGE' THEN ${column}_latest > ${column}
          ELSE ${column}_latest = partial_date_end(${column}, ${column}_precision) END))`);
    }
    // A day, month or year has one latest day: the database derives it, so writers that know
    // nothing of ranges (the seed, imports of older register files) stay right. A RANGE keeps
    // the latest day its writer gave, and the check refuses one without.
    await db.query(`
      CREATE FUNCTION agreement_signed_on_latest() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.signed_on_precision IS DISTINCT FROM 'RANGE' THEN
          NEW.signed_on_latest := partial_date_end(NEW.signed_on, NEW.signed_on_precision);
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE FUNCTION visit_dates_latest() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.starts_on_precision IS DISTINCT FROM 'RANGE' THEN
          NEW.starts_on_latest := partial_date_end(NEW.starts_on, NEW.starts_on_precision);
        END IF;
        IF NEW.ends_on_precision IS DISTINCT FROM 'RANGE' THEN
          NEW.ends_on_latest := partial_date_end(NEW.ends_on, NEW.ends_on_precision);
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER agreement_signed_on_latest BEFORE INSERT OR UPDATE ON agreement
      FOR EACH ROW EXECUTE FUNCTION agreement_signed_on_latest()`);
    await db.query(`CREATE TRIGGER visit_dates_latest BEFORE INSERT OR UPDATE ON visit
      FOR EACH ROW EXECUTE FUNCTION visit_dates_latest()`);
    // The end of a visit may be a span: its latest day is what must not come before the start.
    await db.query('ALTER TABLE visit DROP CONSTRAINT visit_ends_after_start');
    await db.query(
      'ALTER TABLE visit ADD CONSTRAINT visit_ends_after_start CHECK (ends_on IS NULL OR ends_on_latest >= starts_on)',
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TRIGGER visit_dates_latest ON visit');
    await db.query('DROP TRIGGER agreement_signed_on_latest ON agreement');
    await db.query('DROP FUNCTION visit_dates_latest()');
    await db.query('DROP FUNCTION agreement_signed_on_latest()');
    await db.query('ALTER TABLE visit DROP CONSTRAINT visit_ends_after_start');
    await db.query(`ALTER TABLE visit ADD CONSTRAINT visit_ends_after_start
      CHECK (ends_on IS NULL OR partial_date_end(ends_on, ends_on_precision) >= starts_on)`);
    // A span has no exact form as a day, month or year: it goes back as the day it starts on.
    for (const [table, column] of RANGED) {
      await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_${column}_range`);
      await db.query(`ALTER TABLE ${table} DROP COLUMN ${column}_latest`);
      await db.query(`UPDATE ${table} SET ${column}_precision = 'DAY' WHERE ${column}_precision = 'RANGE'`);
    }
    for (const [table, column] of UNRANGED) {
      await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_${column}_no_range`);
    }
    await db.query(`
      CREATE OR REPLACE FUNCTION partial_date_valid(d date, prec text) RETURNS boolean
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT d IS NULL OR CASE prec
          WHEN 'YEAR' THEN extract(month FROM d) = 1 AND extract(day FROM d) = 1
          WHEN 'MONTH' THEN extract(day FROM d) = 1
          WHEN 'DAY' THEN true
          ELSE false END
      $$`);
  }
}
