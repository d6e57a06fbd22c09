import { EntityManager } from 'typeorm';
import { ForbiddenError } from '../common/errors';
import { toGlobalId } from '../common/global-id';
import { KeyCaller } from './access';

/**
 * The scope rule (MutationTransaction applies it): one of the key's municipalities takes part
 * in a record before a change and after it; a change adds to a record or takes out of it only
 * municipalities in scope (a new record may name others: Tehran's visit to Saint Petersburg);
 * and a record that another's write changes (the agreement a new one implements, the visit an
 * agreement was signed during) is checked, version-bumped and audited as a changed record itself.
 * Who takes part in each type of record is in the registry (modules/record-types.ts), handed in
 * here, so that auth/ does not depend on the modules.
 */
export interface ScopedRecordType {
  name: string;
  /** SQL of (record id, municipality id) rows for the ids in $1; none: only unscoped keys may change it. */
  participants?: string;
}

/** The municipalities taking part in each record, by record id; a record with none is absent. */
export type Participants = Map<string, string[]>;

/**
 * Refuses (FORBIDDEN) unless the caller's scope covers every one of the records as they stand
 * in `manager`'s transaction; returns who takes part in each (empty for an unscoped caller,
 * who needs no answer). One statement for any number of records. `new` says the records were
 * just inserted: the refusal then names the municipalities they would involve, not an id that
 * the rollback takes away with them.
 */
export async function assertInScope(
  manager: EntityManager,
  caller: KeyCaller,
  { name: recordType, participants: sql }: ScopedRecordType,
  ids: string[],
  state: 'new' | 'existing' = 'existing',
): Promise<Participants> {
  if (caller.scope === null || !ids.length) return new Map();
  const prefix = `API key "${caller.name}" may change only records its municipalities take part in`;
  if (!sql) {
    throw new ForbiddenError(
      `${prefix}; ${recordType} ${toGlobalId(recordType, ids[0])} is shared by every city's records: only a key without a municipality scope may change it`,
    );
  }
  const taking = await participantsOf(manager, sql, ids);
  const scope = new Set(caller.scope);
  const refused = ids.find((id) => !(taking.get(id) ?? []).some((municipality) => scope.has(municipality)));
  if (!refused) return taking;
  const who = taking.has(refused)
    ? `taking part: ${await namedMunicipalities(manager, taking.get(refused)!)}`
    : 'no municipality takes part in it';
  const record =
    state === 'new' ? `the new ${recordType} would be` : `${recordType} ${toGlobalId(recordType, refused)} is`;
  throw new ForbiddenError(`${prefix}; ${record} outside them (${who})`);
}

/**
 * The municipalities taking part in each record, by record id, from a record type's
 * participants SQL over the ids in $1; a record with none is absent. One statement.
 */
export async function participantsOf(manager: EntityManager, sql: string, ids: string[]): Promise<Participants> {
  const rows: Array<{ id: string; municipalities: string[] }> = await manager.query(
    `SELECT record_id::text AS id, array_agg(DISTINCT municipality_id::text) AS municipalities
       FROM (${sql}) AS taking_part(record_id, municipality_id) WHERE municipality_id IS NOT NULL GROUP BY record_id`,
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row.municipalities]));
}

/** "moscow (<global id>), saint-petersburg (<global id>)", by slug: how refusals name municipalities. */
async function namedMunicipalities(manager: EntityManager, ids: string[]): Promise<string> {
  const rows: Array<{ id: string; slug: string }> = await manager.query(
    'SELECT id::text AS id, slug FROM municipality WHERE id = ANY($1::uuid[]) ORDER BY slug',
    [ids],
  );
  return rows.map((row) => `${row.slug} (${toGlobalId('Municipality', row.id)})`).join(', ');
}

/**
 * Refuses (FORBIDDEN) a change that adds a municipality outside the caller's scope to a record
 * or takes one out of it (a party, a host, a sender, an organization's city): a Tehran portal
 * may keep its own pact with Moscow, not bring Minsk into it nor drop Moscow from it.
 */
export async function assertParticipantsInScope(
  manager: EntityManager,
  caller: KeyCaller,
  recordType: string,
  id: string,
  before: string[],
  after: string[],
): Promise<void> {
  if (caller.scope === null) return;
  const scope = new Set(caller.scope);
  const lost = before.filter((municipality) => !after.includes(municipality) && !scope.has(municipality));
  const gained = after.filter((municipality) => !before.includes(municipality) && !scope.has(municipality));
  if (!lost.length && !gained.length) return;
  const changes = [
    lost.length ? `lose ${await namedMunicipalities(manager, lost)}` : '',
    gained.length ? `gain ${await namedMunicipalities(manager, gained)}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  throw new ForbiddenError(
    `API key "${caller.name}" may add or remove only municipalities in its scope; ${recordType} ${toGlobalId(recordType, id)} would ${changes}`,
  );
}
