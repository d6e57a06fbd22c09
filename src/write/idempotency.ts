import { createHash } from 'node:crypto';
import { EntityManager, ObjectLiteral } from 'typeorm';
import { KeyCaller } from '../auth/access';
import { UserErrorCode, UserInputError } from '../common/errors';
import { toGlobalId } from '../common/global-id';
import { hydrate } from '../database/rows';
import { recordTypeNamed, RecordTypeName } from './records';

/**
 * Idempotency keys as payment APIs keep them: a clientMutationId belongs to the caller's
 * account (the portal, whichever of its keys sends it), and is bound to the input it first
 * came with. The same id with the same input replays the first result; with another input it
 * is refused (IDEMPOTENCY_MISMATCH), naming the first call, so that a client reusing ids by
 * mistake hears of it instead of silently getting an unrelated record back.
 */

/** SHA-256 of the input as canonical JSON (keys sorted, the clientMutationId left out). */
export function inputFingerprint(input: object): Buffer {
  const { clientMutationId: _ignored, ...rest } = input as Record<string, unknown>;
  return createHash('sha256')
    .update(JSON.stringify(canonical(rest)), 'utf8')
    .digest();
}

function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, item]) => [key, canonical(item)]));
}

interface Claim {
  mutation: string;
  record_type: RecordTypeName | null;
  record_id: string | null;
  fingerprint: Buffer | null;
  created_at: Date;
}

/**
 * Claims the input's clientMutationId for the caller's account. Returns the record the first
 * call made when this is a retry (null if it made none), undefined when the id is new (go on).
 * The claim is the first write of the transaction, so a concurrent retry waits on its primary
 * key until this transaction ends, then sees the result (or, after a rollback, claims it itself).
 */
export async function claimClientMutationId(
  manager: EntityManager,
  caller: KeyCaller,
  name: string,
  id: string,
  input: object,
): Promise<ObjectLiteral | null | undefined> {
  const fingerprint = inputFingerprint(input);
  const claimed = await manager.query(
    `INSERT INTO client_mutation (account, api_key_id, client_mutation_id, mutation, fingerprint) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING RETURNING mutation`,
    [caller.account, caller.keyId, id, name, fingerprint],
  );
  if (claimed.length) return undefined;
  const [earlier]: Claim[] = await manager.query(
    `SELECT mutation, record_type, record_id, fingerprint, created_at FROM client_mutation
      WHERE account = $1 AND client_mutation_id = $2`,
    [caller.account, id],
  );
  const field = ['input', 'clientMutationId'];
  if (earlier.mutation !== name) {
    throw UserInputError.of(
      field,
      `was already used by this account for ${earlier.mutation}`,
      UserErrorCode.ALREADY_USED,
    );
  }
  const made = earlier.record_type ? toGlobalId(earlier.record_type, earlier.record_id!) : null;
  // A claim from before fingerprints were kept cannot be compared: it replays, as it did then.
  if (earlier.fingerprint && !fingerprint.equals(earlier.fingerprint)) {
    throw UserInputError.of(
      field,
      `was first sent to ${earlier.mutation} at ${new Date(earlier.created_at).toISOString()} with another input, ` +
        `which made ${made ? `${earlier.record_type} ${made}` : 'no record'}: a retry sends the same input, a new write a new clientMutationId`,
      UserErrorCode.IDEMPOTENCY_MISMATCH,
      made,
    );
  }
  if (!earlier.record_type) return null;
  const { target, table } = recordTypeNamed(earlier.record_type);
  const rows = await manager.query(`SELECT * FROM ${table} WHERE id = $1`, [earlier.record_id]);
  return hydrate(manager, target, rows)[0] ?? null;
}

/** Notes on the claim the record the first call made, for its retries to return. */
export async function recordClaimResult(
  manager: EntityManager,
  caller: KeyCaller,
  id: string,
  recordType: RecordTypeName,
  recordId: string,
): Promise<void> {
  await manager.query(
    'UPDATE client_mutation SET record_type = $3, record_id = $4 WHERE account = $1 AND client_mutation_id = $2',
    [caller.account, id, recordType, recordId],
  );
}
