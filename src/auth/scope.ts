import { EntityManager } from 'typeorm';
import { ForbiddenError } from '../common/errors';
import { toGlobalId } from '../common/global-id';
import { KeyCaller } from './access';

/**
 * The municipalities that take part in a record, as SQL over $1 (the record's id). A scoped
 * editor may change a record only when one of its municipalities takes part: its own data,
 * the delegations it (or one of its bodies) sends and their visits, the visits it hosts, the
 * agreements it is a party to and their committees, its mayors and its bodies.
 *
 * People and sources are shared by every city's records, so they have no entry: a scoped key
 * may create them (SHARED_RECORD_TYPES) and cite them, but changing or deleting an existing
 * one takes a key without scope (a Tehran portal must not retitle the source of a Moscow record).
 */
const DELEGATION_SENDERS = `SELECT d.sender_municipality_id FROM delegation d WHERE d.id = {delegation}
  UNION ALL SELECT o.municipality_id FROM delegation d JOIN organization o ON o.id = d.sender_organization_id WHERE d.id = {delegation}`;

const participants: Record<string, string> = {
  Municipality: 'SELECT $1::uuid',
  Organization: 'SELECT municipality_id FROM organization WHERE id = $1',
  MayoralTerm: 'SELECT municipality_id FROM mayoral_term WHERE id = $1',
  Delegation: DELEGATION_SENDERS.replaceAll('{delegation}', '$1'),
  Visit: `SELECT host_municipality_id FROM visit WHERE id = $1
    UNION ALL ${DELEGATION_SENDERS.replaceAll('{delegation}', '(SELECT delegation_id FROM visit WHERE id = $1)')}`,
  Agreement: 'SELECT municipality_id FROM agreement_party WHERE agreement_id = $1',
  Committee: 'SELECT p.municipality_id FROM committee c JOIN agreement_party p ON p.agreement_id = c.agreement_id WHERE c.id = $1',
};

/** Records any scoped key may create (a portal adds the people it sends and the articles it cites). */
export const SHARED_RECORD_TYPES: ReadonlySet<string> = new Set(['Person', 'Source']);

/** Refuses (FORBIDDEN) unless the caller's scope covers the record as it stands in `manager`'s transaction. */
export async function assertInScope(manager: EntityManager, caller: KeyCaller, recordType: string, id: string): Promise<void> {
  if (caller.scope === null) return;
  const sql = participants[recordType];
  const refusal = new ForbiddenError(
    `API key "${caller.name}" may change only records its municipalities take part in; ${recordType} ${toGlobalId(recordType, id)} is outside them`,
  );
  if (!sql) throw refusal;
  const [{ inside }] = await manager.query(
    `SELECT EXISTS (SELECT 1 FROM (${sql}) AS taking_part(municipality_id) WHERE municipality_id = ANY($2::uuid[])) AS inside`,
    [id, caller.scope],
  );
  if (!inside) throw refusal;
}
