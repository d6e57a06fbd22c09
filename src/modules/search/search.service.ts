import { EntityManager } from 'typeorm';
import { normalizeSearchText, SEARCH_TEXT_MAX_LENGTH } from '../../common/text/search-normalize';
import { SEARCH_TYPES, SearchType } from './search-result.type';
import { BadUserInputError } from '../../common/errors';
import { recordTypes } from '../record-types';

export const MAX_SEARCH_RESULTS = 100;

/** A record found, best first: its type and database id. */
export interface SearchHit {
  type: SearchType;
  id: string;
}

/**
 * Ranks records against a query in search form ($1; $2 is it with '%' appended) among types
 * $3, best $4 first. Each index row found gets a rank, tier × 10^7 + closeness; a record keeps
 * its best:
 *   0  a whole name equals the query            ("tehran" for Tehran)
 *   1  a name has the query as whole word(s)    ("ghalibaf" in "mohammad bagher ghalibaf")
 *   2  a name starts with the query             ("tehr")
 *   3  a word of a name starts with the query   ("ghal")
 *   4  a word of a name is spelt similarly      ("tehrn": trigram word similarity ≥ 0.6)
 * closeness is the length of the whole name for tiers 0-3 (the query covers more of a shorter
 * name); for tier 4, 1000 × (1 - word similarity), then that length. Ties go by kind ($5 gives
 * the order), then id. Similar spellings are looked for only when prefixes give fewer records
 * than asked for (counted by id: a uuid names one record whatever its table), since they could
 * not rank above them (PostgreSQL then skips the scan: a one-time filter). The query holds no LIKE wildcards: normalization turns '%', '_' and '\\'
 * into spaces.
 */
export const SEARCH_SQL = `
WITH prefixed AS (
  SELECT record_type, record_id,
         CASE WHEN term = $1 THEN CASE WHEN whole THEN 0 ELSE 1 END
              WHEN starts_with(term, $1 || ' ') THEN 1
              WHEN whole THEN 2
              ELSE 3 END * 10000000 + least(name_length, 9999999) AS rank
  FROM search_entry
  WHERE term LIKE $2 AND record_type = ANY($3::text[])
), resembling AS (
  SELECT record_type, record_id,
         40000000 + round(1000 * (1 - word_similarity($1, term)))::int * 1000 + least(name_length, 999) AS rank
  FROM search_entry
  WHERE $1 <% term AND record_type = ANY($3::text[])
    AND (SELECT count(DISTINCT record_id) FROM prefixed) < $4
)
SELECT record_type AS type, record_id AS id,
       row_number() OVER (ORDER BY min(rank), array_position($5::text[], record_type), record_id) AS position
FROM (SELECT * FROM prefixed UNION ALL SELECT * FROM resembling) hit
GROUP BY record_type, record_id
ORDER BY position
LIMIT $4`;

/**
 * The search with each record found, as its row in JSON, in the same statement: a page of
 * results of three kinds costs one statement, not one for the hits and one per kind.
 */
export const SEARCH_RECORDS_SQL = `
SELECT hit.type, hit.id, CASE hit.type
  ${SEARCH_TYPES.map((type) => `WHEN '${type}' THEN (SELECT to_jsonb(r) FROM ${recordTypes[type].table} r WHERE r.id = hit.id)`).join('\n  ')}
  END AS record
FROM (${SEARCH_SQL}) hit
ORDER BY hit.position`;

export interface SearchArguments {
  query: string;
  types?: SearchType[] | null;
  first: number;
}

/** The query in search form, checked: errors name the argument. */
export function searchTerm(query: string): string {
  const term = normalizeSearchText(query);
  if (term === '') {
    throw new BadUserInputError('query', 'give at least one letter or digit');
  }
  if (term.length > SEARCH_TEXT_MAX_LENGTH) {
    throw new BadUserInputError('query', `at most ${SEARCH_TEXT_MAX_LENGTH} characters`);
  }
  return term;
}

/** The best `first` records for a query, in rank order: one statement. */
export async function searchRecords(
  manager: EntityManager,
  { query, types, first }: SearchArguments,
  sql = SEARCH_SQL,
): Promise<SearchHit[]> {
  const term = searchTerm(query);
  if (!Number.isInteger(first) || first < 1 || first > MAX_SEARCH_RESULTS) {
    throw new BadUserInputError('first', `give a number from 1 to ${MAX_SEARCH_RESULTS}`);
  }
  if (types && types.length === 0) {
    throw new BadUserInputError('types', 'give at least one type, or leave it out to search every type');
  }
  return manager.query(sql, [term, `${term}%`, types ?? SEARCH_TYPES, first, SEARCH_TYPES]);
}
