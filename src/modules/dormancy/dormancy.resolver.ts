import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { CalendarArgs } from '../../common/arguments';
import { dateBound, showDate } from '../../common/date-fields';
import { PartialDateScalar } from '../../common/dates';
import { OrderDirection } from '../../common/order-direction';
import { SqlParams } from '../../common/sql';
import { Context } from '../../context';
import { fetchPage, ListQuery } from '../../database/pagination';
import { Agreement } from '../agreement';
import { Municipality, municipalityById } from '../municipality';
import { Activity, activityOf, DORMANT_SINCE_DESCRIPTION, dormantDay, PAIR_ACTIVITY } from './activity.type';
import { DormantArgs } from './dormancy.arguments';
import { agreementsOfPair, pairKey } from './dormancy.loaders';
import { PartnershipConnection } from './partnership.connection';
import { Partnership } from './partnership.entity';

/** Pairs dormant since `day`, by their last activity: a range of the index on (dormant_since, pair_id). */
function dormantList(day: string, direction: OrderDirection): ListQuery {
  const params = new SqlParams();
  return {
    kind: `Partnership:LAST_ACTIVITY:${direction}`,
    select: 'p.*',
    from: 'partner_activity p',
    where: [`p.dormant_since <= ${params.add(day)}::date`],
    params,
    sortKey: 'p.dormant_since',
    sortType: 'date',
    tieBreaker: 'p.pair_id',
    direction,
  };
}

@Resolver(() => Partnership)
export class DormancyResolver {
  @Query(() => PartnershipConnection, {
    description:
      'Ties gone quiet: pairs of partner municipalities with no dated activity on or after `since` (README, ' +
      '"Dormancy"), the longest quiet first. Their count is `totalCount`; for agreements, the `dormantSince` ' +
      'filter of `agreements` and `agreementStats`.',
  })
  async dormant(@Ctx() context: Context, @Args() args: DormantArgs): Promise<PartnershipConnection> {
    const day = dateBound(args.since, args.calendar, 'start', 'since')!;
    const query = dormantList(day, args.orderBy?.direction ?? OrderDirection.ASC);
    return new PartnershipConnection(await fetchPage(context.loaders.reader, Partnership, query, args));
  }

  @FieldResolver(() => [Municipality], { description: 'The two municipalities, by name, then slug.' })
  async municipalities(@Root() pair: Partnership, @Ctx() context: Context): Promise<Municipality[]> {
    const both = await municipalityById(context).loadMany([pair.lowId, pair.highId]);
    const order = (one: Municipality) => [one.sortName, one.slug];
    return (both as Municipality[]).sort((one, other) => (order(one) < order(other) ? -1 : 1));
  }

  @FieldResolver(() => [Agreement], {
    description: 'The agreements both are parties to, earliest signed first (undated first).',
  })
  agreements(@Root() pair: Partnership, @Ctx() context: Context): Promise<Agreement[]> {
    return agreementsOfPair(context).load(pairKey(pair.lowId, pair.highId));
  }

  @FieldResolver(() => Activity, { nullable: true, description: PAIR_ACTIVITY })
  lastActivity(@Root() pair: Partnership): Activity | null {
    return activityOf(pair.lastOnDate, pair.lastOnPrecision, pair.lastKind);
  }

  @FieldResolver(() => PartialDateScalar, { nullable: true, description: DORMANT_SINCE_DESCRIPTION })
  dormantSince(@Root() pair: Partnership, @Args() { calendar }: CalendarArgs): string | null {
    return showDate(dormantDay(pair.dormantSinceDate), 'DAY', calendar);
  }
}
