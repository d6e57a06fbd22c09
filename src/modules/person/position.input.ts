import { IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { CalendarKind, PartialDateScalar } from '../../common/dates';
import { ChangeInput, CreateInput, LocalizedTextInput, NamesRules } from '../../common/mutation-types';
import { IsGlobalId, IsPartialDate, NotBefore } from '../../common/mutation-validation';

@InputType('CreatePositionInput', {
  description: 'An office a person holds or held, in a municipality or in an organization (mayoralties: startMayoralTerm).',
})
export class CreatePositionInput extends CreateInput {
  @Field(() => ID, { description: 'Who holds the office.' })
  @IsGlobalId('Person')
  personId!: string;

  @Field(() => [LocalizedTextInput], { description: 'Title of the office in one or more languages ("Deputy Mayor for International Relations").' })
  @NamesRules()
  titles!: LocalizedTextInput[];

  @Field(() => ID, { nullable: true, description: 'The municipality the office is in; give this or organizationId, not both.' })
  @IsOptional()
  @IsGlobalId('Municipality')
  municipalityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The organization the office is in; give this or municipalityId, not both.' })
  @IsOptional()
  @IsGlobalId('Organization')
  organizationId?: string | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'When the office was taken (or the month or year); null when not known.' })
  @IsOptional()
  @IsPartialDate()
  since?: string | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'When it was left; null while held or when not known. Not before since.' })
  @IsOptional()
  @IsPartialDate()
  @NotBefore('since')
  until?: string | null;

  @Field(() => CalendarKind, { defaultValue: CalendarKind.GREGORIAN, description: 'Calendar of since and until.' })
  calendar!: CalendarKind;
}

@InputType('UpdatePositionInput', { description: "New values for a position's fields; left out: unchanged, null: cleared (where it may be empty)." })
export class UpdatePositionInput extends ChangeInput {
  @Field(() => [LocalizedTextInput], { nullable: true, description: 'Title of the office in every language (replaces the titles).' })
  @IsOptional()
  @NamesRules()
  titles?: LocalizedTextInput[] | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'When the office was taken (null: not known).' })
  @IsOptional()
  @IsPartialDate()
  since?: string | null;

  @Field(() => PartialDateScalar, { nullable: true, description: 'When it was left (null: held, or not known); not before since.' })
  @IsOptional()
  @IsPartialDate()
  @NotBefore('since')
  until?: string | null;

  @Field(() => CalendarKind, { defaultValue: CalendarKind.GREGORIAN, description: 'Calendar of since and until.' })
  calendar!: CalendarKind;
}
