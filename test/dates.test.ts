import { GraphQLError, Kind, parseValue as parseGraphQLValue } from 'graphql';
import {
  InvalidDateError,
  PERSIAN_RANGE,
  PartialDateScalar,
  formatPartialDate,
  fromPersian,
  normalizeDigits,
  parseDateBound,
  parsePartialDate,
  partialDateEnd,
  toPersian,
} from '../src/common/dates';

/** The error `action` throws, checked to be a `type`; fails when it throws nothing. */
function thrownBy<T extends Error>(action: () => unknown, type: new (message: string) => T): T {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as T;
  }
  throw new Error(`expected a ${type.name}`);
}

const refusal = (action: () => unknown): string => thrownBy(action, InvalidDateError).message;

/** Every Gregorian day from 1900-01-01 to 2100-12-31, computed by Date rather than by the module. */
function* everyDayOfTwoCenturies(): Generator<{ gregorian: string; time: number }> {
  for (let time = Date.UTC(1900, 0, 1); time <= Date.UTC(2100, 11, 31); time += 24 * 60 * 60 * 1000) {
    yield { gregorian: new Date(time).toISOString().slice(0, 10), time };
  }
}

describe('Persian and Gregorian days', () => {
  it.each([
    [1403, 12, 30, '2025-03-20'],
    [1399, 12, 30, '2021-03-20'],
    [1394, 8, 27, '2015-11-18'],
    [1394, 8, 30, '2015-11-21'],
    [1394, 1, 1, '2015-03-21'],
  ])('%i-%i-%i is %s, both ways', (year, month, day, gregorian) => {
    expect(fromPersian(year, month, day)).toBe(gregorian);
    expect(toPersian(gregorian)).toEqual({ year, month, day });
  });

  it('reads Persian days given as text', () => {
    expect(parsePartialDate('1403-12-30', 'PERSIAN')).toEqual({ date: '2025-03-20', precision: 'DAY' });
    expect(parsePartialDate('1394-08-27', 'PERSIAN')).toEqual({ date: '2015-11-18', precision: 'DAY' });
  });

  it('round-trips every day from 1900-01-01 to 2100-12-31, one Persian day after another', () => {
    const mismatches: string[] = [];
    let previous = toPersian('1899-12-31');
    for (const { gregorian } of everyDayOfTwoCenturies()) {
      const persian = toPersian(gregorian);
      const text = formatPartialDate({ date: gregorian, precision: 'DAY' }, 'PERSIAN');
      const follows =
        (persian.year === previous.year && persian.month === previous.month && persian.day === previous.day + 1) ||
        (persian.day === 1 && persian.month === previous.month + 1 && persian.year === previous.year) ||
        (persian.day === 1 && persian.month === 1 && previous.month === 12 && persian.year === previous.year + 1);
      const back = fromPersian(persian.year, persian.month, persian.day);
      if (!follows || back !== gregorian || parsePartialDate(text, 'PERSIAN').date !== gregorian) {
        mismatches.push(`${gregorian} -> ${text} -> ${back}`);
      }
      previous = persian;
    }
    expect(mismatches).toEqual([]);
  });

  it('agrees with the ICU Persian calendar on every day from 1900-01-01 to 2100-12-31', () => {
    const icu = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    const disagreements: string[] = [];
    for (const { gregorian, time } of everyDayOfTwoCenturies()) {
      const parts = Object.fromEntries(icu.formatToParts(time).map((part) => [part.type, part.value]));
      const expected = { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
      const persian = toPersian(gregorian);
      if (persian.year !== expected.year || persian.month !== expected.month || persian.day !== expected.day) {
        disagreements.push(`${gregorian}: ${JSON.stringify(persian)} vs ICU ${JSON.stringify(expected)}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('states the supported range and refuses days outside it', () => {
    expect(PERSIAN_RANGE).toEqual({ start: '0622-03-22', end: '3799-03-19' });
    expect(refusal(() => toPersian('0622-03-21'))).toBe(
      '0622-03-21 cannot be written in the Persian calendar: supported days run from 0622-03-22 to 3799-03-19',
    );
    expect(refusal(() => fromPersian(3178, 1, 1))).toBe(
      'Persian year 3178 is out of the supported range (0001 to 3177)',
    );
    expect(refusal(() => fromPersian(0, 1, 1))).toBe('Persian year 0000 is out of the supported range (0001 to 3177)');
  });
});

describe('parsePartialDate', () => {
  it('reads Gregorian years, months and days as the first day of their period', () => {
    expect(parsePartialDate('2017')).toEqual({ date: '2017-01-01', precision: 'YEAR' });
    expect(parsePartialDate('2015-11')).toEqual({ date: '2015-11-01', precision: 'MONTH' });
    expect(parsePartialDate('2015-11-18', 'GREGORIAN')).toEqual({ date: '2015-11-18', precision: 'DAY' });
    expect(parsePartialDate('2024-02-29')).toEqual({ date: '2024-02-29', precision: 'DAY' });
    expect(parsePartialDate('2000-02-29')).toEqual({ date: '2000-02-29', precision: 'DAY' });
  });

  it('reads Persian and Arabic-Indic digits', () => {
    expect(normalizeDigits(' ۱۳۹۴-۰۸-۲۷ ')).toBe('1394-08-27');
    expect(normalizeDigits('١٣٩٤-٠٨-٢٧')).toBe('1394-08-27');
    expect(parsePartialDate('۱۳۹۴-۰۸-۲۷', 'PERSIAN')).toEqual({ date: '2015-11-18', precision: 'DAY' });
    expect(parsePartialDate('١٣٩٤-٠٨-٣٠', 'PERSIAN')).toEqual({ date: '2015-11-21', precision: 'DAY' });
    expect(parsePartialDate('۲۰۱۵-11')).toEqual({ date: '2015-11-01', precision: 'MONTH' });
  });

  it('refuses days that do not exist, saying why', () => {
    expect(refusal(() => parsePartialDate('1394-12-30', 'PERSIAN'))).toBe(
      '1394-12-30 does not exist in the Persian calendar (1394 is not a leap year)',
    );
    expect(refusal(() => parsePartialDate('2015-02-29'))).toBe('2015-02-29 does not exist (2015 is not a leap year)');
    expect(refusal(() => parsePartialDate('1900-02-29'))).toBe('1900-02-29 does not exist (1900 is not a leap year)');
    expect(refusal(() => parsePartialDate('2016-02-30'))).toBe(
      '2016-02-30 does not exist (month 02 has 29 days in 2016)',
    );
    expect(refusal(() => parsePartialDate('2015-04-31'))).toBe('2015-04-31 does not exist (month 04 has 30 days)');
    expect(refusal(() => parsePartialDate('1394-07-31', 'PERSIAN'))).toBe(
      '1394-07-31 does not exist in the Persian calendar (month 07 has 30 days)',
    );
    expect(refusal(() => parsePartialDate('1400-13-01', 'PERSIAN'))).toBe('month 13 is out of range (01 to 12)');
    expect(refusal(() => parsePartialDate('2015-00'))).toBe('month 00 is out of range (01 to 12)');
    expect(refusal(() => parsePartialDate('2015-11-32'))).toBe('day 32 is out of range (01 to 31)');
    expect(refusal(() => parsePartialDate('0000'))).toBe('year 0000 is out of the supported range (0001 to 9999)');
  });

  it('refuses text that is not a date', () => {
    expect(refusal(() => parsePartialDate('2015-1'))).toBe(
      '"2015-1" is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD',
    );
    expect(refusal(() => parsePartialDate('abc'))).toBe('"abc" is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD');
    expect(refusal(() => parsePartialDate('18/11/2015'))).toBe(
      '"18/11/2015" is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD',
    );
  });

  it('refuses Persian years and months, which cannot be stored', () => {
    const advice =
      'which cannot be stored: the register keeps years and months in the Gregorian calendar, and a ' +
      'Persian year or month straddles two Gregorian ones. Give the Persian day (YYYY-MM-DD) or a ' +
      'Gregorian year or month.';
    expect(refusal(() => parsePartialDate('1394', 'PERSIAN'))).toBe(`"1394" is a Persian year, ${advice}`);
    expect(refusal(() => parsePartialDate('۱۳۹۴-۰۸', 'PERSIAN'))).toBe(`"1394-08" is a Persian month, ${advice}`);
  });
});

describe('parseDateBound', () => {
  it.each([
    ['1394', 'PERSIAN', 'start', '2015-03-21'],
    ['1394', 'PERSIAN', 'end', '2016-03-19'],
    ['1395', 'PERSIAN', 'end', '2017-03-20'],
    ['1394-08', 'PERSIAN', 'start', '2015-10-23'],
    ['1394-08', 'PERSIAN', 'end', '2015-11-21'],
    ['1394-08-27', 'PERSIAN', 'end', '2015-11-18'],
    ['2015', 'GREGORIAN', 'start', '2015-01-01'],
    ['2015', 'GREGORIAN', 'end', '2015-12-31'],
    ['2015-11', 'GREGORIAN', 'end', '2015-11-30'],
    ['2016-02', 'GREGORIAN', 'end', '2016-02-29'],
    ['2015-11-18', 'GREGORIAN', 'start', '2015-11-18'],
  ] as const)('%s (%s) %s -> %s', (text, calendar, bound, expected) => {
    expect(parseDateBound(text, calendar, bound)).toBe(expected);
  });

  it('refuses days that do not exist', () => {
    expect(refusal(() => parseDateBound('1394-12-30', 'PERSIAN', 'end'))).toBe(
      '1394-12-30 does not exist in the Persian calendar (1394 is not a leap year)',
    );
  });
});

describe('partialDateEnd and formatPartialDate', () => {
  it('finds the last day of a stored period', () => {
    expect(partialDateEnd({ date: '2017-01-01', precision: 'YEAR' })).toBe('2017-12-31');
    expect(partialDateEnd({ date: '2015-11-01', precision: 'MONTH' })).toBe('2015-11-30');
    expect(partialDateEnd({ date: '2015-11-18', precision: 'DAY' })).toBe('2015-11-18');
  });

  it('writes Gregorian dates to their precision', () => {
    expect(formatPartialDate({ date: '2015-01-01', precision: 'YEAR' })).toBe('2015');
    expect(formatPartialDate({ date: '2015-11-01', precision: 'MONTH' }, 'GREGORIAN')).toBe('2015-11');
    expect(formatPartialDate({ date: '2015-11-18', precision: 'DAY' })).toBe('2015-11-18');
  });

  it('writes Persian days, and Gregorian years and months as the span of Persian days', () => {
    expect(formatPartialDate({ date: '2015-11-18', precision: 'DAY' }, 'PERSIAN')).toBe('1394-08-27');
    expect(formatPartialDate({ date: '2015-01-01', precision: 'YEAR' }, 'PERSIAN')).toBe('1393-10-11/1394-10-10');
    expect(formatPartialDate({ date: '2015-11-01', precision: 'MONTH' }, 'PERSIAN')).toBe('1394-08-10/1394-09-09');
  });

  it('refuses a stored date that is not a day', () => {
    expect(refusal(() => formatPartialDate({ date: '2015-11', precision: 'MONTH' }))).toBe(
      '"2015-11" is not a day: expected YYYY-MM-DD',
    );
  });
});

describe('PartialDateScalar', () => {
  const expected =
    'PartialDate must be a string of the form YYYY, YYYY-MM or YYYY-MM-DD (for example "2015", "2015-11" or ' +
    '"1394-08-27"); got ';

  it('reads literals and variables of every accepted form, with digits normalized', () => {
    expect(PartialDateScalar.parseLiteral(parseGraphQLValue('"2015"'))).toBe('2015');
    expect(PartialDateScalar.parseLiteral(parseGraphQLValue('"۱۳۹۴-۰۸-۲۷"'))).toBe('1394-08-27');
    expect(PartialDateScalar.parseValue('2015-11')).toBe('2015-11');
    expect(PartialDateScalar.parseValue(' ١٣٩٤-٠٨-٢٧ ')).toBe('1394-08-27');
    // Calendar validity is the resolver's: the scalar does not know the calendar.
    expect(PartialDateScalar.parseValue('1394-12-30')).toBe('1394-12-30');
  });

  it('refuses other values as bad user input', () => {
    for (const [value, shown] of [
      ['2015-1', '"2015-1"'],
      ['abc', '"abc"'],
      [2015, '2015'],
      [null, 'null'],
    ] as const) {
      const error = thrownBy(() => PartialDateScalar.parseValue(value), GraphQLError);
      expect(error.message).toBe(expected + shown);
      expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    }
    const literal = thrownBy(() => PartialDateScalar.parseLiteral({ kind: Kind.INT, value: '2015' }), GraphQLError);
    expect(literal.message).toBe('PartialDate must be a string of the form YYYY, YYYY-MM or YYYY-MM-DD');
    expect(literal.extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it('serializes formatted strings as they are and stored dates in the Gregorian calendar', () => {
    expect(PartialDateScalar.serialize('1393-10-11/1394-10-10')).toBe('1393-10-11/1394-10-10');
    expect(PartialDateScalar.serialize({ date: '2015-11-01', precision: 'MONTH' })).toBe('2015-11');
    expect(PartialDateScalar.serialize({ date: '2015-11-18', precision: 'DAY' })).toBe('2015-11-18');
    expect(thrownBy(() => PartialDateScalar.serialize(42), GraphQLError).message).toBe(
      'PartialDate cannot represent 42',
    );
  });
});
