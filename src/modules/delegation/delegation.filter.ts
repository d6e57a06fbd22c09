import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { ListQuery } from '../../database/pagination';
import { SqlParams } from '../../common/sql';
import { UpdatedSinceField, updatedSinceConditions } from '../../common/record-times';
import { OrderDirection } from '../../common/order-direction';
import { personIds } from '../person';

@InputType({ description: 'Which delegations to include; every condition given must hold.' })
export class DelegationFilter {
  @Field(() => [String], {
    nullable: true,
    description:
      "Slugs of senders, municipalities or organizations: a delegation any of them sent matches; a municipality's slug also matches the delegations of its bodies (organizations in it: its council, committees).",
  })
  sender?: string[];

  @Field(() => [ID], {
    nullable: true,
    description: 'Global ids of persons: a delegation any of them headed or was a member of matches.',
  })
  person?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'Slugs of municipalities: a delegation that visited any of them matches.',
  })
  host?: string[];

  @UpdatedSinceField()
  updatedSince?: Date | null;
}

export enum DelegationOrderField {
  FIRST_VISIT = 'FIRST_VISIT',
}

registerEnumType(DelegationOrderField, {
  name: 'DelegationOrderField',
  description: 'What to sort delegations by; ties are broken by id, so the order is stable.',
  valuesConfig: {
    FIRST_VISIT: {
      description: 'First day of its first visit; delegations with no visit on record count as earliest.',
    },
  },
});

@InputType({ description: 'Order of a delegation list.' })
export class DelegationOrder {
  @Field(() => DelegationOrderField, { description: 'Sort key.' })
  field!: DelegationOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Direction.' })
  direction!: OrderDirection;
}

/**
 * True when delegation `d` was sent by a municipality whose id `match`es ("= $parent", "= ANY(…)")
 * or by one of its bodies, an organization whose municipality it is (its council, a committee):
 * "sent by Tehran" counts the Tehran City Council's delegations, as the scope rule does (SENDER
 * in modules/record-types.ts). An organization with no municipality (an embassy) is no city's.
 * The bodies as an array keep both sender columns indexable (one bitmap scan each).
 */
export function sentByMunicipalitySql(match: string, d = 'd'): string {
  return `(${d}.sender_municipality_id ${match}
    OR ${d}.sender_organization_id = ANY(ARRAY(SELECT body.id FROM organization body WHERE body.municipality_id ${match})))`;
}

/**
 * True when delegation `d` was sent by a municipality with a slug in `slugs` (a text[]
 * parameter) or one of its bodies, or by an organization with a slug in `slugs`.
 */
export function sentBySql(slugs: string, d = 'd'): string {
  const municipalities = `= ANY(ARRAY(SELECT id FROM municipality WHERE slug = ANY(${slugs}::text[])))`;
  return `(${sentByMunicipalitySql(municipalities, d)}
    OR ${d}.sender_organization_id = ANY(ARRAY(SELECT id FROM organization WHERE slug = ANY(${slugs}::text[]))))`;
}

/** True when a person `match`es ("= $parent", "= ANY($2::uuid[])") headed delegation `d` or was in it. */
export function inDelegationSql(match: string, d = 'd'): string {
  return `(${d}.head_person_id ${match}
    OR EXISTS (SELECT 1 FROM delegation_member im WHERE im.delegation_id = ${d}.id AND im.person_id ${match}))`;
}

function delegationConditions(filter: DelegationFilter | undefined, params: SqlParams): string[] {
  const conditions: string[] = [];
  if (filter?.sender?.length) conditions.push(sentBySql(params.add(filter.sender)));
  if (filter?.person?.length) {
    conditions.push(inDelegationSql(`= ANY(${params.add(personIds(filter.person, 'filter.person'))}::uuid[])`));
  }
  if (filter?.host?.length) {
    conditions.push(`EXISTS (SELECT 1 FROM visit hv JOIN municipality hm ON hm.id = hv.host_municipality_id
      WHERE hv.delegation_id = d.id AND hm.slug = ANY(${params.add(filter.host)}::text[]))`);
  }
  conditions.push(...updatedSinceConditions(filter?.updatedSince, params, 'd', 'filter.updatedSince'));
  return conditions;
}

/** A delegation list as SQL; `scope` adds conditions of a nested list ("d.head_person_id = $parent"). */
export function delegationList(
  filter: DelegationFilter | undefined,
  order: DelegationOrder | undefined,
  scope: string[] = [],
): ListQuery {
  const params = new SqlParams();
  const ordering = order ?? { field: DelegationOrderField.FIRST_VISIT, direction: OrderDirection.DESC };
  return {
    kind: `Delegation:${ordering.field}:${ordering.direction}`,
    select: 'd.*',
    from: 'delegation d',
    where: [...scope, ...delegationConditions(filter, params)],
    params,
    sortKey: `COALESCE((SELECT min(fv.starts_on) FROM visit fv WHERE fv.delegation_id = d.id), '-infinity'::date)`,
    sortType: 'date',
    tieBreaker: 'd.id',
    direction: ordering.direction,
  };
}
