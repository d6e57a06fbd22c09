import { EntityManager } from 'typeorm';
import { ForbiddenError } from '../common/errors';
import { toGlobalId } from '../common/global-id';
import { KeyCaller } from './access';

/**
 * The municipalities that take part in records, as SQL of (record id, municipality id) rows
 * for the ids in $1. A scoped editor may change a record only when one of its municipalities
 * takes part: its own data, the delegations it (or one of its bodies) sends and their visits,
 * the visits it hosts, the agreements it is a party to and their committees, its mayors and
 * its bodies.
 *
 * The whole rule (MutationTransaction applies it): one of the key's municipalities takes part
 * before a change and after it; a change adds to a record or takes out of it only municipalities
 * in scope (a new record may name others: Tehran's visit to Saint Petersburg); and a record that
 * another's write changes (the agreement a new one implements, the visit an agreement was signed
 * during) is checked, version-bumped and audited as a changed record itself.
 *
 * People and sources are shared by every city's records, so they have no entry: a scoped key
 * may create them (SHARED_RECORD_TYPES) and cite them, but changing or deleting an existing
 * one takes a key without scope (a Tehran portal must not retitle the source of a Moscow record).
 */
const SENDER = 'coalesce(d.sender_municipality_id, (SELECT o.municipality_id FROM organization o WHERE o.id = d.sender_organization_id))';

const participants: Record<string, string> = {
  Municipality: 'SELECT id, id FROM municipality WHERE id = ANY($1::uuid[])',
  Organization: 'SELECT id, municipality_id FROM organization WHERE id = ANY($1::uuid[])',
  MayoralTerm: 'SELECT id, municipality_id FROM mayoral_term WHERE id = ANY($1::uuid[])',
  Delegation: `SELECT d.id, ${SENDER} FROM delegation d WHERE d.id = ANY($1::uuid[])`,
  Visit: `SELECT id, host_municipality_id FROM visit WHERE id = ANY($1::uuid[])
    UNION ALL SELECT v.id, ${SENDER} FROM visit v JOIN delegation d ON d.id = v.delegation_id WHERE v.id = ANY($1::uuid[])`,
  Agreement: 'SELECT agreement_id, municipality_id FROM agreement_party WHERE agreement_id = ANY($1::uuid[])',
  Committee: 'SELECT c.id, p.municipality_id FROM committee c JOIN agreement_party p ON p.agreement_id = c.agreement_id WHERE c.id = ANY($1::uuid[])',
};

/** Records any scoped key may create (a portal adds the people it sends and the articles it cites). */
export const SHARED_RECORD_TYPES: ReadonlySet<string> = new Set(['Person', 'Source']);

/** The municipalities taking part in each record, by record id; a record with none is absent. */
export type Participants = Map<string, string[]>;

/**
 * Refuses (FORBIDDEN) unless the caller's scope covers every one of the records as they stand
 * in `manager`'s transaction; returns who takes part in each (empty for an unscoped caller,
 * who needs no answer). One statement for any number of records.
 */
export async function assertInScope(manager: EntityManager, caller: KeyCaller, recordType: string, ids: string[]): Promise<Participants> {
  if (caller.scope === null || !ids.length) return new Map();
  const sql = participants[recordType];
  const outside = (id: string) => new ForbiddenError(
    `API key "${caller.name}" may change only records its municipalities take part in; ${recordType} ${toGlobalId(recordType, id)} is outside them`,
  );
  if (!sql) throw outside(ids[0]);
  const rows: Array<{ id: string; municipalities: string[] }> = await manager.query(
    `SELECT record_id::text AS id, array_agg(DISTINCT municipality_id::text) AS municipalities
       FROM (${sql}) AS taking_part(record_id, municipality_id) WHERE municipality_id IS NOT NULL GROUP BY record_id`,
    [ids],
  );
  const taking = new Map(rows.map((row) => [row.id, row.municipalities]));
  const scope = new Set(caller.scope);
  const refused = ids.find((id) => !(taking.get(id) ?? []).some((municipality) => scope.has(municipality)));
  if (refused) throw outside(refused);
  return taking;
}

/**
 * Refuses (FORBIDDEN) a change that adds a municipality outside the caller's scope to a record
 * or takes one out of it (a party, a host, a sender, an organization's city): a Tehran portal
 * may keep its own pact with Moscow, not bring Minsk into it nor drop Moscow from it.
 */
export async function assertParticipantsInScope(
  manager: EntityManager, caller: KeyCaller, recordType: string, id: string, before: string[], after: string[],
): Promise<void> {
  if (caller.scope === null) return;
  const scope = new Set(caller.scope);
  const lost = before.filter((municipality) => !after.includes(municipality) && !scope.has(municipality));
  const gained = after.filter((municipality) => !before.includes(municipality) && !scope.has(municipality));
  if (!lost.length && !gained.length) return;
  const rows: Array<{ id: string; slug: string }> = await manager.query(
    'SELECT id::text AS id, slug FROM municipality WHERE id = ANY($1::uuid[]) ORDER BY slug', [[...lost, ...gained]]);
  const named = (ids: string[]) => rows.filter((row) => ids.includes(row.id))
    .map((row) => `${row.slug} (${toGlobalId('Municipality', row.id)})`).join(', ');
  const changes = [lost.length ? `lose ${named(lost)}` : '', gained.length ? `gain ${named(gained)}` : ''].filter(Boolean).join(' and ');
  throw new ForbiddenError(
    `API key "${caller.name}" may add or remove only municipalities in its scope; ${recordType} ${toGlobalId(recordType, id)} would ${changes}`,
  );
}
