import { Committee } from '../committee/committee.entity';
import { LinkSpec } from '../../write/links';
import { multilingual } from '../../write/payloads';
import { databaseId, MutationTransaction } from '../../write/transaction';
import { CreateCommitteeInput, UpdateCommitteeInput } from './committee.input';
import { insertLinks } from '../../database/link-rows';

/**
 * Writes of committees. Every function runs inside a mutation's transaction (see write/mutation.ts).
 * A committee takes part in its agreement's parties (modules/record-types.ts): a key scoped to Tehran keeps
 * the committees of Tehran's agreements. The schema has no committee members nor a list of
 * areas: one area per committee. A committee that stops work is DISSOLVED (updateCommittee),
 * which keeps it in the record; delete is for one recorded in error.
 */
export const committeeSources: LinkSpec = {
  owner: 'Committee',
  linked: 'Source',
  table: 'citation',
  ownerColumn: 'committee_id',
  linkedColumn: 'source_id',
  field: 'sourceIds',
};

export async function createCommittee(tx: MutationTransaction, input: CreateCommitteeInput): Promise<Committee> {
  const agreementId = databaseId(input.agreementId);
  const areaId = input.areaId ? databaseId(input.areaId) : null;
  const sources = input.sourceIds.map(databaseId);
  await tx.requireRecord('Agreement', agreementId, ['input', 'agreementId']);
  if (areaId) await tx.requireRecord('CooperationArea', areaId, ['input', 'areaId']);
  await tx.requireRecords('Source', sources, ['input', 'sourceIds']);
  const [{ id }] = await tx.manager.query(
    'INSERT INTO committee (agreement_id, names, area_id, status) VALUES ($1, $2, $3, $4) RETURNING id',
    [agreementId, JSON.stringify(multilingual(input.names)), areaId, input.status],
  );
  await insertLinks(tx.manager, 'citation', 'committee_id', 'source_id', id, sources);
  return tx.created<Committee>('Committee', id);
}

export async function updateCommittee(tx: MutationTransaction, input: UpdateCommitteeInput): Promise<Committee> {
  const id = databaseId(input.id);
  const before = await tx.lock('Committee', id, input.version);
  const areaId = input.areaId ? databaseId(input.areaId) : input.areaId;
  if (areaId) await tx.requireRecord('CooperationArea', areaId, ['input', 'areaId']);
  await tx.update('Committee', id, {
    names: input.names ? JSON.stringify(multilingual(input.names)) : undefined,
    area_id: areaId,
    status: input.status ?? undefined,
  });
  return tx.changed<Committee>('Committee', id, before);
}

export async function deleteCommittee(tx: MutationTransaction, input: { id: string; version: number }): Promise<null> {
  const id = databaseId(input.id);
  const before = await tx.lock('Committee', id, input.version);
  await tx.manager.query('DELETE FROM committee WHERE id = $1', [id]);
  await tx.deleted('Committee', id, before);
  return null;
}
