import { ObjectLiteral } from 'typeorm';
import { UserErrorCode, UserInputError } from '../../common/errors';
import { fromGlobalId, toGlobalId } from '../../common/global-id';
import { RecordTypeName } from '../../write/records';
import { MutationTransaction } from '../../write/transaction';
import { ExternalIdInput, SetExternalIdsInput } from './external-id.input';

/**
 * Replaces a record's ids in other systems. The record is locked and scope-checked as any
 * change to it (a Tehran key sets ids on Tehran's records only); an id another record holds
 * is refused by its place in the list, naming that record. Setting the ids it has already
 * writes nothing but the version, so a portal may send them on every sync.
 */
export async function setExternalIds(tx: MutationTransaction, input: SetExternalIdsInput): Promise<ObjectLiteral> {
  const { type, id } = fromGlobalId(input.id)! as { type: RecordTypeName; id: string };
  if (type === 'ApiKey')
    throw UserInputError.of(['input', 'id'], 'API keys have no external ids', UserErrorCode.WRONG_TYPE);
  const before = await tx.lock(type, id, input.version);
  await writeExternalIds(tx, type, id, input.externalIds);
  await tx.touch(type, id);
  return tx.changed(type, id, before);
}

/**
 * Gives a record made earlier in this transaction its ids in other systems: part of its
 * creation, whose scope rule was applied then (a scoped portal may tag the people it adds,
 * which it may not change afterwards), so it is neither locked again nor versioned twice.
 */
export async function tagNewRecord(
  tx: MutationTransaction,
  type: RecordTypeName,
  id: string,
  externalIds: ExternalIdInput[],
): Promise<void> {
  await writeExternalIds(tx, type, id, externalIds);
}

/** Replaces the record's ids: each given once, none another record holds (named by its place in the list). */
async function writeExternalIds(
  tx: MutationTransaction,
  type: RecordTypeName,
  id: string,
  externalIds: ExternalIdInput[],
): Promise<void> {
  const pairs = externalIds.map((external) => `${external.system} ${external.id}`);
  const repeated = pairs.findIndex((pair, index) => pairs.indexOf(pair) !== index);
  if (repeated >= 0) {
    throw UserInputError.of(['input', 'externalIds', String(repeated)], 'is given twice', UserErrorCode.DUPLICATE);
  }
  const systems = externalIds.map((external) => external.system);
  const ids = externalIds.map((external) => external.id);
  const held: Array<{ n: number; record_type: string; record_id: string }> = await tx.manager.query(
    `SELECT k.n::int - 1 AS n, e.record_type, e.record_id FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(system, id, n)
       JOIN external_id e ON e.system = k.system AND e.external_id = k.id WHERE e.record_id <> $3 ORDER BY k.n`,
    [systems, ids, id],
  );
  if (held.length) {
    const holder = toGlobalId(held[0].record_type, held[0].record_id);
    throw UserInputError.of(
      ['input', 'externalIds', String(held[0].n)],
      `names another record already: ${held[0].record_type} ${holder}`,
      UserErrorCode.TAKEN,
      holder,
    );
  }
  await tx.manager.query('DELETE FROM external_id WHERE record_id = $1', [id]);
  await tx.manager.query(
    `INSERT INTO external_id (system, external_id, record_type, record_id) SELECT s, e, $3, $4 FROM unnest($1::text[], $2::text[]) AS t(s, e)`,
    [systems, ids, type, id],
  );
}
