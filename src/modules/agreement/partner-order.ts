import { Field, InputType, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../../common/order-direction';

export enum PartnerOrderField {
  NAME = 'NAME',
  LAST_ACTIVITY = 'LAST_ACTIVITY',
}

registerEnumType(PartnerOrderField, {
  name: 'PartnerOrderField',
  description: "What to sort a municipality's partners by.",
  valuesConfig: {
    NAME: { description: "The partner's name, then its slug (the default, ascending)." },
    LAST_ACTIVITY: {
      description:
        "The pair's last activity (`Partner.dormantSince`): ascending, the longest quiet first, and partners with " +
        'no dated activity before all; ties by name, then slug.',
    },
  },
});

@InputType({ description: "Order of a municipality's partners." })
export class PartnerOrder {
  @Field(() => PartnerOrderField, { description: 'Sort key.' })
  field!: PartnerOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Direction.' })
  direction!: OrderDirection;
}

/** The ORDER BY terms of the partners themselves; `partner` is the municipality, `pa` the pair's partner_activity row. */
export function partnerOrderSql(order: PartnerOrder | undefined): string {
  const direction = order?.direction === OrderDirection.DESC ? 'DESC' : 'ASC';
  if (order?.field === PartnerOrderField.LAST_ACTIVITY)
    return `COALESCE(pa.dormant_since, '-infinity'::date) ${direction}, partner.sort_name, partner.slug`;
  return `partner.sort_name ${direction}, partner.slug ${direction}`;
}
