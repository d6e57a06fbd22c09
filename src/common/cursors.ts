import { BadUserInputError } from './errors';

/**
 * Cursors are validated, not signed. A position in a list is no secret (a client could ask
 * for the same rows with a filter), so what a cursor must never do is reach SQL as something
 * other than a position: an impossible date, 1e308, an object, a 700 KB string. Validating
 * each part against the list's declared sort type rules that out without a key that every
 * server process would have to share and rotate, and cursors stay good across restarts.
 */

/** The SQL type of a list's sort key: how its values are written in cursors and compared. */
export type SortType = 'text' | 'date' | 'integer' | 'bigint' | 'timestamp';

/** Longest cursor read at all, and made: the bound every `after` and `before` argument has. */
// Cursors this API makes are far shorter; anything longer is not one of them.
export const MAX_CURSOR_LENGTH = 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?Z$/;
const INTEGER = /^-?(0|[1-9]\d{0,18})$/;

function isCalendarDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const length = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= length;
}

function isInstant(text: string): boolean {
  const match = INSTANT.exec(text);
  return !!match && isCalendarDay(match[1]) && Number(match[2]) < 24 && Number(match[3]) < 60 && Number(match[4]) < 60;
}

function isIntegerWithin(text: string, bits: 32 | 64): boolean {
  if (!INTEGER.test(text)) return false;
  const limit = 2n ** BigInt(bits - 1);
  const value = BigInt(text);
  return value >= -limit && value < limit;
}

interface SortTypeRule {
  /** The sort key as the text a cursor carries: exact, and the same on every server. */
  asText(key: string): string;
  /** The cast that turns that text back into a value comparable with the key (and its index). */
  cast: string;
  accepts(value: string): boolean;
}

const plainText = (key: string) => `(${key})::text`;

// Dates and integers print exactly as text (the application reads dates with DateStyle ISO
// everywhere); instants are written in UTC to the microsecond, whatever the session's zone.
const RULES: Record<SortType, SortTypeRule> = {
  // Bounded by the cursor's length; PostgreSQL text cannot hold NUL, so that is refused here.
  text: { asText: plainText, cast: 'text', accepts: (value) => !value.includes('\u0000') },
  date: {
    asText: plainText,
    cast: 'date',
    accepts: (value) => value === 'infinity' || value === '-infinity' || isCalendarDay(value),
  },
  integer: { asText: plainText, cast: 'int', accepts: (value) => isIntegerWithin(value, 32) },
  bigint: { asText: plainText, cast: 'bigint', accepts: (value) => isIntegerWithin(value, 64) },
  timestamp: {
    asText: (key) => `to_char((${key}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    cast: 'timestamptz',
    accepts: isInstant,
  },
};

/** The SQL that selects a sort key as a cursor's text. */
export function sortKeyAsText(key: string, type: SortType): string {
  return RULES[type].asText(key);
}

/** The cast (`date`, `bigint`...) a cursor's sort value is compared under. */
export function sortCast(type: SortType): string {
  return RULES[type].cast;
}

/**
 * A position in a list: the row's sort key as text, and its id. The sort key is null when it
 * was text too long for a cursor (a title of hundreds of Persian letters): the row's id then
 * stands for it, and the page after it reads the key from the row itself (a row deleted in
 * between leaves that page empty).
 */
export type Position = [sort: string | null, id: string];

const encode = (parts: unknown[]) => Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');

export function encodeCursor(kind: string, [sort, id]: Position): string {
  const cursor = encode([kind, sort, id]);
  return cursor.length <= MAX_CURSOR_LENGTH ? cursor : encode([kind, null, id]);
}

function parse(cursor: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The position a cursor of list `kind` holds; `field` (after, before) names it in errors.
 * Refused unless it is exactly [kind, sort, id] with a canonical UUID and a sort value of
 * the list's type and range (or null for text, see Position).
 */
export function decodeCursor(kind: string, type: SortType, cursor: string, field: string): Position {
  if (cursor.length > MAX_CURSOR_LENGTH) throw new BadUserInputError(field, 'invalid cursor');
  const decoded = parse(cursor);
  if (decoded === undefined) throw new BadUserInputError(field, 'is not a cursor this API made');
  if (!Array.isArray(decoded) || decoded.length !== 3) throw new BadUserInputError(field, 'invalid cursor');
  const [cursorKind, sort, id] = decoded as unknown[];
  if (typeof cursorKind !== 'string' || cursorKind.length > 100) throw new BadUserInputError(field, 'invalid cursor');
  if (cursorKind !== kind) {
    throw new BadUserInputError(field, `is a cursor of another list or ordering (${cursorKind}), not of ${kind}`);
  }
  if (typeof id !== 'string' || !UUID.test(id)) throw new BadUserInputError(field, 'invalid cursor');
  if (sort === null && type === 'text') return [null, id];
  if (typeof sort !== 'string' || !RULES[type].accepts(sort)) throw new BadUserInputError(field, 'invalid cursor');
  return [sort, id];
}
