import { ArrayMaxSize, ArrayUnique, IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { CalendarKind } from '../../common/dates';
import { CalendarField, InputBase, PartialDateField } from '../../write/date-input-fields';
import { ChangeInput, CreateInput, LocalizedTextInput, NamesRules } from '../../write/payloads';
import { IsGlobalId } from '../../write/validation';

/** When an office was taken and left: the same fields to create and to update, described for each. */
function TenureDates<Base extends InputBase>(Base: Base, describe: { since: string; until: string }) {
  @InputType()
  abstract class TenureDatesInput extends Base {
    @PartialDateField(describe.since)
    since?: string | null;

    @PartialDateField(describe.until, { notBefore: 'since' })
    until?: string | null;

    @CalendarField('since and until')
    calendar!: CalendarKind;
  }
  return TenureDatesInput;
}

@InputType('CreatePositionInput', {
  description:
    'An office a person holds or held, in a municipality or in an organization (mayoralties: startMayoralTerm).',
})
export class CreatePositionInput extends TenureDates(CreateInput, {
  since: 'When the office was taken (or the month or year); null when not known.',
  until: 'When it was left; null while held or when not known. Not before since.',
}) {
  @Field(() => ID, { description: 'Who holds the office.' })
  @IsGlobalId('Person')
  personId!: string;

  @Field(() => [LocalizedTextInput], {
    description: 'Title of the office in one or more languages ("Deputy Mayor for International Relations").',
  })
  @NamesRules()
  titles!: LocalizedTextInput[];

  @Field(() => ID, {
    nullable: true,
    description: 'The municipality the office is in; give this or organizationId, not both.',
  })
  @IsOptional()
  @IsGlobalId('Municipality')
  municipalityId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The organization the office is in; give this or municipalityId, not both.',
  })
  @IsOptional()
  @IsGlobalId('Organization')
  organizationId?: string | null;

  @Field(() => [ID], { defaultValue: [], description: 'Sources that report the office.' })
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsGlobalId('Source', { each: true })
  sourceIds!: string[];
}

@InputType('UpdatePositionInput', {
  description: "New values for a position's fields; left out: unchanged, null: cleared (where it may be empty).",
})
export class UpdatePositionInput extends TenureDates(ChangeInput, {
  since: 'When the office was taken (null: not known).',
  until: 'When it was left (null: held, or not known); not before since.',
}) {
  @Field(() => [LocalizedTextInput], {
    nullable: true,
    description: 'Title of the office in every language (replaces the titles).',
  })
  @IsOptional()
  @NamesRules()
  titles?: LocalizedTextInput[] | null;
}
