import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CalendarArgs } from '../../common/arguments';
import { showDate } from '../../common/date-fields';
import { PartialDateScalar } from '../../common/dates';
import { Context } from '../../context';
import { Agreement, Partner } from '../agreement';
import { Activity, activityOf, DORMANT_SINCE_DESCRIPTION, dormantDay, PAIR_ACTIVITY } from './activity.type';
import { agreementActivityOf } from './dormancy.loaders';

@Resolver(() => Activity)
export class ActivityResolver {
  @FieldResolver(() => PartialDateScalar, { description: 'When, at the precision known.' })
  on(@Root() activity: Activity, @Args() { calendar }: CalendarArgs): string {
    return showDate(activity.onDate, activity.onPrecision, calendar)!;
  }
}

const AGREEMENT_ACTIVITY =
  'Its latest dated activity: its signing, a dated status change, the visit it was signed on, or the publication ' +
  'of a source citing it (the latest day each can have been on decides); null when none is dated.';

@Resolver(() => Agreement)
export class AgreementActivityResolver {
  @FieldResolver(() => Activity, { nullable: true, description: AGREEMENT_ACTIVITY })
  async lastActivity(@Root() agreement: Agreement, @Ctx() context: Context): Promise<Activity | null> {
    const [row] = await agreementActivityOf(context).load(agreement.id);
    return row ? activityOf(row.last_on, row.last_on_precision, row.last_kind) : null;
  }

  @FieldResolver(() => PartialDateScalar, { nullable: true, description: DORMANT_SINCE_DESCRIPTION })
  async dormantSince(
    @Root() agreement: Agreement,
    @Ctx() context: Context,
    @Args() { calendar }: CalendarArgs,
  ): Promise<string | null> {
    const [row] = await agreementActivityOf(context).load(agreement.id);
    return showDate(dormantDay(row?.dormant_since), 'DAY', calendar);
  }
}

@Resolver(() => Partner)
export class PartnerActivityResolver {
  @FieldResolver(() => Activity, { nullable: true, description: PAIR_ACTIVITY })
  lastActivity(@Root() partner: Partner): Activity | null {
    const row = partner.activity;
    return row ? activityOf(row._last_on, row._last_on_precision, row._last_kind) : null;
  }

  @FieldResolver(() => PartialDateScalar, { nullable: true, description: DORMANT_SINCE_DESCRIPTION })
  dormantSince(@Root() partner: Partner, @Args() { calendar }: CalendarArgs): string | null {
    return showDate(dormantDay(partner.activity?._dormant_since), 'DAY', calendar);
  }
}
