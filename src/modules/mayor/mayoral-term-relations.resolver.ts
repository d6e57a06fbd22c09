import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CalendarArgs } from '../../common/arguments';
import { dateBound } from '../../common/date-fields';
import { CalendarKind, PartialDateScalar } from '../../common/dates';
import { Context } from '../../context';
import { Municipality } from '../municipality';
import { Person } from '../person';
import { MayoralTerm } from './mayoral-term.entity';
import { mayoralTermOn, mayoralTermsOf, mayoralTermsOfPerson } from './mayoral-term.loaders';

/*
 * The other ends of the mayoral terms: a municipality's mayors and a person's terms as mayor.
 */

@Resolver(() => Municipality)
export class MunicipalityMayorsResolver {
  @FieldResolver(() => [MayoralTerm], { description: 'Every mayor on record, earliest first.' })
  mayors(@Root() municipality: Municipality, @Ctx() context: Context): Promise<MayoralTerm[]> {
    return mayoralTermsOf(context).load(municipality.id);
  }

  @FieldResolver(() => MayoralTerm, {
    nullable: true,
    description: 'The mayor in office today, if the record says who.',
  })
  async currentMayor(@Root() municipality: Municipality, @Ctx() context: Context): Promise<MayoralTerm | null> {
    const today = new Date().toISOString().slice(0, 10);
    return (await mayoralTermOn(context).load(`${municipality.id}|${today}`))[0] ?? null;
  }

  @FieldResolver(() => MayoralTerm, {
    nullable: true,
    description: 'The mayor in office on a day. A year or month stands for its first day.',
  })
  async mayorOn(
    @Root() municipality: Municipality,
    @Ctx() context: Context,
    @Arg('date', () => PartialDateScalar, { description: 'The day, in the calendar given.' }) date: string,
    @Args() { calendar }: CalendarArgs,
  ): Promise<MayoralTerm | null> {
    const day = dateBound(date, calendar ?? CalendarKind.GREGORIAN, 'start', 'date')!;
    return (await mayoralTermOn(context).load(`${municipality.id}|${day}`))[0] ?? null;
  }
}

@Resolver(() => Person)
export class PersonMayoralTermsResolver {
  @FieldResolver(() => [MayoralTerm], { description: 'Terms as mayor, earliest first.' })
  mayoralTerms(@Root() person: Person, @Ctx() context: Context): Promise<MayoralTerm[]> {
    return mayoralTermsOfPerson(context).load(person.id);
  }
}
