import { ArrayMaxSize, ArrayUnique, IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ChangeInput, CreateInput, LocalizedTextInput, NamesRules } from '../../write/payloads';
import { IsGlobalId } from '../../write/validation';
import { CommitteeStatus } from '../agreement';

@InputType('CreateCommitteeInput', { description: 'A committee or working group an agreement sets up.' })
export class CreateCommitteeInput extends CreateInput {
  @Field(() => ID, { description: 'The agreement that sets it up.' })
  @IsGlobalId('Agreement')
  agreementId!: string;

  @Field(() => [LocalizedTextInput], { description: 'Its name in one or more languages.' })
  @NamesRules()
  names!: LocalizedTextInput[];

  @Field(() => ID, { nullable: true, description: 'The cooperation area it works on.' })
  @IsOptional()
  @IsGlobalId('CooperationArea')
  areaId?: string | null;

  @Field(() => CommitteeStatus, { defaultValue: CommitteeStatus.PLANNED, description: 'Where it stands.' })
  status!: CommitteeStatus;

  @Field(() => [ID], { defaultValue: [], description: 'Sources that report it.' })
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsGlobalId('Source', { each: true })
  sourceIds!: string[];
}

@InputType('UpdateCommitteeInput', {
  description: "New values for a committee's fields; left out: unchanged, null: cleared (where it may be empty).",
})
export class UpdateCommitteeInput extends ChangeInput {
  @Field(() => [LocalizedTextInput], {
    nullable: true,
    description: 'Its name in every language (replaces the names).',
  })
  @IsOptional()
  @NamesRules()
  names?: LocalizedTextInput[] | null;

  @Field(() => ID, { nullable: true, description: 'The cooperation area it works on (null clears).' })
  @IsOptional()
  @IsGlobalId('CooperationArea')
  areaId?: string | null;

  @Field(() => CommitteeStatus, {
    nullable: true,
    description: 'Where it stands; DISSOLVED retires it and keeps its record.',
  })
  status?: CommitteeStatus | null;
}
