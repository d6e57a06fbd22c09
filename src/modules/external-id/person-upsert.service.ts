import { toGlobalId } from '../../common/global-id';
import { loadRecord } from '../../write/mutation';
import { MutationTransaction } from '../../write/transaction';
import { createPerson, Person, updatePerson } from '../person';
import { setExternalIds, tagNewRecord } from './external-id.service';
import { UpsertPersonInput } from './person-upsert.input';
import { UpsertOutcome } from './upsert-outcome';
import { externalIdsText, pair, recordNamedBy, unchanged } from './upsert-steps';

/** The first external id that names a person, else the Wikidata id (unique among people, person_wikidata_id_key). */
async function match(tx: MutationTransaction, input: UpsertPersonInput): Promise<string | null> {
  const named = await recordNamedBy(tx, input.externalIds, 'Person');
  if (named || !input.wikidataId) return named;
  const [byWikidata]: Array<{ id: string }> = await tx.manager.query('SELECT id FROM person WHERE wikidata_id = $1', [
    input.wikidataId,
  ]);
  return byWikidata?.id ?? null;
}

/**
 * Creates the person, or brings the one that matches in line with the input (names, Wikidata
 * id, external ids; sources are cited on creation only). Changing a person is for unscoped keys
 * (tx.lock refuses a scoped one, as updatePerson does), even when nothing would change: a
 * scoped portal may add people, not touch those recorded. A repeat is undone to its savepoint.
 */
export async function upsertPerson(
  tx: MutationTransaction,
  input: UpsertPersonInput,
): Promise<Person & { outcome: UpsertOutcome }> {
  const found = await match(tx, input);
  const globalId = (id: string) => toGlobalId('Person', id);
  if (!found) {
    const made = await createPerson(tx, input);
    await tagNewRecord(tx, 'Person', made.id, input.externalIds);
    return Object.assign(made, { outcome: UpsertOutcome.CREATED });
  }
  const before = await tx.lock('Person', found, null);
  const external = await externalIdsText(tx, found);
  await tx.manager.query('SAVEPOINT upsert');
  const { sourceIds: _sources, externalIds, clientMutationId: _key, ...fields } = input;
  const updated = await updatePerson(tx, { ...fields, id: globalId(found), version: before.version as number });
  const result = await setExternalIds(tx, { id: globalId(found), version: updated.version, externalIds });
  if (unchanged(before, await tx.snapshot('Person', found)) && external === JSON.stringify(externalIds.map(pair))) {
    await tx.manager.query('ROLLBACK TO SAVEPOINT upsert');
    const record = await loadRecord(tx.manager, Person, 'person', found);
    return Object.assign(record!, { outcome: UpsertOutcome.UNCHANGED });
  }
  return Object.assign(result as Person, { outcome: UpsertOutcome.UPDATED });
}
