import { Field, InputType, registerEnumType } from 'type-graphql';
import { expectGlobalId } from '../../common/global-id';
import { ListQuery } from '../../database/pagination';
import { SqlParams } from '../../common/sql';
import { UpdatedSinceField, updatedSinceConditions } from '../../common/record-times';
import { anyTextLike, containsPattern, foldSql } from '../../common/text-match';
import { OrderDirection } from '../../common/order-direction';

@InputType({ description: 'Which persons to include; every condition given must hold.' })
export class PersonFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'Part of a name in any language ("ghalibaf", "قالیباف", "Собянин"); Arabic and Persian letter forms match alike.',
  })
  name?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Part of the title of a position held now or before, in any language ("international relations"). Mayors: see mayorOf.',
  })
  position?: string;

  @Field(() => [String], { nullable: true, description: 'Municipality slugs: persons who were mayor of any of them.' })
  mayorOf?: string[];

  @UpdatedSinceField()
  updatedSince?: Date | null;
}

export enum PersonOrderField {
  NAME = 'NAME',
}

registerEnumType(PersonOrderField, {
  name: 'PersonOrderField',
  description: 'What to sort persons by; ties are broken by id, so the order is stable.',
  valuesConfig: { NAME: { description: 'English name (or the first name recorded).' } },
});

@InputType({ description: 'Order of a person list.' })
export class PersonOrder {
  @Field(() => PersonOrderField, { description: 'Sort key.' })
  field!: PersonOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Direction.' })
  direction!: OrderDirection;
}

/** Database ids of persons given by global id; `field` names the argument in errors. */
export function personIds(globalIds: readonly string[], field: string): string[] {
  return globalIds.map((id) => expectGlobalId(id, 'Person', field));
}

function personConditions(filter: PersonFilter | undefined, params: SqlParams): string[] {
  const conditions: string[] = [];
  if (filter?.name) {
    conditions.push(anyTextLike('p.names', params.add(containsPattern(filter.name)), true));
  }
  if (filter?.position) {
    conditions.push(`EXISTS (SELECT 1 FROM person_position fp CROSS JOIN jsonb_each_text(fp.titles) t
      WHERE fp.person_id = p.id AND ${foldSql('t.value')} ILIKE ${params.add(containsPattern(filter.position))})`);
  }
  if (filter?.mayorOf?.length) {
    conditions.push(`EXISTS (SELECT 1 FROM mayoral_term ft JOIN municipality fm ON fm.id = ft.municipality_id
      WHERE ft.person_id = p.id AND fm.slug = ANY(${params.add(filter.mayorOf)}::text[]))`);
  }
  conditions.push(...updatedSinceConditions(filter?.updatedSince, params, 'p', 'filter.updatedSince'));
  return conditions;
}

/** A person list as SQL. */
export function personList(filter: PersonFilter | undefined, order: PersonOrder | undefined): ListQuery {
  const params = new SqlParams();
  const ordering = order ?? { field: PersonOrderField.NAME, direction: OrderDirection.ASC };
  return {
    kind: `Person:${ordering.field}:${ordering.direction}`,
    select: 'p.*',
    from: 'person p',
    where: personConditions(filter, params),
    params,
    sortKey: 'p.sort_name',
    sortType: 'text',
    tieBreaker: 'p.id',
    direction: ordering.direction,
  };
}
