import {
  isISO31661Alpha2,
  registerDecorator,
  ValidationArguments,
  ValidationError,
  ValidationOptions,
} from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { CalendarKind } from '../common/dates';
import { hasVisibleCharacter } from '../common/text/input-text';
import { InvalidDateError, parsePartialDate } from '../common/dates/partial-date';
import { parseDateRange } from '../common/dates/date-range';
import { UserError, UserErrorCode } from '../common/errors';
import { fromGlobalId } from '../common/global-id';

/*
 * class-validator decorators for mutation inputs, and the mapping of their failures to
 * userErrors. type-graphql runs them (the `validate` setting of each mutation's `input`
 * argument, see MutationInput) before the resolver; MutationField's middleware turns the
 * resulting ArgumentValidationError into the payload's userErrors.
 */

function rule(
  name: string,
  options: ValidationOptions | undefined,
  message: (args: ValidationArguments) => string,
  validate: (value: unknown, args: ValidationArguments) => boolean,
  constraints: unknown[] = [],
): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      constraints,
      validator: { validate, defaultMessage: message },
    });
}

const isBlank = (value: unknown) => typeof value === 'string' && !hasVisibleCharacter(value);

/**
 * Text with something to read in it (not only spaces or zero-width marks) and at most `max`
 * characters (the code says which of the two failed).
 */
export const IsText = (max: number, options?: ValidationOptions) =>
  rule(
    'isText',
    options,
    ({ value }) => (isBlank(value) ? 'must not be blank' : `must be at most ${max} characters`),
    (value) => typeof value === 'string' && !isBlank(value) && value.length <= max,
    [max],
  );

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** A well-formed BCP 47 tag whose language ICU knows ("fa", "ru", "zh-Hant"; not "xx"). */
export function isLanguageTag(value: unknown): boolean {
  if (typeof value !== 'string' || !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value)) return false;
  try {
    return Intl.getCanonicalLocales(value).length === 1 && languageNames.of(value) !== undefined;
  } catch {
    return false;
  }
}

export const IsLanguageTag = (options?: ValidationOptions) =>
  rule(
    'isLanguageTag',
    options,
    ({ value }) => `"${value}" is not a known BCP 47 language tag (such as "en", "fa", "ru", "zh-Hant")`,
    isLanguageTag,
  );

/** An assigned ISO 3166-1 alpha-2 code, in capitals as stored ("IR"). */
export const IsCountryCode = (options?: ValidationOptions) =>
  rule(
    'isCountryCode',
    options,
    ({ value }) => `"${value}" is not an ISO 3166-1 alpha-2 country code in capitals (such as "IR", "RU")`,
    (value) => typeof value === 'string' && /^[A-Z]{2}$/.test(value) && isISO31661Alpha2(value),
  );

const withArticle = (word: string) => `${/^[AEIOU]/.test(word) ? 'an' : 'a'} ${word}`;

/**
 * A global id of a record of `type` (or of one of `types`; a function gives them when the
 * input is checked, for lists the write layer is handed later, such as every record type).
 * With `each`, a list's failures are reported one by one, each under its index
 * (userErrorsOf reads them): "partyIds.3: names a Person, not a Municipality".
 */
export const IsGlobalId = (types: string | string[] | (() => string[]), options?: ValidationOptions) => {
  const allowed = typeof types === 'function' ? types : () => (Array.isArray(types) ? types : [types]);
  const problem = (value: unknown): string | null => {
    const decoded = typeof value === 'string' ? fromGlobalId(value) : null;
    if (!decoded) return `"${String(value)}" is not an id this API made`;
    const expected = allowed();
    return expected.includes(decoded.type)
      ? null
      : `names ${withArticle(decoded.type)}, not ${withArticle(expected[0])}${expected
          .slice(1)
          .map((type) => ` or ${withArticle(type)}`)
          .join('')}`;
  };
  return rule(
    'isGlobalId',
    options,
    ({ value }) =>
      Array.isArray(value) ? eachProblem(value.map(problem)) : (problem(value) ?? 'is not an id this API made'),
    (value) => problem(value) === null,
    typeof types === 'function' ? [] : allowed(),
  );
};

/*
 * class-validator gives a rule checked on each item of a list one message for the whole
 * list; a rule that can say which items failed encodes them (index and message) in its message,
 * and userErrorsOf turns them into one userError per item, under the item's index.
 */
const EACH_PREFIX = 'each:';

function eachProblem(problems: Array<string | null>): string {
  return EACH_PREFIX + JSON.stringify(problems.flatMap((message, index) => (message ? [[index, message]] : [])));
}

function eachProblems(message: string): Array<[number, string]> | null {
  return message.startsWith(EACH_PREFIX)
    ? (JSON.parse(message.slice(EACH_PREFIX.length)) as Array<[number, string]>)
    : null;
}

type Dated = { calendar?: CalendarKind | null };

