import { ArrayMaxSize, ArrayUnique, IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { CalendarKind, PartialDateScalar } from '../../common/dates';
import { ChangeInput, CreateInput } from '../../common/mutation-types';
import { IsGlobalId, IsPartialDate, IsText, NotBefore } from '../../common/mutation-validation';
import { VisitStatus } from './visit.entity';

const ids = (type: string) => [ArrayMaxSize(100), ArrayUnique(), IsGlobalId(type, { each: true })];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((decorate) => decorate(target, key));

@InputType('RecordVisitInput', { description: "A delegation's stay in a host municipality, with what it is linked to." })
export class RecordVisitInput extends CreateInput {
  @Field(() => ID, { description: 'The delegation that made the visit.' })
  @IsGlobalId('Delegation')
  delegationId!: string;

  @Field(() => ID, { description: 'The municipality it visited.' })
  @IsGlobalId('Municipality')
  hostMunicipalityId!: string;

  @Field(() => PartialDateScalar, { description: 'First day (or the month or year, if that is all that is known).' })
  @IsPartialDate()
  startsOn!: string;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Last day; on or after startsOn.' })
  @IsOptional()
  @IsPartialDate()
  @NotBefore('startsOn')
  endsOn?: string | null;

  @Field(() => CalendarKind, { defaultValue: CalendarKind.GREGORIAN, description: 'Calendar of startsOn and endsOn.' })
  calendar!: CalendarKind;

  @Field({ defaultValue: false, description: 'True when the stay fell somewhere within the dates, its own days unknown.' })
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

  @Field(() => [ID], { defaultValue: [], description: 'Agreements signed during the visit (their signedOnVisit becomes this visit).' })
  @apply(ids('Agreement'))
  signedAgreementIds!: string[];
}

@InputType('UpdateVisitInput', { description: 'New values for a visit; fields left out stay as they are, null clears.' })
export class UpdateVisitInput extends ChangeInput {
  @Field(() => ID, { nullable: true, description: 'The municipality it visited.' })
  @IsOptional()
  @IsGlobalId('Municipality')
  hostMunicipalityId?: string;

  @Field(() => PartialDateScalar, { nullable: true, description: 'First day.' })
  @IsOptional()
  @IsPartialDate()
  startsOn?: string;

  @Field(() => PartialDateScalar, { nullable: true, description: 'Last day (null: not known); on or after startsOn.' })
  @IsOptional()
  @IsPartialDate()
  @NotBefore('startsOn')
  endsOn?: string | null;

  @Field(() => CalendarKind, { defaultValue: CalendarKind.GREGORIAN, description: 'Calendar of startsOn and endsOn.' })
  calendar!: CalendarKind;

  @Field(() => Boolean, { nullable: true, description: 'True when the stay fell somewhere within the dates.' })
  datesAreBounds?: boolean;

  @Field(() => VisitStatus, { nullable: true, description: 'Where the visit stands.' })
  status?: VisitStatus;

  @Field(() => String, { nullable: true, description: 'Purpose and topics (null clears).' })
  @IsOptional()
  @IsText(4000)
  purpose?: string | null;
}
