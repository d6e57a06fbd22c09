import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { CalendarKind } from '../../common/dates';
import { CalendarField, InputBase, PartialDateField } from '../../write/date-input-fields';
import { ChangeInput, CreateInput, LocalizedTextInput, NamesRules } from '../../write/payloads';
import { IsGlobalId, IsText } from '../../write/validation';
import { AgreementKind, AgreementStatus } from './agreement.enums';

const idList =
  (type: string, min = 0): PropertyDecorator =>
  (target, key) =>
    [ArrayMinSize(min), ArrayMaxSize(100), ArrayUnique(), IsGlobalId(type, { each: true })].forEach((decorate) =>
      decorate(target, key),
    );

/** When an agreement was signed and until when it holds: the same fields to create and to update, described for each. */
function SigningDates<Base extends InputBase>(Base: Base, describe: { signedOn: string; validUntil: string }) {
  @InputType()
  abstract class SigningDatesInput extends Base {
    @PartialDateField(describe.signedOn)
    signedOn?: string | null;

    @PartialDateField(describe.validUntil, { notBefore: 'signedOn' })
    validUntil?: string | null;

    @CalendarField('signedOn and validUntil')
    calendar!: CalendarKind;
  }
  return SigningDatesInput;
}

@InputType('CreateAgreementInput', { description: 'A new agreement between two or more municipalities.' })
export class CreateAgreementInput extends SigningDates(CreateInput, {
  signedOn: 'When it was signed.',
  validUntil: 'End of a fixed term; not before signedOn.',
}) {
  @Field(() => AgreementKind, { description: 'What kind of document it is.' })
  kind!: AgreementKind;

  @Field(() => [LocalizedTextInput], { description: 'Its title, in one or more languages.' })
  @NamesRules()
  titles!: LocalizedTextInput[];

  @Field(() => [ID], { description: 'The municipalities party to it: at least two, each once.' })
  @idList('Municipality', 2)
  partyIds!: string[];

  @Field(() => AgreementStatus, {
    defaultValue: AgreementStatus.PROPOSED,
    description: 'Its status now: the first entry of its status history.',
  })
  status!: AgreementStatus;

  @Field(() => ID, { nullable: true, description: 'The city where it was signed.' })
  @IsOptional()
  @IsGlobalId('Municipality')
  signedInId?: string | null;

  @Field(() => String, { nullable: true, description: 'Venue of the signing.' })
  @IsOptional()
  @IsText(500)
  signedAtVenue?: string | null;

  @Field(() => String, { nullable: true, description: 'What it provides for, in brief.' })
  @IsOptional()
  @IsText(4000)
  summary?: string | null;

  @Field(() => [ID], { defaultValue: [], description: 'Cooperation areas it covers.' })
  @idList('CooperationArea')
  areaIds!: string[];

  @Field(() => [ID], { defaultValue: [], description: 'Earlier agreements it puts into practice.' })
  @idList('Agreement')
  implementsIds!: string[];

  @Field(() => [ID], { defaultValue: [], description: 'Sources that report it.' })
  @idList('Source')
  sourceIds!: string[];
}

@InputType('UpdateAgreementInput', {
  description:
    "New values for an agreement's own fields; left out: unchanged, null: cleared. Parties, areas and status have mutations of their own.",
})
export class UpdateAgreementInput extends SigningDates(ChangeInput, {
  signedOn: 'When it was signed.',
  validUntil: 'End of a fixed term.',
}) {
  @Field(() => AgreementKind, { nullable: true, description: 'What kind of document it is.' })
  kind?: AgreementKind;

  @Field(() => [LocalizedTextInput], {
    nullable: true,
    description: 'Its title in every language (replaces the titles).',
  })
  @IsOptional()
  @NamesRules()
  titles?: LocalizedTextInput[];

  @Field(() => String, { nullable: true, description: 'Venue of the signing.' })
  @IsOptional()
  @IsText(500)
  signedAtVenue?: string | null;

  @Field(() => String, { nullable: true, description: 'What it provides for, in brief.' })
  @IsOptional()
  @IsText(4000)
  summary?: string | null;
}

@InputType('SetAgreementStatusInput', {
  description: "A step in an agreement's lifecycle, appended to its status history.",
})
export class SetAgreementStatusInput extends ChangeInput {
  @Field(() => AgreementStatus, { description: 'The status entered.' })
  status!: AgreementStatus;

  @PartialDateField('When the status changed, if known.')
  on?: string | null;

  @CalendarField('`on`')
  calendar!: CalendarKind;

  @Field(() => String, { nullable: true, description: 'What the sources say about the change.' })
  @IsOptional()
  @IsText(2000)
  note?: string | null;
}
