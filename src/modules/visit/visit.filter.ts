import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { dateBound } from '../../common/date-fields';
import { CalendarKind, PartialDateScalar } from '../../common/dates';
import { ListQuery } from '../../database/pagination';
import { SqlParams } from '../../common/sql';
import { UpdatedSinceField, updatedSinceConditions } from '../../common/record-times';
import { OrderDirection } from '../../common/order-direction';
import { sentBySql } from '../delegation';
import { personIds } from '../person';
import { VisitStatus } from './visit.entity';
import { BadUserInputError } from '../../common/errors';

@InputType({ description: 'Which visits to include; every condition given must hold.' })
export class VisitFilter {
  @Field(() => [String], {
    nullable: true,
    description: 'Slugs of host municipalities: a visit to any of them matches.',
  })
  host?: string[];

  @Field(() => [String], {
    nullable: true,
    description:
      "Slugs of senders, municipalities or organizations: a visit by a delegation any of them sent matches; a municipality's slug also matches the visits of its bodies' delegations (organizations in it: its council, committees).",
  })
  sender?: string[];

  @Field(() => [ID], {
    nullable: true,
    description:
      'Global ids of persons: a visit any of them took part in (heading or in the delegation, or met as a counterpart) matches.',
  })
  person?: string[];

  @Field(() => PartialDateScalar, {
    nullable: true,
    description:
      'Visits that had not ended before this date (its first day, for a year or month): the visit overlaps from..to.',
  })
  from?: string;

  @Field(() => PartialDateScalar, {
    nullable: true,
    description: 'Visits that had begun by this date (its last day, for a year or month): the visit overlaps from..to.',
  })
  to?: string;

  @Field(() => CalendarKind, { nullable: true, description: 'Calendar of from and to (default GREGORIAN).' })
  calendar?: CalendarKind;

  @Field(() => [VisitStatus], { nullable: true, description: 'Any of these statuses.' })
  statuses?: VisitStatus[];

  @UpdatedSinceField()
  updatedSince?: Date | null;
}

export enum VisitOrderField {
  STARTS_ON = 'STARTS_ON',
  ENDS_ON = 'ENDS_ON',
}

registerEnumType(VisitOrderField, {
  name: 'VisitOrderField',
  description: 'What to sort visits by; ties are broken by id, so the order is stable.',
  valuesConfig: {
    STARTS_ON: { description: 'First day of the visit.' },
    ENDS_ON: { description: 'Last day the visit may have lasted to (its first day when the end is not known).' },
  },
});

@InputType({ description: 'Order of a visit list.' })
export class VisitOrder {
  @Field(() => VisitOrderField, { description: 'Sort key.' })
  field!: VisitOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Direction.' })
  direction!: OrderDirection;
}

export const DEFAULT_VISIT_ORDER: VisitOrder = { field: VisitOrderField.STARTS_ON, direction: OrderDirection.DESC };

/** Last day visit `v` may cover: its end's latest day, or its start's when it has no end. */
export function visitLastDaySql(v = 'v'): string {
  return `COALESCE(${v}.ends_on_latest, ${v}.starts_on_latest)`;
}

/** True when a person `match`es ("= $parent", "= ANY($2::uuid[])") took part in visit `v`. */
export function tookPartSql(match: string, v = 'v'): string {
  return `(EXISTS (SELECT 1 FROM delegation td WHERE td.id = ${v}.delegation_id AND td.head_person_id ${match})
    OR EXISTS (SELECT 1 FROM delegation_member tm WHERE tm.delegation_id = ${v}.delegation_id AND tm.person_id ${match})
    OR EXISTS (SELECT 1 FROM visit_counterpart tc WHERE tc.visit_id = ${v}.id AND tc.person_id ${match}))`;
}

/** The filter's dates as Gregorian days; a range that runs backwards is refused by name. */
function dateRange(filter: VisitFilter): { from?: string; to?: string } {
  const calendar = filter.calendar ?? CalendarKind.GREGORIAN;
  const from = dateBound(filter.from, calendar, 'start', 'filter.from');
  const to = dateBound(filter.to, calendar, 'end', 'filter.to');
  if (from && to && from > to) {
    throw new BadUserInputError(
      'filter.to',
      `${filter.to} is before filter.from ${filter.from}; the range runs backwards`,
    );
  }
  return { from, to };
}

function visitConditions(filter: VisitFilter | undefined, params: SqlParams): string[] {
  if (!filter) return [];
  const conditions: string[] = [];
  if (filter.host?.length) {
    conditions.push(
      `v.host_municipality_id IN (SELECT id FROM municipality WHERE slug = ANY(${params.add(filter.host)}::text[]))`,
    );
  }
  if (filter.sender?.length) {
    conditions.push(
      `EXISTS (SELECT 1 FROM delegation sd WHERE sd.id = v.delegation_id AND ${sentBySql(params.add(filter.sender), 'sd')})`,
    );
  }
  if (filter.person?.length) {
    conditions.push(tookPartSql(`= ANY(${params.add(personIds(filter.person, 'filter.person'))}::uuid[])`));
  }
  if (filter.statuses?.length) conditions.push(`v.status = ANY(${params.add(filter.statuses)}::text[])`);
  const { from, to } = dateRange(filter);
  if (from) conditions.push(`${visitLastDaySql()} >= ${params.add(from)}::date`);
  if (to) conditions.push(`v.starts_on <= ${params.add(to)}::date`);
  conditions.push(...updatedSinceConditions(filter.updatedSince, params, 'v', 'filter.updatedSince'));
  return conditions;
}

/** A visit list as SQL; `scope` adds conditions of a nested list ("v.host_municipality_id = $parent"). */
export function visitList(
  filter: VisitFilter | undefined,
  order: VisitOrder | undefined,
  scope: string[] = [],
): ListQuery {
  const params = new SqlParams();
  const ordering = order ?? DEFAULT_VISIT_ORDER;
  return {
    kind: `Visit:${ordering.field}:${ordering.direction}`,
    select: 'v.*',
    from: 'visit v',
    where: [...scope, ...visitConditions(filter, params)],
    params,
    sortKey: ordering.field === VisitOrderField.ENDS_ON ? visitLastDaySql() : 'v.starts_on',
    sortType: 'date',
    tieBreaker: 'v.id',
    direction: ordering.direction,
  };
}
