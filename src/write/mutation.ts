import { EntityManager, EntityTarget, ObjectLiteral, QueryFailedError } from 'typeorm';
import { requireRole } from '../auth/access';
import { ApiKeyRole } from '../auth/api-key';
import { Context } from '../context';
import { hydrate } from '../database/rows';
import { MutationTransaction } from './transaction';
import { ConstraintErrors, userErrorOfConstraint } from './constraints';
import { MutationResult } from './payloads';
import { UserInputError } from '../common/errors';
import { RecordTypeName } from './records';
import { claimClientMutationId, recordClaimResult } from './idempotency';
import { parseWalPosition } from '../database/wal-position';

/**
 * How a mutation is built (follow visit/visit-mutations.resolver.ts as the worked example):
 *
 * 1. Input: `<thing>.input.ts`, an @InputType extending CreateInput (adds clientMutationId) or
 *    ChangeInput (id + version), with class-validator rules (IsText, IsGlobalId, IsPartialDate,
 *    NotBefore... from validation.ts; dates by the mixins of date-input-fields.ts). Ids are global ids checked by IsGlobalId.
 * 2. Service: `<thing>.service.ts`, functions `(tx: MutationTransaction, input) => record`
 *    that write with `tx.manager` only (on PGlite anything else deadlocks), and call:
 *    - `tx.lock(type, id, version)` before changing a record: locks it, refuses a stale version
 *      (CONFLICT), checks the caller's municipality scope, returns the "before" snapshot;
 *    - `tx.requireRecords(type, ids, field)` for every record the input refers to;
 *    - `tx.created / tx.changed / tx.deleted(type, id, before?)` after writing: re-checks scope
 *      on the new state (a change may add or remove only municipalities in scope) and appends
 *      the audit entry;
 *    - `tx.lockAll / tx.touchAll / tx.changedAll / tx.deletedAll(type, ids)` for other records
 *      the write changes (the agreement a new one implements): the same steps, a few
 *      statements for any number of records;
 *    - `throw UserInputError.of(field, message, code)` for any domain error: the transaction
 *      rolls back and the payload carries the error.
 *    A new record type also needs its entry in modules/record-types.ts (links to snapshot, participants).
 * 3. Resolver: `<thing>-mutations.resolver.ts` (the file name makes schema.ts find it; export
 *    only resolver classes), one method per mutation:
 *      @MutationField(() => VisitPayload, { description })
 *      async recordVisit(@Ctx() context, @MutationInput(RecordVisitInput) input) {
 *        return payload(await runMutation(context, { name: 'recordVisit', input, recordType: 'Visit' },
 *          (tx) => recordVisit(tx, input)), input);
 *      }
 *    Constraint names the database may raise map to input fields with `constraints`.
 */
export interface MutationOptions {
  /** The GraphQL field name; recorded in the audit log and with idempotency keys. */
  name: string;
  /** The mutation's input; a create's `clientMutationId` makes it safe to retry. */
  input: object;
  /** The type of record a create returns: how a retried create finds its first result. */
  recordType?: RecordTypeName;
  role?: ApiKeyRole;
  /** Database constraints this mutation may run into, and the input field each concerns. */
  constraints?: ConstraintErrors;
}

/** Runs `work` in one transaction: all of it is written, or (on any error) none of it. */
export async function runMutation<T extends ObjectLiteral>(
  context: Context,
  options: MutationOptions,
  work: (tx: MutationTransaction) => Promise<T | null>,
): Promise<MutationResult<T>> {
  const caller = requireRole(context.caller, options.role ?? ApiKeyRole.EDITOR);
  try {
    const clientMutationId = clientMutationIdOf(options.input);
    let committedVersion: number | undefined;
    const record = await context.services.dataSource.transaction(async (manager) => {
      const replayed = clientMutationId
        ? await claimClientMutationId(manager, caller, options.name, clientMutationId, options.input)
        : undefined;
      if (replayed !== undefined) return replayed as T | null;
      const tx = new MutationTransaction(manager, caller, options.name);
      const result = await work(tx);
      // Deferred checks (an agreement's parties) fire here, inside the catch below, not at COMMIT;
      // so does the version trigger, and the version it moved to is then this commit's.
      await manager.query('SET CONSTRAINTS ALL IMMEDIATE');
      const [{ version }] = await manager.query('SELECT version FROM register_version');
      committedVersion = Number(version);
      if (clientMutationId && result && options.recordType) {
        await recordClaimResult(
          manager,
          caller,
          clientMutationId,
          options.recordType,
          (result as unknown as { id: string }).id,
        );
      }
      return result;
    });
    // This process's own readers see the commit at once, before its NOTIFY comes back round.
    if (committedVersion !== undefined) context.services.changeNotices.observed(committedVersion);
    context.committedAt = await walPositionAfterCommit(context);
    return { record, userErrors: [] };
  } catch (error) {
    if (error instanceof UserInputError) return { record: null, userErrors: error.userErrors };
    const constraintError =
      error instanceof QueryFailedError ? userErrorOfConstraint(error, options.constraints) : null;
    if (constraintError) return { record: null, userErrors: [constraintError] };
    throw error;
  }
}

/**
 * The consistency token: where the WAL had got to once the commit returned. Read after COMMIT
 * (inside the transaction the commit record is not written yet), as the insert position, which
 * is at or past the commit record whatever synchronous_commit says; a replica that has replayed
 * that far has the commit. A retried create that replays its first result gets a position past
 * that first commit, which serves as well.
 */
async function walPositionAfterCommit(context: Context): Promise<bigint> {
  const [{ position }] = await context.services.manager.query('SELECT pg_current_wal_insert_lsn()::text AS position');
  const parsed = parseWalPosition(position);
  const earlier = context.committedAt ?? 0n;
  return parsed !== undefined && parsed > earlier ? parsed : earlier;
}

export function clientMutationIdOf(input: object): string | null {
  return (input as { clientMutationId?: string | null }).clientMutationId ?? null;
}

/** A record by id through `manager` (inside a transaction, the only way to read). */
export async function loadRecord<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  table: string,
  id: string,
): Promise<T | null> {
  return hydrate(manager, target, await manager.query(`SELECT * FROM ${table} WHERE id = $1`, [id]))[0] ?? null;
}
