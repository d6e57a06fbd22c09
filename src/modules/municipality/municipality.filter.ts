import { Field, InputType, registerEnumType } from 'type-graphql';
import { ListQuery } from '../../database/pagination';
import { SqlParams } from '../../common/sql';
import { UpdatedSinceField, updatedSinceConditions } from '../../common/record-times';
import { containsText } from '../../common/text-match';
import { OrderDirection } from '../../common/order-direction';

@InputType({ description: 'Which municipalities to include; every condition given must hold.' })
export class MunicipalityFilter {
  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-2 codes: in any of these countries.' })
  countries?: string[];

  @Field(() => Boolean, { nullable: true, description: 'Only capitals (true) or only other cities (false).' })
  isCapital?: boolean;

  @Field(() => String, { nullable: true, description: 'Part of a name, in any language, without regard to case.' })
  name?: string;

  @Field(() => String, { nullable: true, description: 'Slug of a city: only its districts.' })
  partOf?: string;

  @UpdatedSinceField()
  updatedSince?: Date | null;
}

export enum MunicipalityOrderField {
  NAME = 'NAME',
  POPULATION = 'POPULATION',
}

registerEnumType(MunicipalityOrderField, {
  name: 'MunicipalityOrderField',
  description: 'What to sort municipalities by; ties are broken by id.',
  valuesConfig: {
    NAME: { description: 'English name (or the first name recorded).' },
    POPULATION: { description: 'Population; unknown counts as smallest.' },
  },
});

@InputType({ description: 'Order of a municipality list.' })
export class MunicipalityOrder {
  @Field(() => MunicipalityOrderField, { description: 'Sort key.' })
  field!: MunicipalityOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Direction.' })
  direction!: OrderDirection;
}

export function municipalityList(
  filter: MunicipalityFilter | undefined,
  order: MunicipalityOrder | undefined,
): ListQuery {
  const params = new SqlParams();
  const ordering = order ?? { field: MunicipalityOrderField.NAME, direction: OrderDirection.ASC };
  const where: string[] = [];
  if (filter?.countries?.length)
    where.push(`m.country_code = ANY(${params.add(filter.countries.map((c) => c.toUpperCase()))}::text[])`);
  if (filter?.isCapital != null) where.push(`m.is_capital = ${params.add(filter.isCapital)}`);
  if (filter?.name) where.push(containsText('m.names', filter.name, params));
  if (filter?.partOf)
    where.push(`m.part_of_id = (SELECT id FROM municipality WHERE slug = ${params.add(filter.partOf)})`);
  where.push(...updatedSinceConditions(filter?.updatedSince, params, 'm', 'filter.updatedSince'));
  const byPopulation = ordering.field === MunicipalityOrderField.POPULATION;
  return {
    kind: `Municipality:${ordering.field}:${ordering.direction}`,
    select: 'm.*',
    from: 'municipality m',
    where,
    params,
    sortKey: byPopulation ? 'COALESCE(m.population, -1)' : 'm.sort_name',
    sortType: byPopulation ? 'bigint' : 'text',
    tieBreaker: 'm.id',
    direction: ordering.direction,
  };
}
