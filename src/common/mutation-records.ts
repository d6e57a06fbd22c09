import { ObjectLiteral } from 'typeorm';
import { ApiKey } from '../auth/api-key.type';
import { Agreement } from '../modules/agreement/agreement.entity';
import { Committee } from '../modules/committee/committee.entity';
import { CooperationArea } from '../modules/cooperation-area/cooperation-area.entity';
import { Delegation } from '../modules/delegation/delegation.entity';
import { MayoralTerm } from '../modules/mayor/mayoral-term.entity';
import { Municipality } from '../modules/municipality/municipality.entity';
import { Organization } from '../modules/organization/organization.entity';
import { Person } from '../modules/person/person.entity';
import { Position } from '../modules/person/position.entity';
import { Source } from '../modules/source/source.entity';
import { Visit } from '../modules/visit/visit.entity';

/**
 * The record types mutations write, by GraphQL type name: their table, and the rows they own
 * in other tables (parties, members, citations...), which belong in the record's audit
 * snapshot: "which sources did this visit cite before the change" is an audit question too.
 * Each link is SQL for a jsonb array over $1, the record's id, in a stable order.
 */
export interface RecordType {
  target: new () => ObjectLiteral;
  table: string;
  links: Record<string, string>;
  /** Columns never copied into the audit log. */
  secret?: string[];
}

const sources = (column: string) =>
  `SELECT coalesce(jsonb_agg(source_id ORDER BY source_id), '[]') FROM citation WHERE ${column} = $1`;
const ids = (column: string, table: string, owner: string) =>
  `SELECT coalesce(jsonb_agg(${column} ORDER BY ${column}), '[]') FROM ${table} WHERE ${owner} = $1`;

export const recordTypes = {
  ApiKey: { target: ApiKey, table: 'api_key', links: {
    scope: ids('municipality_id', 'api_key_scope', 'api_key_id'),
  }, secret: ['key_hash'] },
  Agreement: {
    target: Agreement, table: 'agreement', links: {
      parties: ids('municipality_id', 'agreement_party', 'agreement_id'),
      areas: ids('area_id', 'agreement_area', 'agreement_id'),
      implements: ids('implements_id', 'agreement_implementation', 'agreement_id'),
      // Another agreement's create or delete changes this list: its audit entry shows how.
      implementedBy: ids('agreement_id', 'agreement_implementation', 'implements_id'),
      signatories: `SELECT coalesce(jsonb_agg(jsonb_build_object('person_id', person_id, 'role', role, 'on_behalf_of_id', on_behalf_of_id)
        ORDER BY person_id), '[]') FROM agreement_signatory WHERE agreement_id = $1`,
      statusHistory: `SELECT coalesce(jsonb_agg(jsonb_build_object('status', status, 'changed_on', changed_on,
        'changed_on_precision', changed_on_precision, 'note', note) ORDER BY seq), '[]') FROM agreement_status_change WHERE agreement_id = $1`,
      sources: sources('agreement_id'),
    },
  },
  Committee: { target: Committee, table: 'committee', links: { sources: sources('committee_id') } },
  CooperationArea: { target: CooperationArea, table: 'cooperation_area', links: {} },
  Delegation: {
    target: Delegation, table: 'delegation', links: {
      members: `SELECT coalesce(jsonb_agg(jsonb_build_object('person_id', person_id, 'title', title, 'ordinal', ordinal)
        ORDER BY ordinal, person_id), '[]') FROM delegation_member WHERE delegation_id = $1`,
      sources: sources('delegation_id'),
    },
  },
  MayoralTerm: { target: MayoralTerm, table: 'mayoral_term', links: { sources: sources('mayoral_term_id') } },
  Municipality: { target: Municipality, table: 'municipality', links: { sources: sources('municipality_id') } },
  Organization: { target: Organization, table: 'organization', links: { sources: sources('organization_id') } },
  Person: { target: Person, table: 'person', links: { sources: sources('person_id') } },
  Position: { target: Position, table: 'person_position', links: {} },
  Source: { target: Source, table: 'source', links: {} },
  Visit: {
    target: Visit, table: 'visit', links: {
      counterparts: ids('person_id', 'visit_counterpart', 'visit_id'),
      areas: ids('area_id', 'visit_area', 'visit_id'),
      sources: sources('visit_id'),
      // Set from the agreement's side (recordVisit, deleteVisit), audited on the visit too.
      agreementsSigned: ids('id', 'agreement', 'signed_on_visit_id'),
    },
  },
} satisfies Record<string, RecordType>;

export type RecordTypeName = keyof typeof recordTypes;

/**
 * One statement for the audit snapshots of the records in $1 (uuid[]): each row (without
 * secrets, nor the timestamps, which the audit entry has itself) and its links, by id; no row
 * for a record that does not exist. The links' $1 becomes the row's own id.
 */
export function snapshotsSql(type: RecordTypeName): string {
  const { table, links, secret = [] } = recordTypes[type] as RecordType;
  const hidden = ['created_at', 'updated_at', ...secret].map((column) => ` - '${column}'`).join('');
  const parts = Object.entries(links).map(([name, sql]) => `'${name}', (${sql.replaceAll('$1', 't.id')})`);
  const linked = parts.length ? ` || jsonb_build_object(${parts.join(', ')})` : '';
  return `SELECT t.id::text AS id, (to_jsonb(t)${hidden})${linked} AS snapshot FROM ${table} t WHERE t.id = ANY($1::uuid[])`;
}
