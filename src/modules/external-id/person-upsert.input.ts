import { ArrayMaxSize, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { CreatePersonInput } from '../person';
import { ExternalIdInput, EXTERNAL_IDS_PER_RECORD } from './external-id.input';

@InputType('UpsertPersonInput', {
  description:
    'A person as a portal keeps them: found by one of their external ids, else by their Wikidata id; created when neither names one.',
})
export class UpsertPersonInput extends CreatePersonInput {
  @Field(() => [ExternalIdInput], {
    defaultValue: [],
    description: 'Their ids in other systems, matched first; a match sets them all (replacing those they had).',
  })
  @ArrayMaxSize(EXTERNAL_IDS_PER_RECORD)
  @ValidateNested()
  externalIds!: ExternalIdInput[];
}
