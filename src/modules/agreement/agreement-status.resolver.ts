import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { dateBound } from '../../common/date-fields';
import { CalendarKind, PartialDateScalar, partialDateEnd } from '../../common/dates';
import { Context } from '../../context';
import { Agreement } from './agreement.entity';
import { AgreementStatus } from './agreement.enums';
import { statusFromRow } from './agreement-status.rule';
import { statusHistoryOf, statusOn } from './agreement.loaders';
import { StatusChange } from './status-change.entity';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The status as of `day`: from the row when its latest entry is in effect, else by the SQL rule. */
async function statusAsOf(agreement: Agreement, day: string, context: Context): Promise<AgreementStatus> {
  const fromRow = statusFromRow(agreement, day);
  if (fromRow !== undefined) return fromRow;
  const [row] = await statusOn(context).load(`${agreement.id}|${day}`);
  return row?.status ?? agreement.status;
}

/** The Gregorian day `on` names (the first day of a year or month), or today (UTC) without one. */
function dayOf(on: string | undefined | null, calendar: CalendarKind): string {
  return dateBound(on, calendar, 'start', 'on') ?? new Date().toISOString().slice(0, 10);
}

/** Whether a recorded entry is in effect on `day`: dated on or before it, or undated. */
const inEffect = (change: StatusChange, day: string) => change.changedOnDate === null || change.changedOnDate <= day;

/** The entry a lapsed fixed term adds to the history: EXPIRED on the first day after the term. */
function lapse(agreement: Agreement): StatusChange {
  const end = partialDateEnd({ date: agreement.validUntilDate!, precision: agreement.validUntilPrecision! });
  return Object.assign(new StatusChange(), {
    agreementId: agreement.id,
    status: AgreementStatus.EXPIRED,
    changedOnDate: new Date(Date.parse(end) + DAY_MS).toISOString().slice(0, 10),
    changedOnPrecision: 'DAY',
    note: 'the fixed term ended',
    recorded: false,
  });
}

const ON_DESCRIPTION =
  'The day to read it as of, in the calendar given (a year or month stands for its first day); default today (UTC).';
const CALENDAR_DESCRIPTION = 'Calendar of `on`.';

@Resolver(() => Agreement)
export class AgreementStatusResolver {
  @FieldResolver(() => AgreementStatus, {
    description:
      'Status as of a day, following the dates: the latest recorded entry of `statusHistory` in effect that day ' +
      '(dated on or before it, or undated); PROPOSED before any entry or, if SIGNED or IN_FORCE, before `signedOn`; ' +
      'EXPIRED once a SIGNED or IN_FORCE agreement is past its fixed term (`validUntil` to the last day of its ' +
      'month or year), unless that entry is dated after the term ended. The `statuses` filter and the stats by ' +
      'status read it as of today.',
  })
  async status(
    @Root() agreement: Agreement,
    @Ctx() context: Context,
    @Arg('on', () => PartialDateScalar, { nullable: true, description: ON_DESCRIPTION }) on?: string,
    @Arg('calendar', () => CalendarKind, { defaultValue: CalendarKind.GREGORIAN, description: CALENDAR_DESCRIPTION })
    calendar: CalendarKind = CalendarKind.GREGORIAN,
  ): Promise<AgreementStatus> {
    return statusAsOf(agreement, dayOf(on, calendar), context);
  }

  @FieldResolver(() => [StatusChange], {
    description:
      'Every status it has had, in the order recorded; with `on`, only the entries in effect by then. When its ' +
      'fixed term has ended by that day (default today) and `status` reads EXPIRED for it, a computed entry ' +
      '(`recorded: false`) follows: EXPIRED on the day after `validUntil` ends, noted "the fixed term ended". ' +
      'With `on`, the last entry is `status` as of that day.',
  })
  async statusHistory(
    @Root() agreement: Agreement,
    @Ctx() context: Context,
    @Arg('on', () => PartialDateScalar, { nullable: true, description: ON_DESCRIPTION }) on?: string,
    @Arg('calendar', () => CalendarKind, { defaultValue: CalendarKind.GREGORIAN, description: CALENDAR_DESCRIPTION })
    calendar: CalendarKind = CalendarKind.GREGORIAN,
  ): Promise<StatusChange[]> {
    const day = dayOf(on, calendar);
    // Both answer in the same read wave (the status mostly from the row, with no statement).
    const [recorded, status] = await Promise.all([
      statusHistoryOf(context).load(agreement.id),
      statusAsOf(agreement, day, context),
    ]);
    const shown = on === undefined || on === null ? recorded : recorded.filter((change) => inEffect(change, day));
    const current = recorded.filter((change) => inEffect(change, day)).at(-1);
    const lapsed = status === AgreementStatus.EXPIRED && current?.status !== AgreementStatus.EXPIRED;
    return lapsed ? [...shown, lapse(agreement)] : shown;
  }
}
