import {
  Calendar,
  DatePrecision,
  formatDateRange,
  formatPartialDate,
  InvalidDateError,
  parseDateBound,
  RangePrecision,
} from './dates';
import { BadUserInputError } from './errors';

/** A stored partial date (two columns) as the API shows it in the asked calendar. */
export function showDate(date: string | null, precision: DatePrecision | null, calendar: Calendar): string | null {
  if (date === null || precision === null) return null;
  return formatPartialDate({ date, precision }, calendar);
}

/** A stored date that may be a span (three columns) as the API shows it in the asked calendar. */
export function showDateRange(
  earliest: string | null,
  latest: string | null,
  precision: RangePrecision | null,
  calendar: Calendar,
): string | null {
  if (earliest === null || latest === null || precision === null) return null;
  return formatDateRange({ earliest, latest, precision }, calendar);
}

/**
 * A date filter bound in the asked calendar, as a Gregorian day: the start of the period for
 * `from`, its end for `to`. Errors name the argument.
 */
export function dateBound(
  text: string | undefined | null,
  calendar: Calendar,
  bound: 'start' | 'end',
  field: string,
): string | undefined {
  if (text === undefined || text === null) return undefined;
  try {
    return parseDateBound(text, calendar, bound);
  } catch (error) {
    if (error instanceof InvalidDateError) {
      throw new BadUserInputError(field, error.message);
    }
    throw error;
  }
}
