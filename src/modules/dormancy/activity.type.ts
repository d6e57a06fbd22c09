import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DatePrecision } from '../../common/dates';

/** Kinds of dated activity; the values migration ActivityTables stores. */
export enum ActivityKind {
  AGREEMENT_SIGNED = 'AGREEMENT_SIGNED',
  STATUS_CHANGE = 'STATUS_CHANGE',
  VISIT = 'VISIT',
  REPORT = 'REPORT',
}

registerEnumType(ActivityKind, {
  name: 'ActivityKind',
  description: 'What a dated activity of an agreement or of a pair of partners was.',
  valuesConfig: {
    AGREEMENT_SIGNED: { description: 'An agreement was signed (for a pair: a new agreement between them).' },
    STATUS_CHANGE: { description: "A dated entry of an agreement's status history (in force, suspended...)." },
    VISIT: {
      description:
        'A visit that took place or is planned (not cancelled or postponed), dated by its last day: the visit an ' +
        'agreement was signed on, or for a pair a visit between them, either way, a delegation of a body (a city ' +
        "council) counting for the body's city.",
    },
    REPORT: {
      description: 'The publication of a source citing the agreement (for a pair: it or a visit between them).',
    },
  },
});

@ObjectType('Activity', {
  simpleResolvers: true,
  description:
    'A dated activity: the latest of an agreement or of a pair of partners is their `lastActivity` (README, "Dormancy").',
})
export class Activity {
  onDate!: string;
  onPrecision!: DatePrecision;

  @Field(() => ActivityKind, { description: 'What it was.' })
  kind!: ActivityKind;
}

/** The activity of stored columns, or null when none is dated. */
export function activityOf(date: string | null, precision: DatePrecision | null, kind: string | null): Activity | null {
  if (date === null || precision === null || kind === null) return null;
  return Object.assign(new Activity(), { onDate: date, onPrecision: precision, kind: kind as ActivityKind });
}

/** A stored dormant_since as a day, or null for '-infinity' (no dated activity: dormant since any day). */
export function dormantDay(stored: string | null | undefined): string | null {
  return stored === null || stored === undefined || stored === '-infinity' ? null : stored;
}

export const DORMANT_SINCE_DESCRIPTION =
  'The first day of the quiet: the day after the latest day its last activity can have been on (a report of ' +
  '"2015-11" counts until 30 November, so 2015-12-01). Dormant since a day means `dormantSince` is on or before ' +
  'it. Null when no dated activity is recorded: dormant since any day.';

export const PAIR_ACTIVITY =
  'The latest dated activity between the two: any activity of an agreement between them, a visit between them ' +
  "(either way, a delegation of one's body counting for its city), or a report citing such a visit; null when none is dated.";
