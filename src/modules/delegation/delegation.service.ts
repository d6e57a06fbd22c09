import { UserError, UserErrorCode, UserInputError } from '../../common/errors';
import { LinkSpec } from '../../write/links';
import { multilingual } from '../../write/payloads';
import { databaseId, MutationTransaction } from '../../write/transaction';
import { Delegation } from './delegation.entity';
import {
  AddDelegationMembersInput,
  CreateDelegationInput,
  DelegationMemberInput,
  UpdateDelegationInput,
} from './delegation.input';
import { insertLinks } from '../../database/link-rows';

/**
 * Writes of delegations. Every function runs inside a mutation's transaction (see write/mutation.ts).
 * A delegation takes part in its sender's municipality (modules/record-types.ts: the sending municipality,
 * or the municipality of the sending organization): a key scoped to Tehran keeps Tehran's
 * delegations, and cannot hand one to another sender (tx.changed checks the new state).
 */
export const delegationSources: LinkSpec = {
  owner: 'Delegation',
  linked: 'Source',
  table: 'citation',
  ownerColumn: 'delegation_id',
  linkedColumn: 'source_id',
  field: 'sourceIds',
};
/** Removing members needs only their ids; adding them takes their titles (addDelegationMembers). */
export const delegationMembers: LinkSpec = {
  owner: 'Delegation',
  linked: 'Person',
  table: 'delegation_member',
  ownerColumn: 'delegation_id',
  linkedColumn: 'person_id',
  field: 'personIds',
};

export async function createDelegation(tx: MutationTransaction, input: CreateDelegationInput): Promise<Delegation> {
  const sender = await senderOf(tx, input);
  if (!sender)
    throw UserInputError.of(
      ['input', 'senderMunicipalityId'],
      'give the sending municipality or organization',
      UserErrorCode.INVALID,
    );
  const headId = input.headPersonId ? databaseId(input.headPersonId) : null;
  const sources = input.sourceIds.map(databaseId);
  if (headId) await tx.requireRecord('Person', headId, ['input', 'headPersonId']);
  await tx.requireRecords('Source', sources, ['input', 'sourceIds']);
  const [{ id }] = await tx.manager.query(
    `INSERT INTO delegation (names, sender_municipality_id, sender_organization_id, head_person_id, purpose) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [
      input.names ? JSON.stringify(multilingual(input.names)) : null,
      sender.municipality,
      sender.organization,
      headId,
      input.purpose ?? null,
    ],
  );
  await insertMembers(tx, id, input.members);
  await insertLinks(tx.manager, 'citation', 'delegation_id', 'source_id', id, sources);
  return tx.created<Delegation>('Delegation', id);
}

export async function updateDelegation(tx: MutationTransaction, input: UpdateDelegationInput): Promise<Delegation> {
  const id = databaseId(input.id);
  const before = await tx.lock('Delegation', id, input.version);
  const sender = await senderOf(tx, input);
  const headId = input.headPersonId ? databaseId(input.headPersonId) : input.headPersonId;
  if (headId) await tx.requireRecord('Person', headId, ['input', 'headPersonId']);
  await tx.update('Delegation', id, {
    names: input.names === undefined ? undefined : input.names && JSON.stringify(multilingual(input.names)),
    sender_municipality_id: sender?.municipality,
    sender_organization_id: sender?.organization,
    head_person_id: headId,
    purpose: input.purpose,
  });
  return tx.changed<Delegation>('Delegation', id, before);
}

/** Adds members after those the delegation has, in the order given. */
export async function addDelegationMembers(
  tx: MutationTransaction,
  input: AddDelegationMembersInput,
): Promise<Delegation> {
  const id = databaseId(input.id);
  const before = await tx.lock('Delegation', id, input.version);
  await insertMembers(tx, id, input.members);
  await tx.touch('Delegation', id);
  return tx.changed<Delegation>('Delegation', id, before);
}

/** Deletes a delegation recorded in error, with its members and citations; one with visits is refused by visit_delegation_id_fkey. */
export async function deleteDelegation(tx: MutationTransaction, input: { id: string; version: number }): Promise<null> {
  const id = databaseId(input.id);
  const before = await tx.lock('Delegation', id, input.version);
  await tx.manager.query('DELETE FROM delegation WHERE id = $1', [id]);
  await tx.deleted('Delegation', id, before);
  return null;
}

/**
 * The sender the input names: exactly one of the two ids (the table's check, named here by
 * field), checked to exist; null when the input names none (an update leaving it as it is).
 */
async function senderOf(
  tx: MutationTransaction,
  input: { senderMunicipalityId?: string | null; senderOrganizationId?: string | null },
) {
  const municipality = input.senderMunicipalityId ? databaseId(input.senderMunicipalityId) : null;
  const organization = input.senderOrganizationId ? databaseId(input.senderOrganizationId) : null;
  if (municipality && organization) {
    throw UserInputError.of(
      ['input', 'senderOrganizationId'],
      'a delegation has one sender: a municipality or an organization, not both',
      UserErrorCode.INVALID,
    );
  }
  if (municipality) await tx.requireRecord('Municipality', municipality, ['input', 'senderMunicipalityId']);
  if (organization) await tx.requireRecord('Organization', organization, ['input', 'senderOrganizationId']);
  return municipality || organization ? { municipality, organization } : null;
}

/** Inserts members after the delegation's last ordinal; an unknown person, one given twice or already a member is refused by index. */
async function insertMembers(
  tx: MutationTransaction,
  delegationId: string,
  given: DelegationMemberInput[],
): Promise<void> {
  if (!given.length) return;
  const ids = given.map((member) => databaseId(member.personId));
  const known: Array<{ id: string }> = await tx.manager.query('SELECT id FROM person WHERE id = ANY($1::uuid[])', [
    ids,
  ]);
  const present: Array<{ person_id: string }> = await tx.manager.query(
    'SELECT person_id FROM delegation_member WHERE delegation_id = $1 AND person_id = ANY($2::uuid[])',
    [delegationId, ids],
  );
  const found = new Set(known.map((row) => row.id));
  const members = new Set(present.map((row) => row.person_id));
  const problem = (id: string, index: number): [string, UserErrorCode] | null => {
    if (!found.has(id)) return ['no Person has this id', UserErrorCode.NOT_FOUND];
    if (members.has(id)) return ['is already a member of this delegation', UserErrorCode.DUPLICATE];
    return ids.indexOf(id) < index ? ['is given twice', UserErrorCode.DUPLICATE] : null;
  };
  const errors: UserError[] = ids.flatMap((id, index) => {
    const [message, code] = problem(id, index) ?? [];
    return message ? [{ field: ['input', 'members', String(index), 'personId'], message, code: code! }] : [];
  });
  if (errors.length) throw new UserInputError(errors);
  await tx.manager.query(
    `INSERT INTO delegation_member (delegation_id, person_id, title, ordinal)
     SELECT $1, member.person_id, member.title, (SELECT coalesce(max(ordinal), 0) FROM delegation_member WHERE delegation_id = $1) + member.position
     FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS member(person_id, title, position)`,
    [delegationId, ids, given.map((member) => member.title ?? null)],
  );
}
