import { Node } from '../../common/node.interface';
import { Context } from '../../context';
import { recordById } from '../../database/loaders';
import { Agreement } from '../agreement/agreement.entity';
import { Committee } from '../committee/committee.entity';
import { Delegation } from '../delegation/delegation.entity';
import { MayoralTerm } from '../mayor/mayoral-term.entity';
import { Municipality } from '../municipality/municipality.entity';
import { Organization } from '../organization/organization.entity';
import { Person } from '../person/person.entity';
import { Visit } from '../visit/visit.entity';
import { Citation } from './citation.entity';

/** For each citation column: the record type it points at and that type's table. */
const cited = [
  { property: 'agreementId', target: Agreement, table: 'agreement' },
  { property: 'visitId', target: Visit, table: 'visit' },
  { property: 'delegationId', target: Delegation, table: 'delegation' },
  { property: 'municipalityId', target: Municipality, table: 'municipality' },
  { property: 'personId', target: Person, table: 'person' },
  { property: 'mayoralTermId', target: MayoralTerm, table: 'mayoral_term' },
  { property: 'organizationId', target: Organization, table: 'organization' },
  { property: 'committeeId', target: Committee, table: 'committee' },
] as const;

/** The record a citation supports, through the per-request loader of its type. */
export async function citedRecord(context: Context, citation: Citation): Promise<Node> {
  for (const { property, target, table } of cited) {
    const id = citation[property];
    if (id) return (await recordById(context, target, table).load(id)) as Node;
  }
  throw new Error(`citation ${citation.id} names no record`);
}
