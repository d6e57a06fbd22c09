import { UserErrorCode, UserInputError } from '../../common/errors';
import { LinkSpec } from '../../write/links';
import { multilingual } from '../../write/payloads';
import { databaseId, MutationTransaction } from '../../write/transaction';
import { sortName } from '../../common/names';
import { Organization } from './organization.entity';
import { CreateOrganizationInput, UpdateOrganizationInput } from './organization.input';
import { insertLinks } from '../../database/link-rows';

/**
 * Writes of organizations. Every function runs inside a mutation's transaction (see write/mutation.ts).
 *
 * Scope comes from modules/record-types.ts: an organization takes part in the municipality it belongs
 * to, so a key scoped to Tehran keeps Tehran's council and departments (and cannot move them
 * out of its scope: tx.changed checks the new state). Embassies, ministries and networks of
 * cities belong to no municipality: shared reference data, kept by unscoped editors and admins.
 */
export const organizationSources: LinkSpec = {
  owner: 'Organization',
  linked: 'Source',
  table: 'citation',
  ownerColumn: 'organization_id',
  linkedColumn: 'source_id',
  field: 'sourceIds',
};

export async function createOrganization(
  tx: MutationTransaction,
  input: CreateOrganizationInput,
): Promise<Organization> {
  const municipalityId = input.municipalityId ? databaseId(input.municipalityId) : null;
  const sources = input.sourceIds.map(databaseId);
  assertOneOwner(municipalityId, input.countryCode ?? null);
  if (municipalityId) await tx.requireRecord('Municipality', municipalityId, ['input', 'municipalityId']);
  await tx.requireRecords('Source', sources, ['input', 'sourceIds']);
  const names = multilingual(input.names);
  const [{ id }] = await tx.manager.query(
    `INSERT INTO organization (slug, names, sort_name, kind, municipality_id, country_code, wikidata_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      input.slug ?? null,
      JSON.stringify(names),
      sortName(names),
      input.kind,
      municipalityId,
      input.countryCode ?? null,
      input.wikidataId ?? null,
    ],
  );
  await insertLinks(tx.manager, 'citation', 'organization_id', 'source_id', id, sources);
  return tx.created<Organization>('Organization', id);
}

export async function updateOrganization(
  tx: MutationTransaction,
  input: UpdateOrganizationInput,
): Promise<Organization> {
  const id = databaseId(input.id);
  const before = await tx.lock('Organization', id, input.version);
  const municipalityId = input.municipalityId ? databaseId(input.municipalityId) : input.municipalityId;
  if (municipalityId) await tx.requireRecord('Municipality', municipalityId, ['input', 'municipalityId']);
  assertOneOwner(
    municipalityId === undefined ? (before.municipality_id as string | null) : municipalityId,
    input.countryCode === undefined ? (before.country_code as string | null) : input.countryCode,
  );
  const names = input.names ? multilingual(input.names) : undefined;
  await tx.update('Organization', id, {
    slug: input.slug,
    names: names && JSON.stringify(names),
    sort_name: names && sortName(names),
    kind: input.kind ?? undefined,
    municipality_id: municipalityId,
    country_code: input.countryCode,
    wikidata_id: input.wikidataId,
  });
  return tx.changed<Organization>('Organization', id, before);
}

/** Deletes an organization recorded in error; one that sent delegations or has positions is refused by their foreign keys. */
export async function deleteOrganization(
  tx: MutationTransaction,
  input: { id: string; version: number },
): Promise<null> {
  const id = databaseId(input.id);
  const before = await tx.lock('Organization', id, input.version);
  await tx.manager.query('DELETE FROM organization WHERE id = $1', [id]);
  await tx.deleted('Organization', id, before);
  return null;
}

/** A body belongs to a municipality or to a country, not both (the table's check, named here by field). */
function assertOneOwner(municipalityId: string | null, countryCode: string | null): void {
  if (municipalityId && countryCode) {
    throw UserInputError.of(
      ['input', 'countryCode'],
      'an organization belongs to a municipality or to a country, not both',
      UserErrorCode.INVALID,
    );
  }
}
