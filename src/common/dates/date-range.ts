/**
 * Dates as reports give them: "late February 2018", "the week of 18 November". A date a report
 * gives is stored as its earliest and latest Gregorian days plus a precision: YEAR, MONTH and
 * DAY as before (a month is its first to its last day), or RANGE for any other span, written
 * in ISO 8601 interval notation ("2018-02-20/2018-02-28") in either calendar.
 */
import {
  Calendar,
  DatePrecision,
  formatPartialDate,
  InvalidDateError,
  normalizeDigits,
  parseDateBound,
  parsePartialDate,
  partialDateEnd,
} from './partial-date';

export type RangePrecision = DatePrecision | 'RANGE';

export interface DateRange {
  earliest: string;
  latest: string;
  precision: RangePrecision;
}

/** What the interval form looks like, for messages. */
export const DATE_RANGE_FORMAT = 'EARLIEST/LATEST (each YYYY, YYYY-MM or YYYY-MM-DD)';

/**
 * Reads a partial date, or an interval of two: from the first day of the first to the last
 * day of the second, in `calendar`. An interval that is exactly one Gregorian day, month or
 * year is stored as that ("2015-11-01/2015-11-30" is 2015-11), so each span has one form.
 */
export function parseDateRange(text: string, calendar: Calendar = 'GREGORIAN'): DateRange {
  const parts = normalizeDigits(text).split('/');
  if (parts.length === 1) {
    const { date, precision } = parsePartialDate(parts[0], calendar);
    return { earliest: date, latest: partialDateEnd({ date, precision }), precision };
  }
  if (parts.length !== 2) throw new InvalidDateError(`"${text}" is not a date range: expected ${DATE_RANGE_FORMAT}`);
  const earliest = parseDateBound(parts[0], calendar, 'start');
  const latest = parseDateBound(parts[1], calendar, 'end');
  if (latest < earliest) {
    throw new InvalidDateError(`"${text}" runs backwards: its latest day ${latest} is before its earliest ${earliest}`);
  }
  return { earliest, latest, precision: wholePeriodOf(earliest, latest) ?? 'RANGE' };
}

/** The one Gregorian day, month or year from `earliest` to `latest`, if the span is one. */
function wholePeriodOf(earliest: string, latest: string): DatePrecision | null {
  if (earliest === latest) return 'DAY';
  if (earliest.endsWith('-01') && partialDateEnd({ date: earliest, precision: 'MONTH' }) === latest) return 'MONTH';
  if (earliest.endsWith('-01-01') && partialDateEnd({ date: earliest, precision: 'YEAR' }) === latest) return 'YEAR';
  return null;
}

/** Writes a stored date in `calendar`: a day, month or year as before, a RANGE as its two days. */
export function formatDateRange(range: DateRange, calendar: Calendar = 'GREGORIAN'): string {
  if (range.precision !== 'RANGE')
    return formatPartialDate({ date: range.earliest, precision: range.precision }, calendar);
  const day = (date: string) => formatPartialDate({ date, precision: 'DAY' }, calendar);
  return `${day(range.earliest)}/${day(range.latest)}`;
}

/**
 * The smallest Gregorian period holding the range, for a record that keeps a partial date
 * only (a status change dated by the signing): its month or year, or null across years.
 */
export function enclosingPeriod(range: DateRange): { date: string | null; precision: DatePrecision | null } {
  if (range.precision !== 'RANGE') return { date: range.earliest, precision: range.precision };
  if (range.earliest.slice(0, 7) === range.latest.slice(0, 7))
    return { date: `${range.earliest.slice(0, 7)}-01`, precision: 'MONTH' };
  if (range.earliest.slice(0, 4) === range.latest.slice(0, 4))
    return { date: `${range.earliest.slice(0, 4)}-01-01`, precision: 'YEAR' };
  return { date: null, precision: null };
}
