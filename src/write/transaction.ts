import { EntityManager, ObjectLiteral } from 'typeorm';
import { KeyCaller } from '../auth/access';
import { assertInScope, assertParticipantsInScope, participantsOf } from '../auth/scope';
import { hydrate } from '../database/rows';
import { ConflictError, UserErrorCode, UserInputError } from '../common/errors';
import { fromGlobalId, toGlobalId } from '../common/global-id';
import { recordTypeNamed, RecordTypeName, snapshotsSql } from './records';

export type Snapshot = Record<string, unknown>;

type AuditAction = 'CREATE' | 'UPDATE' | 'DELETE';

/** The database id inside a global id that the input's validation has already checked. */
export function databaseId(globalId: string): string {
  const decoded = fromGlobalId(globalId);
  if (!decoded) throw new Error(`unchecked global id ${globalId}`);
  return decoded.id;
}

/**
 * Columns the change feed leaves out of a change's fields: the version (the change carries it)
 * and what the database derives from other columns or rows by trigger (the parties' key, the
 * date a status holds from; and every `*_latest`, the end of a date span), which change only
 * with what they are derived from.
 */
const UNLISTED_COLUMNS = ['version', 'party_key', 'status_from'];

/**
 * One mutation's transaction: its manager (the only way to the database while it is open),
 * who is writing, and the steps every write takes (lock with version check, scope, audit).
 *
 * Scope (auth/scope.ts) is checked on a record's state before the change (`lock`) and after
 * it (`created`, `changed`), and the municipalities taking part in it may change only within
 * the caller's scope. A record changed as a side effect of another's mutation (the agreement
 * a new one implements) goes through the same steps, many at once: `lockAll`, `touchAll`,
 * `changedAll`.
 */
export class MutationTransaction {
  /** Who took part in each record locked, before the change: `changed` compares with it. */
  private readonly takingPartBefore = new Map<string, string[]>();
  /**
   * Who took part in each record locked, before the change, whatever the caller's scope: the
   * change feed names them (a deleted agreement's parties are gone when it is audited).
   */
  private readonly municipalitiesBefore = new Map<string, string[]>();

  constructor(
    readonly manager: EntityManager,
    readonly caller: KeyCaller,
    readonly mutation: string,
  ) {}

  /** The record as the audit log keeps it, or null if there is none. */
  async snapshot(type: RecordTypeName, id: string): Promise<Snapshot | null> {
    return (await this.snapshots(type, [id])).get(id) ?? null;
  }

  /** The records as the audit log keeps them, by id, in one statement. */
  async snapshots(type: RecordTypeName, ids: string[]): Promise<Map<string, Snapshot>> {
    return new Map([...(await this.read(type, ids))].map(([id, { snapshot }]) => [id, snapshot]));
  }

  /**
   * The records as rows and as the audit log keeps them, by id, in one statement: a write
   * that audits a record and returns it reads it once.
   */
  private async read(
    type: RecordTypeName,
    ids: string[],
  ): Promise<Map<string, { row: ObjectLiteral; snapshot: Snapshot }>> {
    const rows: Array<ObjectLiteral & { _snapshot: Snapshot }> = await this.manager.query(
      snapshotsSql(recordTypeNamed(type)),
      [ids],
    );
    return new Map(rows.map(({ _snapshot, ...row }) => [String(row.id), { row, snapshot: _snapshot }]));
  }

