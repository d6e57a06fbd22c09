import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Multilingual search over municipalities, persons, agreements, cooperation areas and sources.
 *
 * - `search_normalize(text)`: the search form of a text (NFKD, marks and invisibles removed,
 *   lower case, Arabic/Persian letter forms and digits folded, punctuation to single spaces).
 *   src/common/text/search-normalize.ts does the same in TypeScript; a test keeps them equal.
 *   Lower-casing of Cyrillic is also spelled out in translate(), so that a server whose
 *   locale lower-cases ASCII only still agrees with the TypeScript side.
 * - `search_entry`: one row per record and name tail. A name of n words is stored n times,
 *   from each word to its end ("mohammad bagher ghalibaf", "bagher ghalibaf", "ghalibaf"),
 *   so that a prefix of any word is a prefix of a row: answered by a btree range scan
 *   (text_pattern_ops, byte order, whatever the collation). A trigram index catches misspelt
 *   words. Triggers keep the rows in step with the records; nothing in the application writes
 *   them.
 */

const MARKS_AND_INVISIBLES = String.raw`[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u00ad\u0640\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]`;
const SEPARATORS = String.raw`[\u0009-\u000d\u0020-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u007e\u00a0-\u00bf\u00d7\u00f7\u2010-\u205e\u060c\u061b\u061f\u066a-\u066d\u06d4\u3000-\u303f]+`;

function codePoints(first: number, last: number): string {
  let text = '';
  for (let point = first; point <= last; point++) text += String.fromCharCode(point);
  return text;
}

// Cyrillic upper case; Latin letters without a decomposition; Arabic forms; digits.
const FOLD_FROM =
  codePoints(0x0410, 0x042f) +
  codePoints(0x0400, 0x040f) +
  'ŁØĐĦÆŒłøđħı' +
  '\u064a\u0649\u0643\u0629\u06d5\u0671' +
  codePoints(0x06f0, 0x06f9) +
  codePoints(0x0660, 0x0669);
const FOLD_TO =
  codePoints(0x0430, 0x044f) +
  codePoints(0x0450, 0x045f) +
  'lodhæœlodhi' +
  '\u06cc\u06cc\u06a9\u0647\u0647\u0627' +
  '0123456789' +
  '0123456789';

/** Tables searched, with the GraphQL type their rows are (search_texts() knows their text columns). */
const SEARCHED = [
  { table: 'municipality', type: 'Municipality' },
  { table: 'person', type: 'Person' },
  { table: 'agreement', type: 'Agreement' },
  { table: 'cooperation_area', type: 'CooperationArea' },
  { table: 'source', type: 'Source' },
];

