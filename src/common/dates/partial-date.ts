/**
 * Partial dates: a Gregorian ISO day plus how much of it is known, read and given in the
 * Gregorian or the Solar Hijri (Persian) calendar.
 *
 * The stored day is the first day of its period ('2017' YEAR is 2017-01-01), so SQL can sort
 * and compare stored dates as plain `date`s while the precision keeps what the source said.
 */
import { MAX_JALAALI_YEAR, isLeapJalaaliYear, jalaaliMonthLength, toGregorian, toJalaali } from 'jalaali-js';

export type DatePrecision = 'YEAR' | 'MONTH' | 'DAY';
export type Calendar = 'GREGORIAN' | 'PERSIAN';

export interface PartialDate {
  date: string;
  precision: DatePrecision;
}

export interface PersianDay {
  year: number;
  month: number;
  day: number;
}

/** Bad date input; the message is shown to users, so it says exactly what is wrong. */
export class InvalidDateError extends Error {
  override readonly name = 'InvalidDateError';
}

/** The text forms a partial date is given in, once its digits are ASCII. */
export const PARTIAL_DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
export const PARTIAL_DATE_FORMAT = 'YYYY, YYYY-MM or YYYY-MM-DD';

/**
 * Persian years the conversions support. jalaali-js is exact for years -61 to 3177 and throws
 * outside them; the four-digit text form and the Hijri era itself start at year 1.
 */
export const FIRST_PERSIAN_YEAR = 1;
export const LAST_PERSIAN_YEAR = MAX_JALAALI_YEAR;

/** A date as written, before it is placed in a calendar: month and day may be missing. */
interface DateParts {
  year: number;
  month?: number;
  day?: number;
}

/**
 * Persian sources mix ۱۳۹۴, ١٣٩٤ and 1394; all mean the same number. Both digit blocks start
 * at a multiple of 16 (U+06F0, U+0660), so a digit's value is its code point modulo 16.
 */
export function normalizeDigits(text: string): string {
  return text.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) % 16)).trim();
}

/** Reads 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' in `calendar` as a storable Gregorian partial date. */
export function parsePartialDate(text: string, calendar: Calendar = 'GREGORIAN'): PartialDate {
  const parts = readValidParts(text, calendar);
  const precision = precisionOf(parts);
  if (calendar === 'PERSIAN' && precision !== 'DAY') {
    throw new InvalidDateError(
      `"${formatParts(parts)}" is a Persian ${precision.toLowerCase()}, which cannot be stored: ` +
        'the register keeps years and months in the Gregorian calendar, and a Persian year or ' +
        'month straddles two Gregorian ones. Give the Persian day (YYYY-MM-DD) or a Gregorian ' +
        'year or month.',
    );
  }
  return { date: periodOf(parts, calendar).start, precision };
}

/** First ('start') or last ('end') Gregorian day of the period `text` names in `calendar`. */
export function parseDateBound(text: string, calendar: Calendar, bound: 'start' | 'end'): string {
  return periodOf(readValidParts(text, calendar), calendar)[bound];
}

/** Last Gregorian day of the period a partial date stands for ('2015-11' MONTH -> 2015-11-30). */
export function partialDateEnd(partialDate: PartialDate): string {
  return periodOf(storedParts(partialDate), 'GREGORIAN').end;
}

/**
 * Writes a partial date in `calendar`. A Persian day is 'YYYY-MM-DD'. A Gregorian year or month
 * never coincides with one Persian year or month (the Persian year starts near 21 March), so
 * rather than round it to a Persian period that would claim a different span, it is written as
 * the exact span of Persian days it covers, in ISO 8601 interval notation: '2015' YEAR ->
 * '1393-10-11/1394-10-10'. Clients that need the Gregorian form ask for it.
 */
export function formatPartialDate(partialDate: PartialDate, calendar: Calendar = 'GREGORIAN'): string {
  const parts = storedParts(partialDate);
  if (calendar === 'GREGORIAN') return formatParts(parts);
  const period = periodOf(parts, 'GREGORIAN');
  const start = formatParts(toPersian(period.start));
  return partialDate.precision === 'DAY' ? start : `${start}/${formatParts(toPersian(period.end))}`;
}

/** Gregorian ISO day of a Persian day; throws InvalidDateError for a day that does not exist. */
export function fromPersian(year: number, month: number, day: number): string {
  if (![year, month, day].every(Number.isInteger)) {
    throw new InvalidDateError('a Persian day needs whole numbers for its year, month and day');
  }
  checkParts({ year, month, day }, 'PERSIAN');
  const { gy, gm, gd } = toGregorian(year, month, day);
  return formatParts({ year: gy, month: gm, day: gd });
}

/** The first and last Gregorian days the supported Persian years cover. */
export const PERSIAN_RANGE = {
  start: fromPersian(FIRST_PERSIAN_YEAR, 1, 1),
  end: fromPersian(LAST_PERSIAN_YEAR, 12, jalaaliMonthLength(LAST_PERSIAN_YEAR, 12)),
};

