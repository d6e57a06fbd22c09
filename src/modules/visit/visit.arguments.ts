import { ArgsType, Field } from 'type-graphql';
import { PageArgs } from '../../common/connection';
import { VisitFilter, VisitOrder } from './visit.filter';

/** A page of visits nested under another record (a host's, a sender's, a person's): written once for all three. */
@ArgsType()
export class VisitRelationArgs extends PageArgs {
  @Field(() => VisitFilter, { nullable: true, description: 'Further conditions.' })
  filter?: VisitFilter;

  @Field(() => VisitOrder, { nullable: true, description: 'Order; default latest first day first.' })
  orderBy?: VisitOrder;
}
