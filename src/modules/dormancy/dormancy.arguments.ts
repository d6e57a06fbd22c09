import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../common/connection';
import { CalendarKind, PartialDateScalar } from '../../common/dates';
import { OrderDirection } from '../../common/order-direction';

export enum PartnershipOrderField {
  LAST_ACTIVITY = 'LAST_ACTIVITY',
}

registerEnumType(PartnershipOrderField, {
  name: 'PartnershipOrderField',
  description: 'What to sort partnerships by; ties are broken by a fixed id of the pair, so the order is stable.',
  valuesConfig: {
    LAST_ACTIVITY: {
      description: '`dormantSince`: ascending, the longest quiet first, pairs with no dated activity before all.',
    },
  },
});

@InputType({ description: 'Order of a list of partnerships.' })
export class PartnershipOrder {
  @Field(() => PartnershipOrderField, { description: 'Sort key.' })
  field!: PartnershipOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Direction.' })
  direction!: OrderDirection;
}

@ArgsType()
export class DormantArgs extends PageArgs {
  @Field(() => PartialDateScalar, {
    description:
      'Dormant since this day: no dated activity on or after it (a year or month stands for its first day: ' +
      '"2019" is 2019-01-01).',
  })
  since!: string;

  @Field(() => CalendarKind, { defaultValue: CalendarKind.GREGORIAN, description: 'Calendar of `since`.' })
  calendar!: CalendarKind;

  @Field(() => PartnershipOrder, { nullable: true, description: 'Order; default the longest quiet first.' })
  orderBy?: PartnershipOrder;
}
