import { Context } from '../../context';
import { recordById, recordsByKey } from '../../database/loaders';
import { Municipality } from './municipality.entity';

export const municipalityById = (context: Context) => recordById(context, Municipality);

export const municipalityBySlug = (context: Context) =>
  recordsByKey(
    context,
    'municipality:slug',
    Municipality,
    `SELECT m.*, m.slug AS _key FROM municipality m WHERE m.slug = ANY($1::text[])`,
  );

export const municipalityByWikidataId = (context: Context) =>
  recordsByKey(
    context,
    'municipality:wikidata',
    Municipality,
    `SELECT m.*, m.wikidata_id AS _key FROM municipality m WHERE m.wikidata_id = ANY($1::text[])`,
  );

/** The districts of each city, by name. */
export const municipalityParts = (context: Context) =>
  recordsByKey(
    context,
    'municipality:parts',
    Municipality,
    `SELECT m.*, m.part_of_id AS _key FROM municipality m WHERE m.part_of_id = ANY($1::uuid[]) ORDER BY m.sort_name, m.id`,
  );
