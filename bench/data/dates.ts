/**
 * Calendar arithmetic on ISO day strings, in UTC so the time zone of the machine never moves
 * a generated date. Everything is relative to the register's fixed "today", never the clock.
 */
export type Precision = 'YEAR' | 'MONTH' | 'DAY';

const DAY_MS = 86_400_000;

export function dayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return isoDay(dayNumber(iso) + days);
}

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

/** The first day of the period a partial date of this precision stands for, as stored. */
export function periodStart(iso: string, precision: Precision): string {
  if (precision === 'YEAR') return `${iso.slice(0, 4)}-01-01`;
  if (precision === 'MONTH') return `${iso.slice(0, 7)}-01`;
  return iso;
}

/** The last day of that period: what the schema's partial_date_end computes. */
export function periodEnd(iso: string, precision: Precision): string {
  const start = periodStart(iso, precision);
  if (precision === 'DAY') return start;
  const year = yearOf(start);
  if (precision === 'YEAR') return `${year}-12-31`;
  const month = Number(start.slice(5, 7));
  return isoDay(Date.UTC(year, month, 1) / DAY_MS - 1);
}
