import { ArrayMaxSize, Matches, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { ChangeInput } from '../../write/payloads';
import { IsText } from '../../write/validation';

/** As the database checks it (external_id.system): lowercase, a domain-like name. */
export const SYSTEM = /^[a-z0-9][a-z0-9.-]{0,99}$/;
export const SYSTEM_RULE =
  'must be lowercase letters, digits, "." or "-", starting with a letter or digit ("tehran.ir")';
export const EXTERNAL_ID_LENGTH = 200;
export const EXTERNAL_IDS_PER_RECORD = 20;

@InputType('ExternalIdInput', { description: "A record's id in another system." })
export class ExternalIdInput {
  @Field({ description: `The system that keeps the id: ${SYSTEM_RULE}.` })
  @Matches(SYSTEM, { message: SYSTEM_RULE })
  system!: string;

  @Field({ description: 'The id in that system ("4711"): no spaces at either end.' })
  @IsText(EXTERNAL_ID_LENGTH)
  @Matches(/^\S(.*\S)?$/s, { message: 'must not begin or end with a space' })
  id!: string;
}

@InputType('SetExternalIdsInput', {
  description: 'A record (id and version read) and all of its ids in other systems, replacing those it had.',
})
export class SetExternalIdsInput extends ChangeInput {
  @Field(() => [ExternalIdInput], {
    description: 'Every id the record has in other systems; each (system, id) names one record only. Empty: none.',
  })
  @ArrayMaxSize(EXTERNAL_IDS_PER_RECORD)
  @ValidateNested()
  externalIds!: ExternalIdInput[];
}
