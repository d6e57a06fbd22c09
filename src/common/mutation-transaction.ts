import { EntityManager, ObjectLiteral } from 'typeorm';
import { KeyCaller } from '../auth/access';
import { assertInScope, SHARED_RECORD_TYPES } from '../auth/scope';
import { hydrate } from '../database/rows';
import { ConflictError, UserErrorCode, UserInputError } from './errors';
import { fromGlobalId, toGlobalId } from './global-id';
import { RecordType, recordTypes, RecordTypeName, snapshotSql } from './mutation-records';

type Snapshot = Record<string, unknown>;

/** The database id inside a global id that the input's validation has already checked. */
export function databaseId(globalId: string): string {
  const decoded = fromGlobalId(globalId);
  if (!decoded) throw new Error(`unchecked global id ${globalId}`);
  return decoded.id;
}

/**
 * One mutation's transaction: its manager (the only way to the database while it is open),
 * who is writing, and the steps every write takes (lock with version check, scope, audit).
 */
export class MutationTransaction {
  constructor(readonly manager: EntityManager, readonly caller: KeyCaller, readonly mutation: string) {}

  /** The record as the audit log keeps it, or null if there is none. */
  async snapshot(type: RecordTypeName, id: string): Promise<Snapshot | null> {
    const rows = await this.manager.query(snapshotSql(type), [id]);
    return rows[0]?.snapshot ?? null;
  }

  /**
   * Locks a record about to change (a concurrent change of it waits until this one ends),
   * refuses a version other than the current one (CONFLICT) and a record outside the
   * caller's scope (FORBIDDEN). Returns the record's snapshot from before the change.
   * `version` null skips the check: for a record changed as a side effect of another's
   * mutation (an agreement signed on a visit being recorded), whose version was not read.
   */
  async lock(type: RecordTypeName, id: string, version: number | null, field = ['input', 'id']): Promise<Snapshot> {
    const { table } = recordTypes[type];
    // Tables without versions (api_key) are locked with version null.
    const rows: Array<{ version: number }> = await this.manager.query(
      `SELECT ${version === null ? 'NULL' : 'version'} AS version FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
    if (!rows.length) throw UserInputError.of(field, `no ${type} has this id`, UserErrorCode.NOT_FOUND);
    await assertInScope(this.manager, this.caller, type, id);
    if (version !== null && rows[0].version !== version) throw new ConflictError(type, toGlobalId(type, id), version, rows[0].version);
    return (await this.snapshot(type, id))!;
  }

  /** Refuses an id that names no record of `type`; `field` is the id's input path. */
  async requireRecord(type: RecordTypeName, id: string, field: string[]): Promise<void> {
    await this.requireRecords(type, [id], field, false);
  }

  /** Refuses ids that name no record of `type`, naming each by its index in the list at `field`. */
  async requireRecords(type: RecordTypeName, ids: string[], field: string[], list = true): Promise<void> {
    if (!ids.length) return;
    const rows: Array<{ id: string }> = await this.manager.query(`SELECT id FROM ${recordTypes[type].table} WHERE id = ANY($1::uuid[])`, [ids]);
    const found = new Set(rows.map((row) => row.id));
    const missing = ids.flatMap((id, index) => (found.has(id) ? [] : [index]));
    if (!missing.length) return;
    throw new UserInputError(missing.map((index) => ({
      field: list ? [...field, String(index)] : field, message: `no ${type} has this id`, code: UserErrorCode.NOT_FOUND,
    })));
  }

  /**
   * Updates the columns given (undefined leaves a column as it is, null clears it) and bumps
   * the version; call after `lock`.
   */
  async update(type: RecordTypeName, id: string, columns: Record<string, unknown>): Promise<void> {
    const given = Object.entries(columns).filter(([, value]) => value !== undefined);
    const assignments = given.map(([column], index) => `${column} = $${index + 2}`);
    await this.manager.query(
      `UPDATE ${recordTypes[type].table} SET ${[...assignments, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1`,
      [id, ...given.map(([, value]) => value)],
    );
  }

  /** Bumps a record's version for a change to rows it owns (a party added, a source cited). */
  async touch(type: RecordTypeName, id: string): Promise<void> {
    await this.manager.query(`UPDATE ${recordTypes[type].table} SET version = version + 1, updated_at = now() WHERE id = $1`, [id]);
  }

  /** After an insert: the new record must lie in the caller's scope; then it is audited. */
  async created<T extends ObjectLiteral>(type: RecordTypeName, id: string): Promise<T> {
    if (!SHARED_RECORD_TYPES.has(type)) await assertInScope(this.manager, this.caller, type, id);
    await this.audit('CREATE', type, id, null, await this.snapshot(type, id));
    return this.load<T>(type, id);
  }

  /** After an update: the record must still lie in the caller's scope; then it is audited. */
  async changed<T extends ObjectLiteral>(type: RecordTypeName, id: string, before: Snapshot): Promise<T> {
    await assertInScope(this.manager, this.caller, type, id);
    await this.audit('UPDATE', type, id, before, await this.snapshot(type, id));
    return this.load<T>(type, id);
  }

  async deleted(type: RecordTypeName, id: string, before: Snapshot): Promise<void> {
    await this.audit('DELETE', type, id, before, null);
  }

  async load<T extends ObjectLiteral>(type: RecordTypeName, id: string): Promise<T> {
    const { target, table } = recordTypes[type] as RecordType;
    return hydrate(this.manager, target, await this.manager.query(`SELECT * FROM ${table} WHERE id = $1`, [id]))[0] as T;
  }

  private async audit(action: 'CREATE' | 'UPDATE' | 'DELETE', type: RecordTypeName, id: string, before: Snapshot | null, after: Snapshot | null) {
    await this.manager.query(
      `INSERT INTO audit_log (api_key_id, mutation, action, record_type, record_id, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [this.caller.keyId, this.mutation, action, type, id, before, after],
    );
  }
}
