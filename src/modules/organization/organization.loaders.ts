import { Context } from '../../context';
import { recordById, recordsByKey } from '../../database/loaders';
import { Organization } from './organization.entity';

export const organizationById = (context: Context) => recordById(context, Organization);

export const organizationBySlug = (context: Context) =>
  recordsByKey(
    context,
    'organization:slug',
    Organization,
    `SELECT o.*, o.slug AS _key FROM organization o WHERE o.slug = ANY($1::text[])`,
  );

/** Organizations by Wikidata id (organization_wikidata_id_key: one each, and its index). */
export const organizationByWikidataId = (context: Context) =>
  recordsByKey(
    context,
    'organization:wikidata',
    Organization,
    `SELECT o.*, o.wikidata_id AS _key FROM organization o WHERE o.wikidata_id = ANY($1::text[])`,
  );

/** The bodies belonging to each municipality (its council, its departments), by name. */
export const organizationsOfMunicipality = (context: Context) =>
  recordsByKey(
    context,
    'organization:municipality',
    Organization,
    `SELECT o.*, o.municipality_id AS _key FROM organization o
      WHERE o.municipality_id = ANY($1::uuid[]) ORDER BY o.sort_name, o.id`,
  );
