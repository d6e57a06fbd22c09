import { Node } from '../../common/node.interface';
import { Context } from '../../context';
import { recordById } from '../../database/loaders';
import { Agreement } from '../agreement';
import { Committee } from '../committee';
import { Delegation } from '../delegation';
import { MayoralTerm } from '../mayor';
import { Municipality } from '../municipality';
import { Organization } from '../organization';
import { Person } from '../person';
import { Visit } from '../visit';
import { Citation } from './citation.entity';

/** For each citation column: the record type it points at. */
const cited = [
  { property: 'agreementId', target: Agreement },
  { property: 'visitId', target: Visit },
  { property: 'delegationId', target: Delegation },
  { property: 'municipalityId', target: Municipality },
  { property: 'personId', target: Person },
  { property: 'mayoralTermId', target: MayoralTerm },
  { property: 'organizationId', target: Organization },
  { property: 'committeeId', target: Committee },
] as const;

/** The record a citation supports, through the per-request loader of its type. */
export async function citedRecord(context: Context, citation: Citation): Promise<Node> {
  for (const { property, target } of cited) {
    const id = citation[property];
    if (id) return (await recordById(context, target as new () => Node).load(id)) as Node;
  }
  throw new Error(`citation ${citation.id} names no record`);
}
