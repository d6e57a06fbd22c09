import { Context } from '../../context';
import { recordsByKey } from '../../database/loaders';
import { MayoralTerm } from './mayoral-term.entity';

/** Every mayor of each municipality, earliest first. */
export const mayoralTermsOf = (context: Context) =>
  recordsByKey(
    context,
    'mayoral-term:municipality',
    MayoralTerm,
    `SELECT t.*, t.municipality_id AS _key FROM mayoral_term t
      WHERE t.municipality_id = ANY($1::uuid[]) ORDER BY t.since, t.id`,
  );

/** Every term of each person as mayor, earliest first. */
export const mayoralTermsOfPerson = (context: Context) =>
  recordsByKey(
    context,
    'mayoral-term:person',
    MayoralTerm,
    `SELECT t.*, t.person_id AS _key FROM mayoral_term t
      WHERE t.person_id = ANY($1::uuid[]) ORDER BY t.since, t.id`,
  );

/**
 * The term covering a day, keyed "municipalityId|YYYY-MM-DD". A term's coarse end is read
 * as its whole period (see the `term` column), and the exclusion constraint guarantees that
 * at most one term of a municipality covers any day.
 */
export const mayoralTermOn = (context: Context) =>
  recordsByKey(
    context,
    'mayoral-term:on',
    MayoralTerm,
    `SELECT t.*, k.key AS _key
       FROM unnest($1::text[]) AS k(key)
       JOIN mayoral_term t ON t.municipality_id = split_part(k.key, '|', 1)::uuid
                          AND t.term @> split_part(k.key, '|', 2)::date`,
  );
