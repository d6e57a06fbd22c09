import { ArgsType, Field } from 'type-graphql';
import { PageArgs } from '../../common/connection';
import { AgreementFilter, AgreementOrder } from './agreement.filter';

/** A page of agreements nested under another record (a municipality's, a cooperation area's): written once for both. */
@ArgsType()
export class AgreementRelationArgs extends PageArgs {
  @Field(() => AgreementFilter, { nullable: true, description: 'Further conditions.' })
  filter?: AgreementFilter;

  @Field(() => AgreementOrder, { nullable: true, description: 'Order; default newest signed first.' })
  orderBy?: AgreementOrder;
}
