import { ApiKeyRole } from '../../auth/api-key';
import { CooperationArea, CooperationAreaStatus } from './cooperation-area.entity';
import { UserErrorCode, UserInputError } from '../../common/errors';
import { multilingual } from '../../write/payloads';
import { databaseId, MutationTransaction, Snapshot } from '../../write/transaction';
import { sortName } from '../../common/names';
import { CreateCooperationAreaInput, UpdateCooperationAreaInput } from './cooperation-area.input';

/**
 * Writes of the cooperation-area vocabulary. Every function runs inside a mutation's
 * transaction (see write/mutation.ts).
 *
 * The vocabulary is controlled and shared: every city's agreements, visits and committees are
 * filed under it, and a query for an area includes its sub-areas, so moving or relabelling one
 * changes the answers for everybody. Any editor may propose a term (a portal needs "tourism"):
 * created by a key that is not ADMIN it is PROPOSED, unused until an admin accepts it (or
 * rejects it, which deletes it; the audit log keeps it), and nothing may be filed under it or
 * placed beneath it meanwhile (requireRecords refuses it, NOT_ACCEPTED; the database's triggers
 * hold the same). Changing, moving and deleting terms take an ADMIN key (the resolver's role).
 * There is no retiring column: an area in use cannot be deleted (IN_USE), only relabelled or moved.
 */
export async function createCooperationArea(
  tx: MutationTransaction,
  input: CreateCooperationAreaInput,
): Promise<CooperationArea> {
  const parentId = input.parentId ? databaseId(input.parentId) : null;
  if (parentId) await tx.requireRecord('CooperationArea', parentId, ['input', 'parentId']);
  const labels = multilingual(input.names);
  const status = tx.caller.role === ApiKeyRole.ADMIN ? CooperationAreaStatus.ACCEPTED : CooperationAreaStatus.PROPOSED;
  const [{ id }] = await tx.manager.query(
    'INSERT INTO cooperation_area (slug, parent_id, labels, sort_name, status) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [input.slug, parentId, JSON.stringify(labels), sortName(labels), status],
  );
  return tx.created<CooperationArea>('CooperationArea', id);
}

/** An admin accepts a proposed area into the vocabulary; one accepted already is refused (INVALID). */
export async function acceptCooperationArea(
  tx: MutationTransaction,
  input: { id: string; version: number },
): Promise<CooperationArea> {
  const id = databaseId(input.id);
  const before = await assertProposed(tx, id, input.version);
  await tx.update('CooperationArea', id, { status: CooperationAreaStatus.ACCEPTED });
  return tx.changed<CooperationArea>('CooperationArea', id, before);
}

/** An admin rejects a proposed area: it is deleted (nothing can refer to it), the audit log keeps it. */
export async function rejectCooperationArea(
  tx: MutationTransaction,
  input: { id: string; version: number },
): Promise<null> {
  const id = databaseId(input.id);
  const before = await assertProposed(tx, id, input.version);
  await tx.manager.query('DELETE FROM cooperation_area WHERE id = $1', [id]);
  await tx.deleted('CooperationArea', id, before);
  return null;
}

async function assertProposed(tx: MutationTransaction, id: string, version: number): Promise<Snapshot> {
  const before = await tx.lock('CooperationArea', id, version);
  if (before.status !== CooperationAreaStatus.PROPOSED) {
    throw UserInputError.of(
      ['input', 'id'],
      `is an accepted cooperation area, not a proposed one (updateCooperationArea or deleteCooperationArea change it)`,
      UserErrorCode.INVALID,
    );
  }
  return before;
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