/** The first day of a date given, or null if it is none; `ranges`: an interval is a date too. */
function readDate(value: unknown, object: object, ranges = false): string | null {
  if (typeof value !== 'string') return null;
  const calendar = (object as Dated).calendar ?? CalendarKind.GREGORIAN;
  try {
    return ranges ? parseDateRange(value, calendar).earliest : parsePartialDate(value, calendar).date;
  } catch (error) {
    if (error instanceof InvalidDateError) return null;
    throw error;
  }
}

/** A date that exists in the input's `calendar` (2015-02-29 does not; a Persian year alone cannot be stored). */
export const IsPartialDate = (options?: ValidationOptions, ranges = false) =>
  rule(
    'isPartialDate',
    options,
    ({ value, object }) => {
      try {
        const calendar = (object as Dated).calendar ?? CalendarKind.GREGORIAN;
        if (ranges) parseDateRange(String(value), calendar);
        else parsePartialDate(String(value), calendar);
        return 'is not a date';
      } catch (error) {
        return (error as Error).message;
      }
    },
    (value, { object }) => readDate(value, object, ranges) !== null,
  );

/** The end of a range: its last day must not come before the first day of `startProperty`. */
export const NotBefore = (startProperty: string, options?: ValidationOptions) =>
  rule(
    'notBefore',
    options,
    () => `must not be before ${startProperty}`,
    (value, { object }) => {
      const calendar = (object as Dated).calendar ?? CalendarKind.GREGORIAN;
      const start = readDate((object as Record<string, unknown>)[startProperty], object, true);
      const end = readDate(value, object, true);
      // A bad date on either side is reported by IsPartialDate; only the order is judged here.
      if (start === null || end === null) return true;
      return parseDateRange(value as string, calendar).latest >= start;
    },
    [startProperty],
  );

/** Each entry's `lang` given once. */
export const UniqueLanguages = (options?: ValidationOptions) =>
  rule(
    'uniqueLanguages',
    options,
    () => 'gives the same language twice',
    (value) =>
      Array.isArray(value) && new Set(value.map((entry: { lang: string }) => entry.lang)).size === value.length,
  );

const codeOf: Record<string, UserErrorCode> = {
  isLanguageTag: UserErrorCode.UNKNOWN_LANGUAGE,
  isCountryCode: UserErrorCode.UNKNOWN_COUNTRY,
  isGlobalId: UserErrorCode.WRONG_TYPE,
  isPartialDate: UserErrorCode.INVALID_DATE,
  notBefore: UserErrorCode.DATES_OUT_OF_ORDER,
  arrayMinSize: UserErrorCode.TOO_FEW,
  arrayUnique: UserErrorCode.DUPLICATE,
  uniqueLanguages: UserErrorCode.DUPLICATE,
};

function codeFor(constraint: string, value: unknown): UserErrorCode {
  if (constraint === 'isText') return isBlank(value) ? UserErrorCode.BLANK : UserErrorCode.TOO_LONG;
  return codeOf[constraint] ?? UserErrorCode.INVALID;
}

/** class-validator's tree of failures as userErrors, one per failed rule, with the path from the argument. */
export function userErrorsOf(errors: ValidationError[], path: string[]): UserError[] {
  return errors.flatMap((error) => {
    const field = [...path, error.property];
    const own = Object.entries(error.constraints ?? {}).flatMap(([constraint, message]) => {
      const code = codeFor(constraint, error.value);
      const items = eachProblems(message);
      return items
        ? items.map(([index, problem]) => ({ field: [...field, String(index)], message: problem, code }))
        : [{ field, message, code }];
    });
    return [...own, ...userErrorsOf(error.children ?? [], field)];
  });
}

/** The userErrors of a failed argument validation, or null for any other error. */
export function validationUserErrors(error: unknown, argument: string): UserError[] | null {
  if (!(error instanceof ArgumentValidationError)) return null;
  return userErrorsOf(error.extensions.validationErrors as ValidationError[], [argument]);
}

/**
 * An input date that may be a range as its three stored columns (the earliest day in the
 * partial date's column, then its latest day and precision): undefined stays undefined, null clears.
 */
export function storedRange(value: string | null | undefined, calendar: CalendarKind | null | undefined) {
  if (value === undefined) return { date: undefined, latest: undefined, precision: undefined };
  if (value === null) return { date: null, latest: null, precision: null };
  const { earliest, latest, precision } = parseDateRange(value, calendar ?? CalendarKind.GREGORIAN);
  return { date: earliest, latest, precision };
}

/** An input date as its two stored columns: undefined stays undefined (not given), null clears. */
export function storedDate(value: string | null | undefined, calendar: CalendarKind | null | undefined) {
  if (value === undefined) return { date: undefined, precision: undefined };
  if (value === null) return { date: null, precision: null };
  const { date, precision } = parsePartialDate(value, calendar ?? CalendarKind.GREGORIAN);
  return { date, precision };
}
