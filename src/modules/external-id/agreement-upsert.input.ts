import { ArrayMaxSize, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { CreateAgreementInput } from '../agreement';
import { ExternalIdInput, EXTERNAL_IDS_PER_RECORD } from './external-id.input';

@InputType('UpsertAgreementInput', {
  description:
    'An agreement as a portal keeps it: found by one of its external ids only (agreements have no slug); created when none names one, where the duplicate rule applies as to createAgreement.',
})
export class UpsertAgreementInput extends CreateAgreementInput {
  @Field(() => [ExternalIdInput], {
    defaultValue: [],
    description: 'Its ids in other systems, the only match; a match sets them all (replacing those it had).',
  })
  @ArrayMaxSize(EXTERNAL_IDS_PER_RECORD)
  @ValidateNested()
  externalIds!: ExternalIdInput[];
}
