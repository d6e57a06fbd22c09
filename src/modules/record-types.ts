import { ApiKey } from './api-key';
import { citedSources, linkedIds, RecordType, registerRecordTypes } from '../write/records';
import { tableOf } from '../database/rows';
import { Agreement, Signatory, StatusChange } from './agreement';
import { Committee } from './committee';
import { CooperationArea } from './cooperation-area';
import { Delegation, DelegationMember } from './delegation';
import { MayoralTerm } from './mayor';
import { Municipality } from './municipality';
import { Organization } from './organization';
import { Person, Position } from './person';
import { Citation, Source } from './source';
import { Visit } from './visit';

/*
 * The one registry of record types: what node(id:), scope checks, mutations (locks, audit
 * snapshots), search and the data source's entity list know of each. A new record type is an
 * entry here and its own folder.
 *
 * Participants are the municipalities that take part in a record (auth/scope.ts has the
 * rule): its own data, the delegations it (or one of its bodies) sends and their visits, the
 * visits it hosts, the agreements it is a party to and their committees, its mayors and its
 * bodies, the offices in it or its bodies. People and sources are shared by every city's
 * records, so they have none: a scoped key may create them and cite them, but changing or
 * deleting an existing one takes a key without scope (a Tehran portal must not retitle the
 * source of a Moscow record). The same goes for the cooperation-area vocabulary, where what a
 * non-admin key creates is only proposed (cooperation-area.service.ts). A scoped key may also
 * add a municipality not recorded yet (the foreign city its mayor signed with), which is then
 * not its own: README.md, "Who may add what", has the whole rule.
 */

type Facts = Omit<RecordType, 'target' | 'table' | 'node'> & { node?: false };

/**
 * The table comes from the entity's own metadata; every record type but API keys is a Node; a
 * type citations point at (`citedBy`) has the sources it cites as its link `sources`.
 */
function recordType(target: RecordType['target'], facts: Facts): RecordType {
  const links = facts.citedBy ? { ...facts.links, sources: citedSources(facts.citedBy) } : facts.links;
  return { target, table: tableOf(target), node: true, ...facts, links };
}

const SENDER =
  'coalesce(d.sender_municipality_id, (SELECT o.municipality_id FROM organization o WHERE o.id = d.sender_organization_id))';

export const recordTypes = {
  ApiKey: recordType(ApiKey, {
    node: false,
    secret: ['key_hash'],
    links: { scope: linkedIds('municipality_id', 'api_key_scope', 'api_key_id') },
  }),
  Agreement: recordType(Agreement, {
    links: {
      parties: linkedIds('municipality_id', 'agreement_party', 'agreement_id'),
      areas: linkedIds('area_id', 'agreement_area', 'agreement_id'),
      implements: linkedIds('implements_id', 'agreement_implementation', 'agreement_id'),
      // Another agreement's create or delete changes this list: its audit entry shows how.
      implementedBy: linkedIds('agreement_id', 'agreement_implementation', 'implements_id'),
      signatories: `SELECT coalesce(jsonb_agg(jsonb_build_object('person_id', person_id, 'role', role, 'on_behalf_of_id', on_behalf_of_id,
          'on_behalf_of_organization_id', on_behalf_of_organization_id)
        ORDER BY person_id), '[]') FROM agreement_signatory WHERE agreement_id = $1`,
      statusHistory: `SELECT coalesce(jsonb_agg(jsonb_build_object('status', status, 'changed_on', changed_on,
        'changed_on_precision', changed_on_precision, 'note', note) ORDER BY seq), '[]') FROM agreement_status_change WHERE agreement_id = $1`,
    },
    citedBy: 'agreement_id',
    rows: [Signatory, StatusChange],
    participants: 'SELECT agreement_id, municipality_id FROM agreement_party WHERE agreement_id = ANY($1::uuid[])',
  }),
  Committee: recordType(Committee, {
    links: {},
    citedBy: 'committee_id',
    participants:
      'SELECT c.id, p.municipality_id FROM committee c JOIN agreement_party p ON p.agreement_id = c.agreement_id WHERE c.id = ANY($1::uuid[])',
  }),
  CooperationArea: recordType(CooperationArea, {
    links: {},
    shared: true,
    notYetUsable: {
      condition: "t.status = 'PROPOSED'",
      reason: 'is a proposed cooperation area: records may be filed under it once an admin accepts it',
    },
  }),
  Delegation: recordType(Delegation, {
    links: {
      members: `SELECT coalesce(jsonb_agg(jsonb_build_object('person_id', person_id, 'title', title, 'ordinal', ordinal)
        ORDER BY ordinal, person_id), '[]') FROM delegation_member WHERE delegation_id = $1`,
    },
    citedBy: 'delegation_id',
    rows: [DelegationMember],
    participants: `SELECT d.id, ${SENDER} FROM delegation d WHERE d.id = ANY($1::uuid[])`,
  }),
  MayoralTerm: recordType(MayoralTerm, {
    links: {},
    citedBy: 'mayoral_term_id',
    participants: 'SELECT id, municipality_id FROM mayoral_term WHERE id = ANY($1::uuid[])',
  }),
  Municipality: recordType(Municipality, {
    links: {},
    citedBy: 'municipality_id',
    anyKeyCreates: true,
    participants: 'SELECT id, id FROM municipality WHERE id = ANY($1::uuid[])',
  }),
  Organization: recordType(Organization, {
    links: {},
    citedBy: 'organization_id',
    participants: 'SELECT id, municipality_id FROM organization WHERE id = ANY($1::uuid[])',
  }),
  Person: recordType(Person, { links: {}, citedBy: 'person_id', shared: true }),
  Position: recordType(Position, {
    links: {},
    citedBy: 'person_position_id',
    participants: `SELECT p.id, coalesce(p.municipality_id, o.municipality_id) FROM person_position p
      LEFT JOIN organization o ON o.id = p.organization_id WHERE p.id = ANY($1::uuid[])`,
  }),
  // A citation is a row of the cited record's as much as of the source's; it is listed once, here.
  Source: recordType(Source, { links: {}, shared: true, rows: [Citation] }),
  Visit: recordType(Visit, {
    links: {
      counterparts: linkedIds('person_id', 'visit_counterpart', 'visit_id'),
      areas: linkedIds('area_id', 'visit_area', 'visit_id'),
      // Set from the agreement's side (recordVisit, deleteVisit), audited on the visit too.
      agreementsSigned: linkedIds('id', 'agreement', 'signed_on_visit_id'),
      aboutAgreements: linkedIds('agreement_id', 'visit_subject_agreement', 'visit_id'),
      aboutMunicipalities: linkedIds('municipality_id', 'visit_subject_municipality', 'visit_id'),
    },
    citedBy: 'visit_id',
    participants: `SELECT id, host_municipality_id FROM visit WHERE id = ANY($1::uuid[])
    UNION ALL SELECT v.id, ${SENDER} FROM visit v JOIN delegation d ON d.id = v.delegation_id WHERE v.id = ANY($1::uuid[])`,
  }),
} satisfies Record<string, RecordType>;

export type RecordTypeName = keyof typeof recordTypes;

// The key is the name clients and the audit log see; the entity's class name must be the same
// (Node computes global ids and resolves types from it), so a mismatch fails at start.
for (const [name, { target }] of Object.entries(recordTypes)) {
  if (target.name !== name) throw new Error(`record type ${name} has entity ${target.name}`);
}

registerRecordTypes(recordTypes);
