import { UserErrorCode, UserInputError } from '../../common/errors';
import { sortName } from '../../common/names';
import { multilingual } from '../../write/payloads';
import { databaseId, MutationTransaction } from '../../write/transaction';
import { Municipality } from './municipality.entity';
import { CreateMunicipalityInput, UpdateMunicipalityInput } from './municipality.input';

/** Writes of municipalities. Every function runs inside a mutation's transaction (see write/mutation.ts). */

export async function createMunicipality(
  tx: MutationTransaction,
  input: CreateMunicipalityInput,
): Promise<Municipality> {
  const names = multilingual(input.names);
  const [{ id }] = await tx.manager.query(
    `INSERT INTO municipality (slug, names, sort_name, country_code, is_capital, governance, latitude, longitude, wikidata_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      input.slug,
      JSON.stringify(names),
      sortName(names),
      input.countryCode,
      input.isCapital,
      input.governance,
      input.latitude ?? null,
      input.longitude ?? null,
      input.wikidataId ?? null,
    ],
  );
  return tx.created<Municipality>('Municipality', id);
}

export async function updateMunicipality(
  tx: MutationTransaction,
  input: UpdateMunicipalityInput,
): Promise<Municipality> {
  const id = databaseId(input.id);
  const before = await tx.lock('Municipality', id, input.version);
  const names = input.names ? multilingual(input.names) : undefined;
  await tx.update('Municipality', id, {
    names: names && JSON.stringify(names),
    sort_name: names && sortName(names),
    country_code: input.countryCode ?? undefined,
    is_capital: input.isCapital ?? undefined,
    governance: input.governance ?? undefined,
    governance_note: input.governanceNote,
  });
  return tx.changed<Municipality>('Municipality', id, before);
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
