import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CalendarArgs } from '../../common/arguments';
import { showDate } from '../../common/date-fields';
import { PartialDateScalar } from '../../common/dates';
import { Context } from '../../context';
import { Municipality, municipalityById } from '../municipality';
import { Person, personById } from '../person';
import { Source, sourcesOf } from '../source';
import { MayoralTerm } from './mayoral-term.entity';

@Resolver(() => MayoralTerm)
export class MayoralTermResolver {
  @FieldResolver(() => Person, { description: 'The mayor.' })
  async person(@Root() term: MayoralTerm, @Ctx() context: Context): Promise<Person> {
    return (await personById(context).load(term.personId))!;
  }

  @FieldResolver(() => Municipality, { description: 'The municipality governed.' })
  async municipality(@Root() term: MayoralTerm, @Ctx() context: Context): Promise<Municipality> {
    return (await municipalityById(context).load(term.municipalityId))!;
  }

  @FieldResolver(() => PartialDateScalar, { description: 'First day (or year, month) in office.' })
  since(@Root() term: MayoralTerm, @Args() { calendar }: CalendarArgs): string | null {
    return showDate(term.since, term.sincePrecision, calendar);
  }

  @FieldResolver(() => PartialDateScalar, {
    nullable: true,
    description: 'Last day (or year, month) in office; null while in office.',
  })
  until(@Root() term: MayoralTerm, @Args() { calendar }: CalendarArgs): string | null {
    return showDate(term.until, term.untilPrecision, calendar);
  }

  @FieldResolver(() => [Source], { description: 'The evidence for this term, by publisher then title.' })
  sources(@Root() term: MayoralTerm, @Ctx() context: Context): Promise<Source[]> {
    return sourcesOf(context, 'MayoralTerm').load(term.id);
  }
}
