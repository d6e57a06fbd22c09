import { ArgsType, Field, Int } from 'type-graphql';
import { dateBound } from '../../common/date-fields';
import { CalendarKind, PartialDateScalar } from '../../common/dates';
import { BadUserInputError } from '../../common/errors';

export const MAX_TIMELINE_ENTRIES = 500;

@ArgsType()
export class TimelineArgs {
  @Field(() => PartialDateScalar, {
    nullable: true,
    description: 'Entries from this date on (its first day, for a year or month).',
  })
  from?: string | null;

  @Field(() => PartialDateScalar, {
    nullable: true,
    description: 'Entries up to this date (its last day, for a year or month).',
  })
  to?: string | null;

  @Field(() => CalendarKind, { defaultValue: CalendarKind.GREGORIAN, description: 'Calendar of from and to.' })
  calendar!: CalendarKind;

  @Field(() => Int, {
    defaultValue: 100,
    description: `The first entries to return, from 1 to ${MAX_TIMELINE_ENTRIES}.`,
  })
  first!: number;
}

/** A timeline request as the service takes it: Gregorian days or null, and a checked count. */
export interface TimelineRange {
  from: string | null;
  to: string | null;
  first: number;
}

/** Reads the arguments; errors name the argument at fault. */
export function timelineRange(args: TimelineArgs): TimelineRange {
  const from = dateBound(args.from, args.calendar, 'start', 'from') ?? null;
  const to = dateBound(args.to, args.calendar, 'end', 'to') ?? null;
  if (from !== null && to !== null && from > to) {
    throw new BadUserInputError('to', `${args.to} is before from ${args.from}; the range runs backwards`);
  }
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_TIMELINE_ENTRIES) {
    throw new BadUserInputError('first', `give a number from 1 to ${MAX_TIMELINE_ENTRIES}`);
  }
  return { from, to, first: args.first };
}
