import { ArrayMaxSize, ArrayUnique, IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { CalendarKind } from '../../common/dates';
import { CalendarField, InputBase, PartialDateField } from '../../write/date-input-fields';
import { ChangeInput, CreateInput } from '../../write/payloads';
import { IsGlobalId, IsText } from '../../write/validation';
import { VisitStatus } from './visit.entity';

const ids = (type: string) => [ArrayMaxSize(100), ArrayUnique(), IsGlobalId(type, { each: true })];
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((decorate) => decorate(target, key));

/**
 * The days of a visit: the same fields to record and to update, described for each. A recorded
 * visit must have its first day (`startsOnRequired`); an update may leave it out.
 */
function VisitDates<Base extends InputBase>(
  Base: Base,
  describe: { startsOn: string; endsOn: string; startsOnRequired?: boolean },
) {
  @InputType()
  abstract class VisitDatesInput extends Base {
    @PartialDateField(describe.startsOn, { required: describe.startsOnRequired, range: true })
    startsOn?: string | null;

    @PartialDateField(describe.endsOn, { notBefore: 'startsOn', range: true })
    endsOn?: string | null;

    @CalendarField('startsOn and endsOn')
    calendar!: CalendarKind;
  }
  return VisitDatesInput;
}

@InputType('RecordVisitInput', {
  description: "A delegation's stay in a host municipality, with what it is linked to.",
})
export class RecordVisitInput extends VisitDates(CreateInput, {
  startsOn: 'First day (or the month or year, if that is all that is known).',
  endsOn: 'Last day; on or after startsOn.',
  startsOnRequired: true,
}) {
  @Field(() => ID, { description: 'The delegation that made the visit.' })
  @IsGlobalId('Delegation')
  delegationId!: string;

  @Field(() => ID, { description: 'The municipality it visited.' })
  @IsGlobalId('Municipality')
  hostMunicipalityId!: string;

  @Field({
    defaultValue: false,
    description: 'True when the stay fell somewhere within the dates, its own days unknown.',
  })
  datesAreBounds!: boolean;

  @Field(() => VisitStatus, { description: 'Where the visit stands.' })
  status!: VisitStatus;

  @Field(() => String, { nullable: true, description: 'Purpose and topics, in the words of the sources.' })
  @IsOptional()
  @IsText(4000)
  purpose?: string | null;

  @Field(() => [ID], { defaultValue: [], description: 'People the delegation met.' })
  @apply(ids('Person'))
  counterpartIds!: string[];

  @Field(() => [ID], { defaultValue: [], description: 'Cooperation areas discussed.' })
  @apply(ids('CooperationArea'))
  areaIds!: string[];

  @Field(() => [ID], { defaultValue: [], description: 'Sources that report the visit.' })
  @apply(ids('Source'))
  sourceIds!: string[];

  @Field(() => [ID], {
    defaultValue: [],
    description: 'Agreements signed during the visit (their signedOnVisit becomes this visit).',
  })
  @apply(ids('Agreement'))
  signedAgreementIds!: string[];
}

@InputType('UpdateVisitInput', {
  description: 'New values for a visit; fields left out stay as they are, null clears.',
})
export class UpdateVisitInput extends VisitDates(ChangeInput, {
  startsOn: 'First day.',
  endsOn: 'Last day (null: not known); on or after startsOn.',
}) {
  @Field(() => ID, { nullable: true, description: 'The municipality it visited.' })
  @IsOptional()
  @IsGlobalId('Municipality')
  hostMunicipalityId?: string;

  @Field(() => Boolean, { nullable: true, description: 'True when the stay fell somewhere within the dates.' })
  datesAreBounds?: boolean;

  @Field(() => VisitStatus, { nullable: true, description: 'Where the visit stands.' })
  status?: VisitStatus;

  @Field(() => String, { nullable: true, description: 'Purpose and topics (null clears).' })
  @IsOptional()
  @IsText(4000)
  purpose?: string | null;
}
