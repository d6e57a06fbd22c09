import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Multilingual } from '../../common/names';
import { Node } from '../../common/node.interface';

export enum OrganizationKind {
  CITY_COUNCIL = 'CITY_COUNCIL',
  MUNICIPAL_DEPARTMENT = 'MUNICIPAL_DEPARTMENT',
  MUNICIPAL_ADMINISTRATION = 'MUNICIPAL_ADMINISTRATION',
  EMBASSY = 'EMBASSY',
  MINISTRY = 'MINISTRY',
  GOVERNMENT_BODY = 'GOVERNMENT_BODY',
  CITY_NETWORK = 'CITY_NETWORK',
  NEWS_AGENCY = 'NEWS_AGENCY',
  OTHER = 'OTHER',
}

registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: 'What kind of body an organization is.',
  valuesConfig: {
    CITY_COUNCIL: { description: "A municipality's elected council." },
    MUNICIPAL_DEPARTMENT: { description: 'A department or directorate of a municipality.' },
    MUNICIPAL_ADMINISTRATION: { description: "A municipality's administration as a body." },
    EMBASSY: { description: "A country's embassy or consulate." },
    MINISTRY: { description: 'A ministry of a national government.' },
    GOVERNMENT_BODY: { description: 'Another body of a national or regional government.' },
    CITY_NETWORK: { description: 'A network or association of cities.' },
    NEWS_AGENCY: { description: 'A news agency or media outlet acting in the record.' },
    OTHER: { description: 'Any other body.' },
  },
});

@ObjectType('Organization', {
  implements: Node,
  description:
    'A body that is not itself a municipality but acts in the record: a city council, an embassy, a network of cities.',
})
@Entity('organization')
export class Organization extends Node {
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => String, { nullable: true, description: 'Stable, URL-friendly key, where one is assigned.' })
  @Column('text', { nullable: true })
  slug!: string | null;

  @Column('jsonb')
  names!: Multilingual;

  @Column('text', { name: 'sort_name' })
  sortName!: string;

  @Field(() => OrganizationKind, { description: 'What kind of body it is.' })
  @Column('text')
  kind!: OrganizationKind;

  @Column('uuid', { name: 'municipality_id', nullable: true })
  municipalityId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 3166-1 alpha-2 code of the country it belongs to, if it belongs to a country.',
  })
  @Column('char', { name: 'country_code', length: 2, nullable: true })
  countryCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Wikidata item id ("Q2916937"), where one is known.' })
  @Column('text', { name: 'wikidata_id', nullable: true })
  wikidataId!: string | null;

  @Field(() => Int, { description: 'Revision number; writes must send the version they read.' })
  @Column('integer')
  version!: number;
}
