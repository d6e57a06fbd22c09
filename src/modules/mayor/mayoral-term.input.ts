import { ArrayMaxSize, ArrayUnique } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { CalendarKind, PartialDateScalar } from '../../common/dates';
import { ChangeInput, CreateInput } from '../../write/payloads';
import { IsGlobalId, IsPartialDate } from '../../write/validation';
import { MayorSelection } from './mayoral-term.entity';

@InputType('StartMayoralTermInput', {
  description: "A person's term as mayor of a municipality, from a date on (open until ended).",
})
export class StartMayoralTermInput extends CreateInput {
  @Field(() => ID, { description: 'The municipality.' })
  @IsGlobalId('Municipality')
  municipalityId!: string;

  @Field(() => ID, { description: 'The mayor.' })
  @IsGlobalId('Person')
  personId!: string;

  @Field(() => PartialDateScalar, { description: 'First day in office (or its month or year).' })
  @IsPartialDate()
  since!: string;

  @Field(() => CalendarKind, { defaultValue: CalendarKind.GREGORIAN, description: 'Calendar of `since`.' })
  calendar!: CalendarKind;

  @Field(() => MayorSelection, { defaultValue: MayorSelection.UNKNOWN, description: 'How the mayor came to office.' })
  selection!: MayorSelection;

  @Field(() => [ID], { defaultValue: [], description: 'Sources that report the term.' })
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsGlobalId('Source', { each: true })
  sourceIds!: string[];
}

@InputType('EndMayoralTermInput', { description: 'The last day of a term in office.' })
export class EndMayoralTermInput extends ChangeInput {
  @Field(() => PartialDateScalar, {
    description: 'Last day in office (or its month or year); not before the term began.',
  })
  @IsPartialDate()
  until!: string;

  @Field(() => CalendarKind, { defaultValue: CalendarKind.GREGORIAN, description: 'Calendar of `until`.' })
  calendar!: CalendarKind;
}
