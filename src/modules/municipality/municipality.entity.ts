import { Field, Int, Float, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Node } from '../../common/node.interface';
import { Multilingual } from '../../common/names';
import { bigintAsNumber, bigintAsText } from '../../database/column-transformers';
import { Governance } from './municipality.enums';

@ObjectType('Population', { simpleResolvers: true, description: 'A population figure with what it refers to.' })
export class Population {
  @Field(() => Float, { description: 'Number of inhabitants (or its lower bound).' })
  value!: number;

  @Field({ description: 'True when the source gives only a lower bound ("more than 10 million").' })
  isLowerBound!: boolean;

  @Field(() => Number, { nullable: true, description: 'Year the figure refers to.' })
  year!: number | null;
}

@ObjectType('Municipality', {
  simpleResolvers: true,
  implements: Node,
  description: 'A city (or a district of one) with its own government.',
})
@Entity('municipality')
export class Municipality extends Node {
  @PrimaryColumn('uuid')
  id!: string;

  @Field({ description: 'Stable, URL-friendly key ("tehran").' })
  @Column('text')
  slug!: string;

  @Column('jsonb')
  names!: Multilingual;

  @Column('text', { name: 'sort_name' })
  sortName!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code ("IR").' })
  @Column('char', { name: 'country_code', length: 2 })
  countryCode!: string;

  @Field(() => String, { nullable: true, description: 'Region or constituent nation within the country.' })
  @Column('text', { nullable: true })
  region!: string | null;

  @Field({ description: "True for a country's capital." })
  @Column('boolean', { name: 'is_capital' })
  isCapital!: boolean;

  @Column('bigint', { nullable: true, transformer: bigintAsNumber })
  population!: number | null;

  @Column('boolean', { name: 'population_is_lower_bound' })
  populationIsLowerBound!: boolean;

  @Column('integer', { name: 'population_year', nullable: true })
  populationYear!: number | null;

  @Field(() => Float, { nullable: true, description: 'Latitude in degrees (WGS 84).' })
  @Column('double precision', { nullable: true })
  latitude!: number | null;

  @Field(() => Float, { nullable: true, description: 'Longitude in degrees (WGS 84).' })
  @Column('double precision', { nullable: true })
  longitude!: number | null;

  @Field(() => Governance, { description: 'How the executive is chosen or constituted.' })
  @Column('text')
  governance!: Governance;

  @Field(() => String, { nullable: true, description: 'Governance in the words of the sources.' })
  @Column('text', { name: 'governance_note', nullable: true })
  governanceNote!: string | null;

  @Field(() => String, { nullable: true, description: 'Wikidata item id ("Q3616").' })
  @Column('text', { name: 'wikidata_id', nullable: true })
  wikidataId!: string | null;

  @Field(() => String, { nullable: true, description: 'GeoNames id, as text ("112931").' })
  @Column('bigint', { name: 'geonames_id', nullable: true, transformer: bigintAsText })
  geonamesId!: string | null;

  @Column('uuid', { name: 'part_of_id', nullable: true })
  partOfId!: string | null;

  @Field(() => Int, { description: 'Revision number; writes must send the version they read.' })
  @Column('integer')
  version!: number;
}
