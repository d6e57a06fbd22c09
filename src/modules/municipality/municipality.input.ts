import { IsOptional, Matches, Max, Min } from 'class-validator';
import { Field, Float, InputType } from 'type-graphql';
import { ChangeInput, CreateInput, LocalizedTextInput, NamesRules } from '../../write/payloads';
import { IsCountryCode, IsText } from '../../write/validation';
import { Governance } from './municipality.enums';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

@InputType('CreateMunicipalityInput', { description: 'A new municipality.' })
export class CreateMunicipalityInput extends CreateInput {
  @Field({ description: 'Stable, URL-friendly key: lowercase words joined by hyphens ("isfahan").' })
  @Matches(SLUG, { message: 'must be lowercase letters and digits in words joined by single hyphens' })
  slug!: string;

  @Field(() => [LocalizedTextInput], {
    description: 'Its names: English, the local language, and any other a source used.',
  })
  @NamesRules()
  names!: LocalizedTextInput[];

  @Field({ description: 'ISO 3166-1 alpha-2 country code ("IR").' })
  @IsCountryCode()
  countryCode!: string;

  @Field({ defaultValue: false, description: "True for a country's capital." })
  isCapital!: boolean;

  @Field(() => Governance, {
    defaultValue: Governance.UNKNOWN,
    description: 'How the executive is chosen or constituted.',
  })
  governance!: Governance;

  @Field(() => Float, { nullable: true, description: 'Latitude in degrees (WGS 84); give longitude with it.' })
  @IsOptional()
  @Min(-90)
  @Max(90)
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'Longitude in degrees (WGS 84).' })
  @IsOptional()
  @Min(-180)
  @Max(180)
  longitude?: number | null;

  @Field(() => String, { nullable: true, description: 'Wikidata item id ("Q3616").' })
  @IsOptional()
  @Matches(/^Q[1-9][0-9]*$/, { message: 'must be a Wikidata item id such as "Q3616"' })
  wikidataId?: string | null;
}

@InputType('UpdateMunicipalityInput', {
  description: "New values for a municipality's fields; left out: unchanged, null: cleared.",
})
export class UpdateMunicipalityInput extends ChangeInput {
  @Field(() => [LocalizedTextInput], {
    nullable: true,
    description: 'Its names in every language (replaces the names).',
  })
  @IsOptional()
  @NamesRules()
  names?: LocalizedTextInput[];

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code.' })
  @IsOptional()
  @IsCountryCode()
  countryCode?: string;

  @Field(() => Boolean, { nullable: true, description: "True for a country's capital." })
  isCapital?: boolean;

  @Field(() => Governance, { nullable: true, description: 'How the executive is chosen or constituted.' })
  governance?: Governance;

  @Field(() => String, { nullable: true, description: 'Governance in the words of the sources.' })
  @IsOptional()
  @IsText(2000)
  governanceNote?: string | null;
}
