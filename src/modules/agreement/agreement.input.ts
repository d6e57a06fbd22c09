import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { CalendarKind } from '../../common/dates';
import { CalendarField, InputBase, PartialDateField } from '../../write/date-input-fields';
import { ChangeInput, CreateInput, LocalizedTextInput, NamesRules } from '../../write/payloads';
import { IsGlobalId, IsText } from '../../write/validation';
import { AgreementKind, AgreementStatus, SignatoryRole } from './agreement.enums';

const idList =
  (type: string, min = 0): PropertyDecorator =>
  (target, key) =>
    [ArrayMinSize(min), ArrayMaxSize(100), ArrayUnique(), IsGlobalId(type, { each: true })].forEach((decorate) =>
      decorate(target, key),
    );

/** An optional text field: null and left out are both accepted, a text is checked and at most maxLength long. */
const optionalText =
  (description: string, maxLength: number): PropertyDecorator =>
  (target, key) =>
    // In the order TypeScript applies stacked decorators (last first): the checks keep their order.
    [IsText(maxLength), IsOptional(), Field(() => String, { nullable: true, description })].forEach((decorate) =>
      decorate(target, key),
    );

/*
 * The venue and the summary, the same in the create and the update input. Decorators rather than
 * a mixin like SigningDates: class-validator checks a class's own fields before inherited ones,
 * so in a mixin their userErrors would move after the others.
 */
const SignedAtVenueField = () => optionalText('Venue of the signing.', 500);
const SummaryField = () => optionalText('What it provides for, in brief.', 4000);
const SEPARATE_INSTRUMENT =
  'True: a document of its own although another of the same kind between the same parties bears the same signing date (without it, such a second one is refused as TAKEN, naming the first). Sister-city pacts are one per pair of cities whatever this says.';

/** When an agreement was signed and until when it holds: the same fields to create and to update, described for each. */
function SigningDates<Base extends InputBase>(Base: Base, describe: { signedOn: string; validUntil: string }) {
  @InputType()
  abstract class SigningDatesInput extends Base {
    @PartialDateField(describe.signedOn, { range: true })
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

  @SignedAtVenueField()
  signedAtVenue?: string | null;

  @SummaryField()
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

  @Field({ defaultValue: false, description: SEPARATE_INSTRUMENT })
  separateInstrument!: boolean;
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

  @SignedAtVenueField()
  signedAtVenue?: string | null;

  @SummaryField()
  summary?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The visit it was signed during; null: none. That visit, and the one it was linked to before, change too.',
  })
  @IsOptional()
  @IsGlobalId('Visit')
  signedOnVisitId?: string | null;

  @Field(() => Boolean, { nullable: true, description: `${SEPARATE_INSTRUMENT} Left out or null: unchanged.` })
  separateInstrument?: boolean | null;
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

/**
 * People to add to an agreement's signatories, or to take off it. Adding also says the part
 * they played and the body they signed for, the same for every person of the call (call again
 * for people who signed for another body); removing takes the people only.
 */
@InputType('AgreementSignatoriesInput', {
  description: 'The Agreement (id and version read) and the people who signed it.',
})
export class AgreementSignatoriesInput extends ChangeInput {
  @Field(() => [ID], { description: 'Global ids of the people who signed it; at least one, each once.' })
  @idList('Person', 1)
  personIds!: string[];

  @Field(() => SignatoryRole, {
    nullable: true,
    description: 'Adding only: the part they played; SIGNATORY when left out (WITNESS, ATTENDEE sign nothing).',
  })
  role?: SignatoryRole | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Adding only: the body they signed for, a Municipality (its government) or an Organization (its council, a committee, an embassy).',
  })
  @IsOptional()
  @IsGlobalId(['Municipality', 'Organization'])
  onBehalfOfId?: string | null;
}
