import { UserErrorCode, UserInputError } from '../../common/errors';
import { LinkSpec } from '../../write/links';
import { multilingual } from '../../write/payloads';
import { databaseId, MutationTransaction } from '../../write/transaction';
import { sortName } from '../../common/names';
import { Person } from './person.entity';
import { CreatePersonInput, UpdatePersonInput } from './person.input';
import { insertLinks } from '../../database/link-rows';

/**
 * Writes of persons. Every function runs inside a mutation's transaction (see write/mutation.ts).
 *
 * People are shared reference data: one official appears in the records of many cities.
 * A scoped key may create a person (a portal adds the people it sends; `shared` in
 * modules/record-types.ts), but Person has no participating municipality, so tx.lock refuses (FORBIDDEN)
 * a scoped key any change or delete: only unscoped editors and admins rename or remove people.
 */
export const personSources: LinkSpec = {
  owner: 'Person',
  linked: 'Source',
  table: 'citation',
  ownerColumn: 'person_id',
  linkedColumn: 'source_id',
  field: 'sourceIds',
};

export async function createPerson(tx: MutationTransaction, input: CreatePersonInput): Promise<Person> {
  const sources = input.sourceIds.map(databaseId);
  await tx.requireRecords('Source', sources, ['input', 'sourceIds']);
  const names = multilingual(input.names);
  const [{ id }] = await tx.manager.query(
    'INSERT INTO person (names, sort_name, wikidata_id) VALUES ($1, $2, $3) RETURNING id',
    [JSON.stringify(names), sortName(names), input.wikidataId ?? null],
  );
  await insertLinks(tx.manager, 'citation', 'person_id', 'source_id', id, sources);
  return tx.created<Person>('Person', id);
}

export async function updatePerson(tx: MutationTransaction, input: UpdatePersonInput): Promise<Person> {
  const id = databaseId(input.id);
  const before = await tx.lock('Person', id, input.version);
  const names = input.names ? multilingual(input.names) : undefined;
  await tx.update('Person', id, {
    names: names && JSON.stringify(names),
    sort_name: names && sortName(names),
    wikidata_id: input.wikidataId,
  });
  return tx.changed<Person>('Person', id, before);
}

/**
 * Deletes a person recorded in error. Terms, delegations, visits and signatures that name
 * them refuse it (their foreign keys, mapped in the resolver). Positions would go with the
 * person (ON DELETE CASCADE) without an audit entry of their own, so they refuse it here.
 */
export async function deletePerson(tx: MutationTransaction, input: { id: string; version: number }): Promise<null> {
  const id = databaseId(input.id);
  const before = await tx.lock('Person', id, input.version);
  const [{ positions }] = await tx.manager.query(
    'SELECT count(*)::int AS positions FROM person_position WHERE person_id = $1',
    [id],
  );
  if (positions > 0) {
    throw UserInputError.of(
      ['input', 'id'],
      `the person holds ${positions} recorded position(s); delete them first (deletePosition)`,
      UserErrorCode.IN_USE,
    );
  }
  await tx.manager.query('DELETE FROM person WHERE id = $1', [id]);
  await tx.deleted('Person', id, before);
  return null;
}