export class Search1764300000000 implements MigrationInterface {
  name = 'Search1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`
      CREATE FUNCTION search_normalize(input text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT normalize(btrim(regexp_replace(
          replace(replace(replace(
            translate(lower(regexp_replace(normalize(input, NFKD), '${MARKS_AND_INVISIBLES}', '', 'g')),
              '${FOLD_FROM}', '${FOLD_TO}'),
            'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe'),
          '${SEPARATORS}', ' ', 'g'), ' '), NFC)
      $$`);
    await db.query(`
      -- The tails of each text's search form, from every word to the end; whole = from the
      -- first; name_length = length of the shortest whole name the tail ends.
      CREATE FUNCTION search_terms(texts text[]) RETURNS TABLE (term text, whole boolean, name_length integer)
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT left(array_to_string(words[position:], ' '), 200), bool_or(position = 1),
               min(length(array_to_string(words, ' ')))
        -- OFFSET 0 keeps the subquery whole: pulled up, each use of words would normalize again.
        FROM (SELECT string_to_array(search_normalize(given), ' ') AS words FROM unnest(texts) AS given OFFSET 0) named
        CROSS JOIN LATERAL generate_subscripts(named.words, 1) AS position
        WHERE named.words[position] <> ''
        GROUP BY 1
      $$`);
    await db.query(`
      -- The searchable texts of a row of any searched table, given as jsonb: names in every
      -- language, and whichever of the key and title columns the table has.
      CREATE FUNCTION search_texts(record jsonb) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT ARRAY(SELECT value FROM jsonb_each_text(COALESCE(record->'names', record->'titles', record->'labels', '{}')))
          || ARRAY[record->>'slug', record->>'wikidata_id', record->>'title', record->>'publisher', record->>'reference']
      $$`);
    await db.query(`
      CREATE TABLE search_entry (
        record_type text NOT NULL CHECK (record_type IN ('Municipality', 'Person', 'Agreement', 'CooperationArea', 'Source')),
        record_id uuid NOT NULL,
        term text NOT NULL CHECK (term <> ''),
        -- The term is a whole name, not the tail of one.
        whole boolean NOT NULL,
        -- Of the name: ranks "tehran" above "tehran moscow sister city pact" for "tehr".
        name_length integer NOT NULL
      )`);
    // Carries record and kind of match, so a prefix search reads the index alone.
    await db.query(`
      CREATE UNIQUE INDEX search_entry_term_idx ON search_entry (term text_pattern_ops, record_type, record_id) INCLUDE (whole, name_length)`);
    await db.query(`CREATE INDEX search_entry_trigram_idx ON search_entry USING gin (term gin_trgm_ops)`);
    await db.query(`CREATE INDEX search_entry_record_idx ON search_entry (record_id, record_type)`);
    await db.query(`
      -- Statement-level, over transition tables: a bulk insert is indexed by one set-based
      -- statement, not by one planned-per-row call for each record.
      CREATE FUNCTION search_entry_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO search_entry (record_type, record_id, term, whole, name_length)
          SELECT TG_ARGV[0], added.id, found.term, found.whole, found.name_length
          FROM added CROSS JOIN LATERAL search_terms(search_texts(to_jsonb(added))) found;
        ELSIF TG_OP = 'DELETE' THEN
          DELETE FROM search_entry WHERE record_type = TG_ARGV[0] AND record_id IN (SELECT id FROM removed);
        ELSE
          -- Only records whose searchable texts changed: a version bump leaves the index alone.
          DELETE FROM search_entry WHERE record_type = TG_ARGV[0] AND record_id IN (
            SELECT removed.id FROM removed LEFT JOIN added USING (id)
            WHERE search_texts(to_jsonb(added)) IS DISTINCT FROM search_texts(to_jsonb(removed)));
          INSERT INTO search_entry (record_type, record_id, term, whole, name_length)
          SELECT TG_ARGV[0], added.id, found.term, found.whole, found.name_length
          FROM added LEFT JOIN removed USING (id) CROSS JOIN LATERAL search_terms(search_texts(to_jsonb(added))) found
          WHERE search_texts(to_jsonb(added)) IS DISTINCT FROM search_texts(to_jsonb(removed));
        END IF;
        RETURN NULL;
      END $$`);
    for (const { table, type } of SEARCHED) {
      await db.query(`
        CREATE TRIGGER ${table}_search_entry_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION search_entry_sync('${type}')`);
      await db.query(`
        CREATE TRIGGER ${table}_search_entry_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS removed NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION search_entry_sync('${type}')`);
      await db.query(`
        CREATE TRIGGER ${table}_search_entry_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS removed
        FOR EACH STATEMENT EXECUTE FUNCTION search_entry_sync('${type}')`);
      await db.query(`
        INSERT INTO search_entry (record_type, record_id, term, whole, name_length)
        SELECT '${type}', searched.id, found.term, found.whole, found.name_length
        FROM ${table} searched CROSS JOIN LATERAL search_terms(search_texts(to_jsonb(searched))) found`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const { table } of SEARCHED) {
      for (const event of ['insert', 'update', 'delete'])
        await db.query(`DROP TRIGGER ${table}_search_entry_${event} ON ${table}`);
    }
    await db.query(`DROP TABLE search_entry`);
    for (const fn of ['search_entry_sync()', 'search_texts(jsonb)', 'search_terms(text[])', 'search_normalize(text)']) {
      await db.query(`DROP FUNCTION ${fn}`);
    }
    // pg_trgm stays, as btree_gist does: other schemas in the database may use it.
  }
}
