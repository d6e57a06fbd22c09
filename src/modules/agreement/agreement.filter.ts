import { Field, InputType, registerEnumType } from 'type-graphql';
import { dateBound } from '../../common/date-fields';
import { CalendarKind, PartialDateScalar } from '../../common/dates';
import { OrderDirection } from '../../common/order-direction';
import { SqlParams } from '../../common/sql';
import { UpdatedSinceField, updatedSinceConditions } from '../../common/record-times';
import { containsText } from '../../common/text-match';
import { AgreementKind, AgreementStatus } from './agreement.enums';

@InputType({ description: 'Which agreements to include; every condition given must hold.' })
export class AgreementFilter {
  @Field(() => [AgreementKind], { nullable: true, description: 'Any of these kinds.' })
  kinds?: AgreementKind[];

  @Field(() => [AgreementStatus], {
    nullable: true,
    description: 'Any of these statuses as of today (UTC), following the dates as `Agreement.status` does.',
  })
  statuses?: AgreementStatus[];

  @Field(() => [String], {
    nullable: true,
    description: 'Municipality slugs that must all be parties ("tehran", "moscow").',
  })
  parties?: string[];

  @Field(() => [String], {
    nullable: true,
    description:
      'ISO 3166-1 alpha-2 codes; each must have a party municipality (["IR", "RU"]: agreements between Iranian and Russian cities).',
  })
  partyCountries?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'Cooperation-area slugs; an agreement on any of them or their sub-areas matches.',
  })
  areas?: string[];

  @Field(() => PartialDateScalar, {
    nullable: true,
    description:
      'Signed on or after this date (its first day, for a year or month); a signing known only as a month or a span matches if it may have fallen on or after it (its latest day does).',
  })
  signedFrom?: string;

  @Field(() => PartialDateScalar, {
    nullable: true,
    description:
      'Signed on or before this date (its last day, for a year or month); a signing known as a month or a span matches if its earliest day does.',
  })
  signedTo?: string;

  @Field(() => PartialDateScalar, {
    nullable: true,
    description:
      'Dormant since this day: no dated activity on or after it (its first day, for a year or month), as ' +
      '`Agreement.dormantSince` says (on or before the day, or null).',
  })
  dormantSince?: string;

  @Field(() => CalendarKind, {
    nullable: true,
    description: 'Calendar of signedFrom, signedTo and dormantSince (default GREGORIAN).',
  })
  calendar?: CalendarKind;

  @Field(() => String, { nullable: true, description: 'Words in the title, any language, without regard to case.' })
  text?: string;

  @UpdatedSinceField()
  updatedSince?: Date | null;
}

export enum AgreementOrderField {
  SIGNED_ON = 'SIGNED_ON',
  TITLE = 'TITLE',
}

registerEnumType(AgreementOrderField, {
  name: 'AgreementOrderField',
  description: 'What to sort agreements by; ties are broken by id, so the order is stable.',
  valuesConfig: {
    SIGNED_ON: { description: 'Date of signing; undated agreements count as earliest.' },
    TITLE: { description: 'English title (or the first title recorded).' },
  },
});

@InputType({ description: 'Order of an agreement list.' })
export class AgreementOrder {
  @Field(() => AgreementOrderField, { description: 'Sort key.' })
  field!: AgreementOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Direction.' })
  direction!: OrderDirection;
}

export const DEFAULT_AGREEMENT_ORDER: AgreementOrder = {
  field: AgreementOrderField.SIGNED_ON,
  direction: OrderDirection.DESC,
};

/** The sort key of an ordering, never NULL (keyset cursors compare it). */
export function agreementSortKey(order: AgreementOrder, alias = 'a'): string {
  return order.field === AgreementOrderField.TITLE
    ? `${alias}.sort_name`
    : `COALESCE(${alias}.signed_on, '-infinity'::date)`;
}

/** Ids of the areas named by slug and of all their sub-areas, as a subquery. */
export function areaSubtreeSql(slugsParam: string): string {
  return `(WITH RECURSIVE subtree AS (
      SELECT id FROM cooperation_area WHERE slug = ANY(${slugsParam}::text[])
      UNION SELECT child.id FROM cooperation_area child JOIN subtree ON child.parent_id = subtree.id)
    SELECT id FROM subtree)`;
}

