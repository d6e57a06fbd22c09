import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import {
  PARTIAL_DATE_FORMAT,
  PARTIAL_DATE_PATTERN,
  PartialDate,
  formatPartialDate,
  normalizeDigits,
} from './partial-date';

/**
 * The scalar checks only the shape of a date. Which calendar the digits are in is a field
 * argument the scalar never sees, so resolvers interpret the string with parsePartialDate
 * (which also refuses days such as 2015-02-29) and format outgoing values themselves.
 */
export const PartialDateScalar = new GraphQLScalarType<string, string>({
  name: 'PartialDate',
  description:
    `A date known to the year, the month or the day: ${PARTIAL_DATE_FORMAT}; where a field says so, ` +
    'also a span a report gives, as an ISO 8601 interval EARLIEST/LATEST ("2018-02-20/2018-02-28": late ' +
    'February 2018). Persian (۱۳۹۴) ' +
    'and Arabic-Indic (١٣٩٤) digits are accepted. The calendar it is written in is given by ' +
    "the field's `calendar` argument (Gregorian unless stated).",
  serialize: serializePartialDate,
  parseValue: readPartialDateText,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw badPartialDate(`PartialDate must be a string of the form ${PARTIAL_DATE_FORMAT}`);
    }
    return readPartialDateText(ast.value);
  },
});

function serializePartialDate(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isPartialDate(value)) return formatPartialDate(value);
  throw new GraphQLError(`PartialDate cannot represent ${JSON.stringify(value)}`);
}

function readPartialDateText(value: unknown): string {
  const text = typeof value === 'string' ? normalizeDigits(value) : undefined;
  const parts = text?.split('/') ?? [];
  if (text === undefined || parts.length > 2 || !parts.every((part) => PARTIAL_DATE_PATTERN.test(part))) {
    throw badPartialDate(
      `PartialDate must be a string of the form ${PARTIAL_DATE_FORMAT} ` +
        `(for example "2015", "2015-11" or "1394-08-27"); got ${JSON.stringify(value)}`,
    );
  }
  return text;
}

function isPartialDate(value: unknown): value is PartialDate {
  if (typeof value !== 'object' || value === null) return false;
  const { date, precision } = value as Record<string, unknown>;
  return typeof date === 'string' && ['YEAR', 'MONTH', 'DAY'].includes(precision as string);
}

function badPartialDate(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}
