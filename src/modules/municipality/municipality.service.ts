import { UserErrorCode, UserInputError } from '../../common/errors';
import { toGlobalId } from '../../common/global-id';
import { sortName } from '../../common/names';
import { insertLinks } from '../../database/link-rows';
import { LinkSpec } from '../../write/links';
import { multilingual } from '../../write/payloads';
import { databaseId, MutationTransaction } from '../../write/transaction';
import { Municipality } from './municipality.entity';
import { CreateMunicipalityInput, PopulationInput, UpdateMunicipalityInput } from './municipality.input';

/** Writes of municipalities. Every function runs inside a mutation's transaction (see write/mutation.ts). */

export const municipalitySources: LinkSpec = {
  owner: 'Municipality',
  linked: 'Source',
  table: 'citation',
  ownerColumn: 'municipality_id',
  linkedColumn: 'source_id',
  field: 'sourceIds',
};

export async function createMunicipality(
  tx: MutationTransaction,
  input: CreateMunicipalityInput,
): Promise<Municipality> {
  assertCoordinatesTogether(input, { latitude: null, longitude: null });
  const sources = input.sourceIds.map(databaseId);
  await tx.requireRecords('Source', sources, ['input', 'sourceIds']);
  const names = multilingual(input.names);
  if (tx.caller.scope !== null) await assertNotRecordedYet(tx, input.countryCode, Object.values(names));
  const population = populationColumns(input.population ?? null);
  const [{ id }] = await tx.manager.query(
    `INSERT INTO municipality (slug, names, sort_name, country_code, region, is_capital, population, population_is_lower_bound,
       population_year, governance, latitude, longitude, wikidata_id, geonames_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [
      input.slug,
      JSON.stringify(names),
      sortName(names),
      input.countryCode,
      input.region ?? null,
      input.isCapital,
      population.population,
      population.population_is_lower_bound,
      population.population_year,
      input.governance,
      input.latitude ?? null,
      input.longitude ?? null,
      input.wikidataId ?? null,
      input.geonamesId ?? null,
    ],
  );
  await insertLinks(tx.manager, 'citation', 'municipality_id', 'source_id', id, sources);
  return tx.created<Municipality>('Municipality', id);
}

/**
 * A key with a municipality scope may add a city only if it is not recorded yet: the city it
 * adds is not its own, so a second Moscow it made could not be merged or corrected by it, and
 * every other portal would meet two. Same country and, in any language, the same name
 * (ignoring case) is taken to be the same city; keys without scope (admins, imports that check
 * more) decide for themselves.
 */
async function assertNotRecordedYet(tx: MutationTransaction, countryCode: string, names: string[]): Promise<void> {
  const rows: Array<{ id: string; slug: string }> = await tx.manager.query(
    `SELECT m.id::text AS id, m.slug FROM municipality m WHERE m.country_code = $1
       AND EXISTS (SELECT 1 FROM jsonb_each_text(m.names) n WHERE lower(n.value) IN (SELECT lower(name) FROM unnest($2::text[]) AS name))
     ORDER BY m.slug LIMIT 1`,
    [countryCode, names],
  );
  if (!rows.length) return;
  throw UserInputError.of(
    ['input', 'names'],
    `${rows[0].slug} (${toGlobalId('Municipality', rows[0].id)}) in ${countryCode} has one of these names already: refer to it, or ask a key without a municipality scope to add a namesake`,
    UserErrorCode.TAKEN,
  );
}

export async function updateMunicipality(
  tx: MutationTransaction,
  input: UpdateMunicipalityInput,
): Promise<Municipality> {
  const id = databaseId(input.id);
  const before = await tx.lock('Municipality', id, input.version);
  assertCoordinatesTogether(input, before as unknown as Coordinates);
  const names = input.names ? multilingual(input.names) : undefined;
  await tx.update('Municipality', id, {
    names: names && JSON.stringify(names),
    sort_name: names && sortName(names),
    country_code: input.countryCode ?? undefined,
    region: input.region,
    is_capital: input.isCapital ?? undefined,
    ...(input.population === undefined ? {} : populationColumns(input.population)),
    governance: input.governance ?? undefined,
    governance_note: input.governanceNote,
    latitude: input.latitude,
    longitude: input.longitude,
    wikidata_id: input.wikidataId,
    geonames_id: input.geonamesId,
  });
  return tx.changed<Municipality>('Municipality', id, before);
}

/** A population figure as its three columns; null clears all three (no lower bound without a figure). */
function populationColumns(population: PopulationInput | null) {
  return {
    population: population?.value ?? null,
    population_is_lower_bound: population?.isLowerBound ?? false,
    population_year: population?.year ?? null,
  };
}

interface Coordinates {
  latitude?: number | null;
  longitude?: number | null;
}

/**
 * Both coordinates or neither (the table's check, which has no name to map), as they will be
 * stored: a field left out keeps its stored value. The error names the coordinate to give: the
 * one left out, or the one null beside a number.
 */
function assertCoordinatesTogether(input: Coordinates, stored: Coordinates): void {
  const latitude = input.latitude === undefined ? stored.latitude : input.latitude;
  const longitude = input.longitude === undefined ? stored.longitude : input.longitude;
  if ((latitude == null) === (longitude == null)) return;
  const missing =
    input.longitude === undefined || (input.latitude !== undefined && longitude == null) ? 'longitude' : 'latitude';
  throw UserInputError.of(
    ['input', missing],
    'a municipality has both coordinates or neither: give (or clear) latitude and longitude together',
    UserErrorCode.INVALID,
  );
}

/**
 * Deletes a municipality recorded in error. One that API keys are limited to is refused:
 * their scope rows would go with it (ON DELETE CASCADE), and a key with no scope left may
 * change every city's records. Locked first, so no key can be limited to it meanwhile.
 */
export async function deleteMunicipality(
  tx: MutationTransaction,
  input: { id: string; version: number },
): Promise<null> {
  const id = databaseId(input.id);
  const before = await tx.lock('Municipality', id, input.version);
  const keys: Array<{ name: string }> = await tx.manager.query(
    'SELECT k.name FROM api_key_scope s JOIN api_key k ON k.id = s.api_key_id WHERE s.municipality_id = $1 ORDER BY k.name',
    [id],
  );
  if (keys.length) {
    const names = keys.map((key) => key.name).join(', ');
    throw UserInputError.of(
      ['input', 'id'],
      `API keys are limited to this municipality (${names}); deleting it would lift their limit`,
      UserErrorCode.IN_USE,
    );
  }
  await tx.manager.query('DELETE FROM municipality WHERE id = $1', [id]);
  await tx.deleted('Municipality', id, before);
  return null;
}