  /**
   * Locks a record about to change (a concurrent change of it waits until this one ends),
   * refuses a version other than the current one (CONFLICT) and a record outside the
   * caller's scope (FORBIDDEN). Returns the record's snapshot from before the change.
   * `version` null skips the check: for tables without versions (api_key).
   */
  async lock(type: RecordTypeName, id: string, version: number | null, field = ['input', 'id']): Promise<Snapshot> {
    const { table } = recordTypeNamed(type);
    const rows: Array<{ version: number }> = await this.manager.query(
      `SELECT ${version === null ? 'NULL' : 'version'} AS version FROM ${table} WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!rows.length) throw UserInputError.of(field, `no ${type} has this id`, UserErrorCode.NOT_FOUND);
    await this.checkScopeBefore(type, [id]);
    if (version !== null && rows[0].version !== version)
      throw new ConflictError(type, toGlobalId(type, id), version, rows[0].version);
    return (await this.snapshot(type, id))!;
  }

  /**
   * Locks records that change as a side effect of this mutation (the agreement a new one
   * implements, the visit an agreement was signed during): they must exist (requireRecords)
   * and lie in the caller's scope; their versions were not read, so none is checked.
   * Returns their snapshots by id. At most three statements, whatever the number of records.
   */
  async lockAll(type: RecordTypeName, ids: string[]): Promise<Map<string, Snapshot>> {
    if (!ids.length) return new Map();
    await this.manager.query(
      `SELECT id FROM ${recordTypeNamed(type).table} WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
    await this.checkScopeBefore(type, ids);
    return this.snapshots(type, ids);
  }

  /** Refuses an id that names no record of `type`; `field` is the id's input path. */
  async requireRecord(type: RecordTypeName, id: string, field: string[]): Promise<void> {
    await this.requireRecords(type, [id], field, false);
  }

  /**
   * Refuses ids that name no record of `type` (NOT_FOUND), or one that may not be referred to
   * yet (NOT_ACCEPTED: a proposed cooperation area), naming each by its index in the list at `field`.
   */
  async requireRecords(type: RecordTypeName, ids: string[], field: string[], list = true): Promise<void> {
    if (!ids.length) return;
    const { table, notYetUsable } = recordTypeNamed(type);
    const rows: Array<{ id: string; unusable: boolean }> = await this.manager.query(
      `SELECT t.id, ${notYetUsable?.condition ?? 'false'} AS unusable FROM ${table} t WHERE t.id = ANY($1::uuid[])`,
      [ids],
    );
    const found = new Map(rows.map((row) => [row.id, row.unusable]));
    const refusals = ids.flatMap((id, index) => {
      const at = list ? [...field, String(index)] : field;
      if (!found.has(id)) return [{ field: at, message: `no ${type} has this id`, code: UserErrorCode.NOT_FOUND }];
      if (found.get(id)) return [{ field: at, message: notYetUsable!.reason, code: UserErrorCode.NOT_ACCEPTED }];
      return [];
    });
    if (refusals.length) throw new UserInputError(refusals);
  }

  /**
   * Updates the columns given (undefined leaves a column as it is, null clears it) and bumps
   * the version; call after `lock`.
   */
  async update(type: RecordTypeName, id: string, columns: Record<string, unknown>): Promise<void> {
    const given = Object.entries(columns).filter(([, value]) => value !== undefined);
    const assignments = given.map(([column], index) => `${column} = $${index + 2}`);
    await this.manager.query(
      `UPDATE ${recordTypeNamed(type).table} SET ${[...assignments, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1`,
      [id, ...given.map(([, value]) => value)],
    );
  }

  /** Bumps a record's version for a change to rows it owns (a party added, a source cited). */
  async touch(type: RecordTypeName, id: string): Promise<void> {
    await this.touchAll(type, [id]);
  }

  /** Bumps the versions of records changed by what another record did (implemented by it, signed during it). */
  async touchAll(type: RecordTypeName, ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.manager.query(
      `UPDATE ${recordTypeNamed(type).table} SET version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** After an insert: the new record must lie in the caller's scope; then it is audited. */
  async created<T extends ObjectLiteral>(type: RecordTypeName, id: string): Promise<T> {
    const { shared, anyKeyCreates } = recordTypeNamed(type);
    if (!shared && !anyKeyCreates) await assertInScope(this.manager, this.caller, this.scoped(type), [id], 'new');
    const record = (await this.read(type, [id])).get(id);
    await this.audit('CREATE', type, [{ id, before: null, after: record?.snapshot ?? null }]);
    return this.entity<T>(type, record?.row);
  }

  /** After an update: the record must still lie in the caller's scope, gaining or losing none outside it; then it is audited. */
  async changed<T extends ObjectLiteral>(type: RecordTypeName, id: string, before: Snapshot): Promise<T> {
    const after = await this.auditChanges(type, new Map([[id, before]]));
    return this.entity<T>(type, after.get(id)?.row);
  }

  /** `changed` for records locked with `lockAll`, in three statements whatever their number. */
  async changedAll(type: RecordTypeName, befores: Map<string, Snapshot>): Promise<void> {
    if (befores.size) await this.auditChanges(type, befores);
  }

  private async auditChanges(type: RecordTypeName, befores: Map<string, Snapshot>) {
    const ids = [...befores.keys()];
    await this.checkScopeAfter(type, ids);
    const after = await this.read(type, ids);
    await this.audit(
      'UPDATE',
      type,
      ids.map((id) => ({ id, before: befores.get(id)!, after: after.get(id)!.snapshot })),
    );
    return after;
  }

  async deleted(type: RecordTypeName, id: string, before: Snapshot): Promise<void> {
    await this.deletedAll(type, new Map([[id, before]]));
  }

  /** Audits records deleted with another (the committees of an agreement), locked with `lockAll`. */
  async deletedAll(type: RecordTypeName, befores: Map<string, Snapshot>): Promise<void> {
    if (!befores.size) return;
    await this.audit(
      'DELETE',
      type,
      [...befores].map(([id, before]) => ({ id, before, after: null })),
    );
  }

  /** A row read with its snapshot, as the type's entity (undefined when there was no row). */
  private entity<T extends ObjectLiteral>(type: RecordTypeName, row: ObjectLiteral | undefined): T {
    return hydrate(this.manager, recordTypeNamed(type).target, row ? [row] : [])[0] as T;
  }

  private scoped(type: RecordTypeName) {
    return { name: type, participants: recordTypeNamed(type).participants };
  }

  private async checkScopeBefore(type: RecordTypeName, ids: string[]): Promise<void> {
    const scopeTakingPart = await assertInScope(this.manager, this.caller, this.scoped(type), ids);
    // An unscoped caller needs no scope answer, but the change feed still needs who took part.
    const takingPart = this.caller.scope === null ? await this.participantsOf(type, ids) : scopeTakingPart;
    for (const id of ids) {
      const key = `${type}:${id}`;
      if (!this.municipalitiesBefore.has(key)) this.municipalitiesBefore.set(key, takingPart.get(id) ?? []);
    }
    // The first lock in the mutation saw the state before it; a second one would see its own writes.
    for (const id of ids) {
      const key = `${type}:${id}`;
      if (!this.takingPartBefore.has(key)) this.takingPartBefore.set(key, scopeTakingPart.get(id) ?? []);
    }
  }

  /** The municipalities taking part in each record, by id (none for a type without participants). */
  private async participantsOf(type: RecordTypeName, ids: string[]): Promise<Map<string, string[]>> {
    const { participants, node } = recordTypeNamed(type);
    if (!participants || !node || !ids.length) return new Map();
    return participantsOf(this.manager, participants, ids);
  }

  private async checkScopeAfter(type: RecordTypeName, ids: string[]): Promise<void> {
    const takingPart = await assertInScope(this.manager, this.caller, this.scoped(type), ids);
    for (const id of ids) {
      const before = this.takingPartBefore.get(`${type}:${id}`);
      if (before)
        await assertParticipantsInScope(this.manager, this.caller, type, id, before, takingPart.get(id) ?? []);
    }
  }

  /**
   * One statement for any number of entries: the audit log's entries and, for records of the
   * public register (every type with global ids: not API keys), their rows in the change feed,
   * with the fields that changed and the municipalities taking part before or after. The
   * version trigger stamps those rows with the commit's place in commit order.
   */
  private async audit(
    action: AuditAction,
    type: RecordTypeName,
    entries: Array<{ id: string; before: Snapshot | null; after: Snapshot | null }>,
  ) {
    const recordType = recordTypeNamed(type);
    const params = [this.caller.keyId, this.mutation, action, type];
    const rows = entries.map((entry) => ({
      ...entry,
      before_municipalities: this.municipalitiesBefore.get(`${type}:${entry.id}`) ?? [],
    }));
    if (!recordType.node) {
      await this.manager.query(
        `INSERT INTO audit_log (api_key_id, mutation, action, record_type, record_id, before, after)
         SELECT $1, $2, $3, $4, entry.id, entry.before, entry.after FROM jsonb_to_recordset($5::jsonb) AS entry(id uuid, before jsonb, after jsonb)`,
        [...params, JSON.stringify(entries)],
      );
      return;
    }
    const participants = recordType.participants
      ? `SELECT record_id, array_agg(DISTINCT municipality_id) AS ids
           FROM (${recordType.participants.replaceAll('$1', '$6')}) AS taking_part(record_id, municipality_id)
          WHERE municipality_id IS NOT NULL GROUP BY record_id`
      : `SELECT NULL::uuid AS record_id, NULL::uuid[] AS ids WHERE $6::uuid[] IS NULL AND false`;
    await this.manager.query(
      `WITH entry AS (
         SELECT * FROM jsonb_to_recordset($5::jsonb) AS entry(id uuid, before jsonb, after jsonb, before_municipalities uuid[])
       ), audited AS (
         INSERT INTO audit_log (api_key_id, mutation, action, record_type, record_id, before, after)
         SELECT $1, $2, $3, $4, entry.id, entry.before, entry.after FROM entry
         RETURNING seq, at, record_id, before, after
       ), taking AS (${participants})
       INSERT INTO register_change (audit_seq, changed_at, action, record_type, record_id, record_version, fields, municipality_ids)
       SELECT a.seq, a.at,
              CASE WHEN $3 = 'UPDATE' AND changed.fields <> '{}' AND changed.fields <@ $7::text[] THEN 'LINK' ELSE $3 END,
              $4, a.record_id, (coalesce(a.after, a.before) ->> 'version')::integer, changed.fields,
              ARRAY(SELECT DISTINCT m FROM unnest(e.before_municipalities || coalesce(t.ids, '{}')) AS m ORDER BY m)
         FROM audited a
         JOIN entry e ON e.id = a.record_id
         LEFT JOIN taking t ON t.record_id = a.record_id
         CROSS JOIN LATERAL (
           SELECT CASE WHEN a.after IS NULL THEN '{}'::text[] ELSE ARRAY(
             SELECT k FROM jsonb_object_keys(coalesce(a.before, '{}'::jsonb) || a.after) AS k
              WHERE k <> ALL($8::text[]) AND k NOT LIKE '%\\_latest' AND (a.before -> k) IS DISTINCT FROM (a.after -> k)
                AND NOT (a.before IS NULL AND jsonb_typeof(a.after -> k) = 'null')
              ORDER BY k) END AS fields
         ) AS changed`,
      [
        ...params,
        JSON.stringify(rows),
        entries.map((entry) => entry.id),
        Object.keys(recordType.links),
        UNLISTED_COLUMNS,
      ],
    );
  }
}
