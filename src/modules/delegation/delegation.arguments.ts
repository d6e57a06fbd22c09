import { ArgsType, Field } from 'type-graphql';
import { PageArgs } from '../../common/connection';
import { DelegationFilter, DelegationOrder } from './delegation.filter';

/**
 * A page of delegations nested under another record (a municipality's, an organization's, a person's):
 * written once for all three.
 */
@ArgsType()
export class DelegationRelationArgs extends PageArgs {
  @Field(() => DelegationFilter, { nullable: true, description: 'Further conditions.' })
  filter?: DelegationFilter;

  @Field(() => DelegationOrder, { nullable: true, description: 'Order; default latest first visit first.' })
  orderBy?: DelegationOrder;
}
