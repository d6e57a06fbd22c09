import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { CalendarArgs } from '../../common/arguments';
import { PageArgs } from '../../common/connection';
import { showDateRange } from '../../common/date-fields';
import { PartialDateScalar } from '../../common/dates';
import { fetchPage } from '../../database/pagination';
import { Context } from '../../context';
import { Agreement } from '../agreement';
import { CooperationArea } from '../cooperation-area';
import { Delegation, delegationById } from '../delegation';
import { MayoralTerm, mayoralTermOn } from '../mayor';
import { Municipality, municipalityById } from '../municipality';
import { Person } from '../person';
import { Source, sourcesOf } from '../source';
import { VisitConnection } from './visit.connection';
import { Visit } from './visit.entity';
import { VisitFilter, visitList, VisitOrder } from './visit.filter';
import { agreementsSignedDuring, areasOfVisit, counterpartsOf } from './visit.loaders';

@Resolver(() => Visit)
export class VisitResolver {
  @Query(() => VisitConnection, {
    description: 'Visits, filtered and ordered (default: latest first), a page at a time.',
  })
  async visits(
    @Ctx() context: Context,
    @Args() page: PageArgs,
    @Arg('filter', () => VisitFilter, { nullable: true, description: 'Which visits.' }) filter?: VisitFilter,
    @Arg('orderBy', () => VisitOrder, { nullable: true, description: 'Order; default latest first day first.' })
    orderBy?: VisitOrder,
  ): Promise<VisitConnection> {
    return new VisitConnection(await fetchPage(context.loaders.reader, Visit, visitList(filter, orderBy), page));
  }

  @FieldResolver(() => PartialDateScalar, {
    description:
      'First day of the visit (or its year, month, or the span of days a report gives as EARLIEST/LATEST), in the asked calendar.',
  })
  startsOn(@Root() visit: Visit, @Args() { calendar }: CalendarArgs): string {
    return showDateRange(visit.startsOnDate, visit.startsOnLatest, visit.startsOnPrecision, calendar)!;
  }

  @FieldResolver(() => PartialDateScalar, {
    nullable: true,
    description: 'Last day of the visit (or its year, month, or a span EARLIEST/LATEST); null when not known.',
  })
  endsOn(@Root() visit: Visit, @Args() { calendar }: CalendarArgs): string | null {
    return showDateRange(visit.endsOnDate, visit.endsOnLatest, visit.endsOnPrecision, calendar);
  }

  @FieldResolver(() => Municipality, { description: 'The municipality visited.' })
  async host(@Root() visit: Visit, @Ctx() context: Context): Promise<Municipality> {
    return (await municipalityById(context).load(visit.hostMunicipalityId))!;
  }

  @FieldResolver(() => Delegation, { description: 'The delegation that made the visit.' })
  async delegation(@Root() visit: Visit, @Ctx() context: Context): Promise<Delegation> {
    return (await delegationById(context).load(visit.delegationId))!;
  }

  @FieldResolver(() => [Person], { description: 'The people the delegation met, by name.' })
  counterparts(@Root() visit: Visit, @Ctx() context: Context): Promise<Person[]> {
    return counterpartsOf(context).load(visit.id);
  }

  @FieldResolver(() => [CooperationArea], { description: 'The cooperation areas discussed, by slug.' })
  areas(@Root() visit: Visit, @Ctx() context: Context): Promise<CooperationArea[]> {
    return areasOfVisit(context).load(visit.id);
  }

  @FieldResolver(() => [Agreement], { description: 'Agreements signed during the visit, earliest first.' })
  agreementsSigned(@Root() visit: Visit, @Ctx() context: Context): Promise<Agreement[]> {
    return agreementsSignedDuring(context).load(visit.id);
  }

  @FieldResolver(() => MayoralTerm, {
    nullable: true,
    description:
      "The host city's mayor on the visit's first day (a year or month stands for its first day); null when the record does not say.",
  })
  async hostMayor(@Root() visit: Visit, @Ctx() context: Context): Promise<MayoralTerm | null> {
    return (await mayoralTermOn(context).load(`${visit.hostMunicipalityId}|${visit.startsOnDate}`))[0] ?? null;
  }

  @FieldResolver(() => [Source], {
    description: 'The evidence: sources that report this visit, by publisher then title.',
  })
  sources(@Root() visit: Visit, @Ctx() context: Context): Promise<Source[]> {
    return sourcesOf(context, 'Visit').load(visit.id);
  }
}
