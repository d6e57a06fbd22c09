import { ArrayMaxSize, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { CreateMunicipalityInput } from '../municipality';
import { ExternalIdInput, EXTERNAL_IDS_PER_RECORD } from './external-id.input';

@InputType('UpsertMunicipalityInput', {
  description:
    'A municipality as a portal keeps it: found by one of its external ids, else by its slug; created when neither names one.',
})
export class UpsertMunicipalityInput extends CreateMunicipalityInput {
  @Field(() => [ExternalIdInput], {
    defaultValue: [],
    description: 'Its ids in other systems, matched first; a match sets them all (replacing those it had).',
  })
  @ArrayMaxSize(EXTERNAL_IDS_PER_RECORD)
  @ValidateNested()
  externalIds!: ExternalIdInput[];
}
