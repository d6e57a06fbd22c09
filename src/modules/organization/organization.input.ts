import { ArrayMaxSize, ArrayUnique, IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ChangeInput, CreateInput, LocalizedTextInput, NamesRules } from '../../write/payloads';
import { IsCountryCode, IsGlobalId } from '../../write/validation';
import { OrganizationKind } from './organization.entity';

const Slug = () =>
  Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    message: 'must be lowercase letters and digits in words joined by single hyphens',
  });

/** As the database checks organization.wikidata_id. */
const WikidataId = () => Matches(/^Q[1-9][0-9]*$/, { message: 'must be a Wikidata item id such as "Q2916937"' });

@InputType('CreateOrganizationInput', {
  description:
    'A new organization: a body that acts in the record, belonging to a municipality, to a country, or (a network of cities) to neither.',
})
export class CreateOrganizationInput extends CreateInput {
  @Field(() => String, {
    nullable: true,
    description: 'Stable, URL-friendly key: lowercase words joined by hyphens ("tehran-city-council").',
  })
  @IsOptional()
  @Slug()
  slug?: string | null;

  @Field(() => [LocalizedTextInput], { description: 'Its names in every language and script the sources use.' })
  @NamesRules()
  names!: LocalizedTextInput[];

  @Field(() => OrganizationKind, { description: 'What kind of body it is.' })
  kind!: OrganizationKind;

  @Field(() => ID, {
    nullable: true,
    description: 'The municipality it belongs to (a city council); not with countryCode.',
  })
  @IsOptional()
  @IsGlobalId('Municipality')
  municipalityId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 3166-1 alpha-2 code of the country it belongs to (an embassy); not with municipalityId.',
  })
  @IsOptional()
  @IsCountryCode()
  countryCode?: string | null;

  @Field(() => [ID], { defaultValue: [], description: 'Sources that report on it.' })
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsGlobalId('Source', { each: true })
  sourceIds!: string[];

  @Field(() => String, { nullable: true, description: 'Wikidata item id ("Q2916937").' })
  @IsOptional()
  @WikidataId()
  wikidataId?: string | null;
}

@InputType('UpdateOrganizationInput', {
  description: "New values for an organization's fields; left out: unchanged, null: cleared (where it may be empty).",
})
export class UpdateOrganizationInput extends ChangeInput {
  @Field(() => String, { nullable: true, description: 'Stable, URL-friendly key (null clears).' })
  @IsOptional()
  @Slug()
  slug?: string | null;

  @Field(() => [LocalizedTextInput], {
    nullable: true,
    description: 'Its names in every language (replaces the names).',
  })
  @IsOptional()
  @NamesRules()
  names?: LocalizedTextInput[] | null;

  @Field(() => OrganizationKind, { nullable: true, description: 'What kind of body it is.' })
  kind?: OrganizationKind | null;

  @Field(() => ID, { nullable: true, description: 'The municipality it belongs to (null: none); not with a country.' })
  @IsOptional()
  @IsGlobalId('Municipality')
  municipalityId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 3166-1 alpha-2 code of its country (null: none); not with a municipality.',
  })
  @IsOptional()
  @IsCountryCode()
  countryCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Wikidata item id ("Q2916937"); null clears.' })
  @IsOptional()
  @WikidataId()
  wikidataId?: string | null;
}
