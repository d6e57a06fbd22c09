import { CooperationArea } from '../cooperation-area/cooperation-area.entity';
import { UserErrorCode, UserInputError } from '../../common/errors';
import { multilingual } from '../../write/payloads';
import { databaseId, MutationTransaction } from '../../write/transaction';
import { sortName } from '../../common/names';
import { CreateCooperationAreaInput, UpdateCooperationAreaInput } from './cooperation-area.input';

/**
 * Writes of the cooperation-area vocabulary. Every function runs inside a mutation's
 * transaction (see write/mutation.ts).
 *
 * The vocabulary is controlled and shared: every city's agreements, visits and committees are
 * filed under it, and a query for an area includes its sub-areas, so moving or relabelling one
 * changes the answers for everybody. Its mutations take an ADMIN key (the resolver's role);
 * scoped keys could not pass anyway, modules/record-types.ts naming no participants for an area. There is
 * no retiring column: an area in use cannot be deleted (IN_USE), only relabelled or moved.
 */
export async function createCooperationArea(
  tx: MutationTransaction,
  input: CreateCooperationAreaInput,
): Promise<CooperationArea> {
  const parentId = input.parentId ? databaseId(input.parentId) : null;
  if (parentId) await tx.requireRecord('CooperationArea', parentId, ['input', 'parentId']);
  const labels = multilingual(input.names);
  const [{ id }] = await tx.manager.query(
    'INSERT INTO cooperation_area (slug, parent_id, labels, sort_name) VALUES ($1, $2, $3, $4) RETURNING id',
    [input.slug, parentId, JSON.stringify(labels), sortName(labels)],
  );
  return tx.created<CooperationArea>('CooperationArea', id);
}

export async function updateCooperationArea(
  tx: MutationTransaction,
  input: UpdateCooperationAreaInput,
): Promise<CooperationArea> {
  const id = databaseId(input.id);
  const before = await tx.lock('CooperationArea', id, input.version);
  const parentId = input.parentId ? databaseId(input.parentId) : input.parentId;
  if (parentId) {
    await tx.requireRecord('CooperationArea', parentId, ['input', 'parentId']);
    await assertNotBelow(tx, id, parentId);
  }
  const labels = input.names ? multilingual(input.names) : undefined;
  await tx.update('CooperationArea', id, {
    slug: input.slug ?? undefined,
    parent_id: parentId,
    labels: labels && JSON.stringify(labels),
    sort_name: labels && sortName(labels),
  });
  return tx.changed<CooperationArea>('CooperationArea', id, before);
}

/** Deletes an unused area; sub-areas and the records filed under it refuse it by their foreign keys. */
export async function deleteCooperationArea(
  tx: MutationTransaction,
  input: { id: string; version: number },
): Promise<null> {
  const id = databaseId(input.id);
  const before = await tx.lock('CooperationArea', id, input.version);
  await tx.manager.query('DELETE FROM cooperation_area WHERE id = $1', [id]);
  await tx.deleted('CooperationArea', id, before);
  return null;
}

/** The tree must stay a tree: an area cannot move under itself or under one of its own sub-areas. */
async function assertNotBelow(tx: MutationTransaction, id: string, parentId: string): Promise<void> {
  const [{ cycle }] = await tx.manager.query(
    `WITH RECURSIVE subtree(id) AS (SELECT $1::uuid UNION SELECT a.id FROM cooperation_area a JOIN subtree s ON a.parent_id = s.id)
     SELECT EXISTS (SELECT 1 FROM subtree WHERE id = $2) AS cycle`,
    [id, parentId],
  );
  if (cycle)
    throw UserInputError.of(
      ['input', 'parentId'],
      'is the area itself or one of its sub-areas: the tree would loop',
      UserErrorCode.INVALID,
    );
}