/** Persian day of a Gregorian ISO day ('2015-11-18' -> 1394-08-27). */
export function toPersian(isoDay: string): PersianDay {
  const { year, month, day } = readGregorianDay(isoDay);
  const gregorian = formatParts({ year, month, day });
  if (gregorian < PERSIAN_RANGE.start || gregorian > PERSIAN_RANGE.end) {
    throw new InvalidDateError(
      `${gregorian} cannot be written in the Persian calendar: supported days run from ` +
        `${PERSIAN_RANGE.start} to ${PERSIAN_RANGE.end}`,
    );
  }
  const { jy, jm, jd } = toJalaali(year, month, day);
  return { year: jy, month: jm, day: jd };
}

function readValidParts(text: string, calendar: Calendar): DateParts {
  const match = PARTIAL_DATE_PATTERN.exec(normalizeDigits(text));
  if (!match) throw new InvalidDateError(`"${text}" is not a date: expected ${PARTIAL_DATE_FORMAT}`);
  const [, year, month, day] = match;
  const parts = { year: Number(year), month: month ? Number(month) : undefined, day: day ? Number(day) : undefined };
  checkParts(parts, calendar);
  return parts;
}

function readGregorianDay(isoDay: string): Required<DateParts> {
  const { year, month, day } = readValidParts(isoDay, 'GREGORIAN');
  if (month === undefined || day === undefined) {
    throw new InvalidDateError(`"${isoDay}" is not a day: expected YYYY-MM-DD`);
  }
  return { year, month, day };
}

/** The parts of a stored date that its precision says are known. */
function storedParts({ date, precision }: PartialDate): DateParts {
  const { year, month, day } = readGregorianDay(date);
  if (precision === 'YEAR') return { year };
  return precision === 'MONTH' ? { year, month } : { year, month, day };
}

function checkParts({ year, month, day }: DateParts, calendar: Calendar): void {
  checkYear(year, calendar);
  if (month === undefined) return;
  if (month < 1 || month > 12) throw new InvalidDateError(`month ${pad(month, 2)} is out of range (01 to 12)`);
  if (day === undefined) return;
  if (day < 1 || day > 31) throw new InvalidDateError(`day ${pad(day, 2)} is out of range (01 to 31)`);
  if (day <= monthLength(year, month, calendar)) return;
  const where = calendar === 'PERSIAN' ? ' in the Persian calendar' : '';
  const reason = missingDayReason(year, month, day, calendar);
  throw new InvalidDateError(`${formatParts({ year, month, day })} does not exist${where} (${reason})`);
}

/** Why a day of 01-31 is missing: its month is short, or only a leap year would have it. */
function missingDayReason(year: number, month: number, day: number, calendar: Calendar): string {
  const length = monthLength(year, month, calendar);
  const leapMonth = calendar === 'PERSIAN' ? 12 : 2;
  if (month !== leapMonth) return `month ${pad(month, 2)} has ${length} days`;
  const leapYear = calendar === 'PERSIAN' ? isLeapJalaaliYear(year) : isLeapGregorianYear(year);
  if (!leapYear && day === length + 1) return `${pad(year, 4)} is not a leap year`;
  return `month ${pad(month, 2)} has ${length} days in ${pad(year, 4)}`;
}

function checkYear(year: number, calendar: Calendar): void {
  const [first, last] = calendar === 'PERSIAN' ? [FIRST_PERSIAN_YEAR, LAST_PERSIAN_YEAR] : [1, 9999];
  if (year >= first && year <= last) return;
  const which = calendar === 'PERSIAN' ? 'Persian year' : 'year';
  throw new InvalidDateError(`${which} ${pad(year, 4)} is out of the supported range (${pad(first, 4)} to ${last})`);
}

function precisionOf({ month, day }: DateParts): DatePrecision {
  if (day !== undefined) return 'DAY';
  return month === undefined ? 'YEAR' : 'MONTH';
}

/** First and last Gregorian days of the period the parts name in `calendar`. */
function periodOf({ year, month, day }: DateParts, calendar: Calendar): { start: string; end: string } {
  const lastMonth = month ?? 12;
  const dayIn = (m: number, d: number): string =>
    calendar === 'PERSIAN' ? fromPersian(year, m, d) : formatParts({ year, month: m, day: d });
  return {
    start: dayIn(month ?? 1, day ?? 1),
    end: dayIn(lastMonth, day ?? monthLength(year, lastMonth, calendar)),
  };
}

function monthLength(year: number, month: number, calendar: Calendar): number {
  if (calendar === 'PERSIAN') return jalaaliMonthLength(year, month);
  if (month === 2) return isLeapGregorianYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapGregorianYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function formatParts({ year, month, day }: DateParts): string {
  const yearText = pad(year, 4);
  if (month === undefined) return yearText;
  const monthText = `${yearText}-${pad(month, 2)}`;
  return day === undefined ? monthText : `${monthText}-${pad(day, 2)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
