import { ArrayMaxSize, ArrayUnique, IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ChangeInput, CreateInput, LocalizedTextInput, NamesRules } from '../../write/payloads';
import { IsGlobalId } from '../../write/validation';

const WikidataId = () => Matches(/^Q[1-9][0-9]*$/, { message: 'must be a Wikidata item id such as "Q3616"' });

@InputType('CreatePersonInput', { description: 'A new person: an official who acts in the record.' })
export class CreatePersonInput extends CreateInput {
  @Field(() => [LocalizedTextInput], { description: 'Their name in every language and script the sources use.' })
  @NamesRules()
  names!: LocalizedTextInput[];

  @Field(() => String, { nullable: true, description: 'Wikidata item id ("Q4349158").' })
  @IsOptional()
  @WikidataId()
  wikidataId?: string | null;

  @Field(() => [ID], { defaultValue: [], description: 'Sources that report on the person.' })
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsGlobalId('Source', { each: true })
  sourceIds!: string[];
}

@InputType('UpdatePersonInput', {
  description: "New values for a person's fields; left out: unchanged, null: cleared (where it may be empty).",
})
export class UpdatePersonInput extends ChangeInput {
  @Field(() => [LocalizedTextInput], {
    nullable: true,
    description: 'Their name in every language (replaces the names).',
  })
  @IsOptional()
  @NamesRules()
  names?: LocalizedTextInput[] | null;

  @Field(() => String, { nullable: true, description: 'Wikidata item id (null clears).' })
  @IsOptional()
  @WikidataId()
  wikidataId?: string | null;
}
