import { registerEnumType } from 'type-graphql';

/*
 * The TypeScript names end in "Kind" so they do not clash with the plain `Calendar` and
 * `DatePrecision` types of partial-date.ts, which carry the same values without GraphQL.
 */

export enum CalendarKind {
  GREGORIAN = 'GREGORIAN',
  PERSIAN = 'PERSIAN',
}

registerEnumType(CalendarKind, {
  name: 'Calendar',
  description:
    'The calendar a date is read or given in. Dates are stored as Gregorian days; the ' +
    'calendar only changes how they are written.',
  valuesConfig: {
    GREGORIAN: {
      description: 'The Gregorian calendar, written as in ISO 8601: 2015, 2015-11 or 2015-11-18.',
    },
    PERSIAN: {
      description:
        'The Solar Hijri (Persian) calendar: 1394-08-27 is 2015-11-18. Only whole days can be ' +
        'given in it. A Gregorian year or month is read as the span of Persian days it covers, ' +
        'in ISO 8601 interval notation: 2015-11 is 1394-08-10/1394-09-09.',
    },
  },
});

export enum DatePrecisionKind {
  YEAR = 'YEAR',
  MONTH = 'MONTH',
  DAY = 'DAY',
}

registerEnumType(DatePrecisionKind, {
  name: 'DatePrecision',
  description:
    'How much of a date the sources give. A stored date holds the first day of its period; ' +
    'the precision says whether it stands for that year, that month or that day.',
  valuesConfig: {
    YEAR: { description: 'Only the year is known (2017).' },
    MONTH: { description: 'The year and month are known (2015-11).' },
    DAY: { description: 'The exact day is known (2015-11-18).' },
  },
});
