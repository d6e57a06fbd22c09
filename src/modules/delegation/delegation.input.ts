import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsOptional, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ChangeInput, CreateInput, LocalizedTextInput, NamesRules } from '../../write/payloads';
import { IsGlobalId, IsText } from '../../write/validation';

@InputType('DelegationMemberInput', { description: 'A person in a delegation and the title they travelled under.' })
export class DelegationMemberInput {
  @Field(() => ID, { description: 'The member.' })
  @IsGlobalId('Person')
  personId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Title they travelled under ("Mayor of Tehran"), in the words of the sources.',
  })
  @IsOptional()
  @IsText(500)
  title?: string | null;
}

const Members =
  (min: number): PropertyDecorator =>
  (target, key) =>
    [ArrayMinSize(min), ArrayMaxSize(100), ValidateNested()].forEach((decorate) => decorate(target, key));

@InputType('CreateDelegationInput', {
  description:
    'A new delegation: sent by a municipality or by an organization (give exactly one), with its head and members.',
})
export class CreateDelegationInput extends CreateInput {
  @Field(() => [LocalizedTextInput], {
    nullable: true,
    description: 'Its name, if the sources give one; without one it is called after its sender.',
  })
  @IsOptional()
  @NamesRules()
  names?: LocalizedTextInput[] | null;

  @Field(() => ID, { nullable: true, description: 'The municipality that sent it; not with senderOrganizationId.' })
  @IsOptional()
  @IsGlobalId('Municipality')
  senderMunicipalityId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The organization that sent it (a city council, an embassy); not with senderMunicipalityId.',
  })
  @IsOptional()
  @IsGlobalId('Organization')
  senderOrganizationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Who headed it (not always the mayor).' })
  @IsOptional()
  @IsGlobalId('Person')
  headPersonId?: string | null;

  @Field(() => String, { nullable: true, description: 'What it was sent for, in the words of the sources.' })
  @IsOptional()
  @IsText(4000)
  purpose?: string | null;

  @Field(() => [DelegationMemberInput], {
    defaultValue: [],
    description: 'Its members in the order the sources list them; each person once.',
  })
  @Members(0)
  members!: DelegationMemberInput[];

  @Field(() => [ID], { defaultValue: [], description: 'Sources that report the delegation.' })
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsGlobalId('Source', { each: true })
  sourceIds!: string[];
}

@InputType('UpdateDelegationInput', {
  description:
    "New values for a delegation's fields; left out: unchanged, null: cleared. Give one sender id to change the sender.",
})
export class UpdateDelegationInput extends ChangeInput {
  @Field(() => [LocalizedTextInput], {
    nullable: true,
    description: 'Its name in every language (replaces the names; null: unnamed).',
  })
  @IsOptional()
  @NamesRules()
  names?: LocalizedTextInput[] | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A municipality as the new sender (replaces an organization sender).',
  })
  @IsOptional()
  @IsGlobalId('Municipality')
  senderMunicipalityId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'An organization as the new sender (replaces a municipality sender).',
  })
  @IsOptional()
  @IsGlobalId('Organization')
  senderOrganizationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Who headed it (null: not known).' })
  @IsOptional()
  @IsGlobalId('Person')
  headPersonId?: string | null;

  @Field(() => String, { nullable: true, description: 'What it was sent for (null clears).' })
  @IsOptional()
  @IsText(4000)
  purpose?: string | null;
}

@InputType('AddDelegationMembersInput', {
  description: 'The delegation (id and version read) and the members to add after those it has.',
})
export class AddDelegationMembersInput extends ChangeInput {
  @Field(() => [DelegationMemberInput], {
    description: 'The members to add, in the order the sources list them; at least one, each person once.',
  })
  @Members(1)
  members!: DelegationMemberInput[];
}
