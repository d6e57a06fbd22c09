import { ArrayMaxSize, ArrayUnique, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { ChangeInput, CreateInput, LocalizedTextInput, NamesRules } from '../../write/payloads';
import { IsCountryCode, IsGlobalId, IsText } from '../../write/validation';
import { Governance } from './municipality.enums';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The largest figure accepted: well above any city's (Chongqing's 32 million), far below a typo's. */
export const MAX_POPULATION = 100_000_000;

/*
 * The rules of the fields that create and update share; the database's checks on the columns
 * (migrations/1732770000000-InitialSchema.ts) are the last line behind them. That latitude and
 * longitude are set together is checked by the service, which sees the stored pair.
 */
const rules =
  (...decorators: PropertyDecorator[]): (() => PropertyDecorator) =>
  () =>
  (target, key) =>
    decorators.forEach((decorate) => decorate(target, key));

const Latitude = rules(IsOptional(), Min(-90), Max(90));
const Longitude = rules(IsOptional(), Min(-180), Max(180));
const WikidataId = rules(
  IsOptional(),
  Matches(/^Q[1-9][0-9]*$/, { message: 'must be a Wikidata item id such as "Q3616"' }),
);
// Ten digits: GeoNames ids are eight today, and every such number fits the bigint column.
const GeonamesId = rules(
  IsOptional(),
  Matches(/^[1-9][0-9]{0,9}$/, { message: 'must be a GeoNames id: up to 10 digits, such as "112931"' }),
);
const Region = rules(IsOptional(), IsText(200));
const PopulationRules = rules(IsOptional(), ValidateNested());

@InputType('PopulationInput', { description: 'A population figure with what it refers to.' })
export class PopulationInput {
  @Field(() => Int, { description: `Number of inhabitants (or its lower bound), 0 to ${MAX_POPULATION}.` })
  @Min(0)
  @Max(MAX_POPULATION)
  value!: number;

  @Field({
    defaultValue: false,
    description: 'True when the source gives only a lower bound ("more than 10 million").',
  })
  isLowerBound!: boolean;

  @Field(() => Int, { nullable: true, description: 'Year the figure refers to, 1000 to 2200.' })
  @IsOptional()
  @Min(1000)
  @Max(2200)
  year?: number | null;
}

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

  @Field(() => String, {
    nullable: true,
    description: 'Region or constituent nation within the country ("Isfahan Province"); at most 200 characters.',
  })
  @Region()
  region?: string | null;

  @Field({ defaultValue: false, description: "True for a country's capital." })
  isCapital!: boolean;

  @Field(() => PopulationInput, { nullable: true, description: 'Population with its year, or its lower bound.' })
  @PopulationRules()
  population?: PopulationInput | null;

  @Field(() => Governance, {
    defaultValue: Governance.UNKNOWN,
    description: 'How the executive is chosen or constituted.',
  })
  governance!: Governance;

  @Field(() => Float, { nullable: true, description: 'Latitude in degrees (WGS 84); give longitude with it.' })
  @Latitude()
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'Longitude in degrees (WGS 84); give latitude with it.' })
  @Longitude()
  longitude?: number | null;

  @Field(() => String, { nullable: true, description: 'Wikidata item id ("Q3616").' })
  @WikidataId()
  wikidataId?: string | null;

  @Field(() => String, { nullable: true, description: 'GeoNames id, as text ("112931").' })
  @GeonamesId()
  geonamesId?: string | null;

  @Field(() => [ID], { defaultValue: [], description: 'Sources that report on the municipality.' })
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsGlobalId('Source', { each: true })
  sourceIds!: string[];
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

  @Field(() => String, {
    nullable: true,
    description: 'Region or constituent nation within the country; at most 200 characters.',
  })
  @Region()
  region?: string | null;

  @Field(() => Boolean, { nullable: true, description: "True for a country's capital." })
  isCapital?: boolean;

  @Field(() => PopulationInput, {
    nullable: true,
    description: 'Population with its year, or its lower bound (replaces all three; null clears them).',
  })
  @PopulationRules()
  population?: PopulationInput | null;

  @Field(() => Governance, { nullable: true, description: 'How the executive is chosen or constituted.' })
  governance?: Governance;

  @Field(() => String, { nullable: true, description: 'Governance in the words of the sources.' })
  @IsOptional()
  @IsText(2000)
  governanceNote?: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Latitude in degrees (WGS 84); a municipality has both coordinates or neither.',
  })
  @Latitude()
  latitude?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Longitude in degrees (WGS 84); a municipality has both coordinates or neither.',
  })
  @Longitude()
  longitude?: number | null;

  @Field(() => String, { nullable: true, description: 'Wikidata item id ("Q3616").' })
  @WikidataId()
  wikidataId?: string | null;

  @Field(() => String, { nullable: true, description: 'GeoNames id, as text ("112931").' })
  @GeonamesId()
  geonamesId?: string | null;
}
