import { UserErrorCode, UserInputError } from '../../common/errors';
import { toGlobalId } from '../../common/global-id';
import { RecordTypeName } from '../../write/records';
import { MutationTransaction, Snapshot } from '../../write/transaction';
import { ExternalIdInput } from './external-id.input';

/**
 * The steps every upsert shares: finding the record a portal's ids name, and telling whether
 * bringing it in line changed anything (so that a repeat is undone to its savepoint).
 */

export const pair = (external: { system: string; id: string }) => `${external.system} ${external.id}`;

/** The record the first of the input's external ids names, refused when it is of another type. */
export async function recordNamedBy(
  tx: MutationTransaction,
  externalIds: ExternalIdInput[],
  type: RecordTypeName,
): Promise<string | null> {
  const [row]: Array<{ id: string; record_type: string }> = await tx.manager.query(
    `SELECT e.record_id AS id, e.record_type FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(system, id, n)
       JOIN external_id e ON e.system = k.system AND e.external_id = k.id ORDER BY k.n LIMIT 1`,
    [externalIds.map((external) => external.system), externalIds.map((external) => external.id)],
  );
  if (!row) return null;
  if (row.record_type !== type) {
    const holder = toGlobalId(row.record_type, row.id);
    throw UserInputError.of(
      ['input', 'externalIds'],
      `names a ${row.record_type}: ${holder}`,
      UserErrorCode.WRONG_TYPE,
      holder,
    );
  }
  return row.id;
}

/** A record's external ids as one comparable text, in the order the input's list would give them. */
export async function externalIdsText(tx: MutationTransaction, id: string): Promise<string> {
  const rows: Array<{ system: string; id: string }> = await tx.manager.query(
    'SELECT system, external_id AS id FROM external_id WHERE record_id = $1 ORDER BY created_at, system, external_id',
    [id],
  );
  return JSON.stringify(rows.map(pair));
}

/** The record's own columns are what they were (its version and updated_at aside). */
export const unchanged = (before: Snapshot, after: Snapshot | null) => {
  const { version: _v1, updated_at: _u1, ...was } = before;
  const { version: _v2, updated_at: _u2, ...is } = after ?? {};
  return JSON.stringify(was) === JSON.stringify(is);
};