/**
 * An agreement's status as of `day` (SQL), by the rule of migration AgreementStatusOn:
 * the recorded history followed through the dates, a lapsed fixed term read as EXPIRED.
 * When the latest entry is in effect by `day` (today, nearly always) the rule reads the row's
 * own columns, an expression PostgreSQL inlines; only otherwise is agreement_status_on called,
 * which searches the history (migration AgreementStatusFrom: 5x faster over a whole table).
 */
export function agreementStatusOnSql(alias: string, day: string): string {
  const a = alias;
  return `CASE WHEN ${a}.status_from IS NULL OR ${a}.status_from <= ${day}
    THEN agreement_status_rule(${a}.status, ${a}.status_from, ${a}.signed_on, ${a}.valid_until, ${a}.valid_until_precision, ${day})
    ELSE agreement_status_on(${a}, ${day}) END`;
}

/** Today in UTC as SQL, the day `Agreement.status` reads when given none. */
export const TODAY_SQL = `(now() AT TIME ZONE 'UTC')::date`;

/**
 * SQL conditions on agreement `alias` for a filter; shared by every agreement list and by
 * agreementStats, so that a dashboard's counts and the list behind them always agree.
 */
export function agreementConditions(filter: AgreementFilter | undefined, params: SqlParams, alias = 'a'): string[] {
  if (!filter) return [];
  const conditions: string[] = [];
  if (filter.kinds?.length) conditions.push(`${alias}.kind = ANY(${params.add(filter.kinds)}::text[])`);
  if (filter.statuses?.length) {
    const status = agreementStatusOnSql(alias, TODAY_SQL);
    conditions.push(`${status} = ANY(${params.add(filter.statuses)}::text[])`);
  }
  // One condition per filter, whatever the list's length: a subquery per element made 2,000
  // slugs grow one backend to 17.8 GB.
  const parties = [...new Set(filter.parties ?? [])];
  if (parties.length) {
    // Uncorrelated: PostgreSQL works out the agreements of those parties first and joins them
    // (tehran and moscow among 30,000 agreements: 14 ms, where an EXISTS per slug took 60 ms
    // and, for 50 slugs, 600 ms just to plan).
    conditions.push(`${alias}.id IN (SELECT fp.agreement_id FROM agreement_party fp JOIN municipality fm ON fm.id = fp.municipality_id
      WHERE fm.slug = ANY(${params.add(parties)}::text[]) GROUP BY fp.agreement_id
      HAVING count(DISTINCT fm.slug) = ${params.add(parties.length)}::int)`);
  }
  const countries = [...new Set((filter.partyCountries ?? []).map((country) => country.toUpperCase()))];
  if (countries.length) {
    // agreement_countries is kept by triggers; its GIN index on codes answers this directly.
    conditions.push(`EXISTS (SELECT 1 FROM agreement_countries fc
      WHERE fc.agreement_id = ${alias}.id AND fc.codes @> ${params.add(countries)}::text[])`);
  }
  if (filter.areas?.length) {
    conditions.push(`EXISTS (SELECT 1 FROM agreement_area fa WHERE fa.agreement_id = ${alias}.id
      AND fa.area_id IN ${areaSubtreeSql(params.add(filter.areas))})`);
  }
  const calendar = filter.calendar ?? CalendarKind.GREGORIAN;
  const from = dateBound(filter.signedFrom, calendar, 'start', 'filter.signedFrom');
  const to = dateBound(filter.signedTo, calendar, 'end', 'filter.signedTo');
  // Overlap: a signing known as a span (or a month) matches if any of its days is in from..to.
  if (from) conditions.push(`${alias}.signed_on_latest >= ${params.add(from)}::date`);
  if (to) conditions.push(`${alias}.signed_on <= ${params.add(to)}::date`);
  const quietFrom = dateBound(filter.dormantSince, calendar, 'start', 'filter.dormantSince');
  if (quietFrom) {
    // agreement_activity is kept by triggers (migration ActivityTriggers); every agreement has a row.
    conditions.push(`EXISTS (SELECT 1 FROM agreement_activity fact
      WHERE fact.agreement_id = ${alias}.id AND fact.dormant_since <= ${params.add(quietFrom)}::date)`);
  }
  if (filter.text) conditions.push(containsText(`${alias}.titles`, filter.text, params));
  conditions.push(...updatedSinceConditions(filter.updatedSince, params, alias, 'filter.updatedSince'));
  return conditions;
}
