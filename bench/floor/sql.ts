/**
 * SQL fragments the floor's statements share: the API's conventions (global ids, the
 * language fallback, partial dates) written once in SQL, so each statement returns the very
 * JSON the API sends.
 */

/** Text in `lang`, else English, else the first language by tag (as src/common/names.ts). */
export function pick(column: string, lang: string): string {
  const english = lang === 'en' ? '' : `${column}->>'en', `;
  return `COALESCE(${column}->>'${lang}', ${english}(SELECT value FROM jsonb_each_text(${column}) ORDER BY key COLLATE "C" LIMIT 1))`;
}

/** Every language of a multilingual column as [{ lang, value }], ordered by tag. */
export function texts(column: string): string {
  return `COALESCE((SELECT json_agg(json_build_object('lang', key, 'value', value) ORDER BY key COLLATE "C") FROM jsonb_each_text(${column})), '[]')`;
}

/** The global id of a record: base64url of "Type:uuid", without padding (src/common/global-id.ts). */
export function globalId(type: string, column: string): string {
  return `translate(rtrim(replace(encode(convert_to('${type}:' || ${column}, 'UTF8'), 'base64'), E'\\n', ''), '='), '+/', '-_')`;
}

/** A partial date in the Gregorian calendar: 2015, 2015-11 or 2015-11-18. */
export function gregorian(date: string, precision: string): string {
  return `CASE ${precision} WHEN 'YEAR' THEN to_char(${date}, 'YYYY') WHEN 'MONTH' THEN to_char(${date}, 'YYYY-MM') ELSE ${date}::text END`;
}

const PERSIAN_MARK = '~persian~';

/**
 * PostgreSQL has no Persian calendar: the statement marks the date and the floor converts
 * the marks in the JSON text it sends (see `persianDates`).
 */
export function persian(date: string, precision: string): string {
  return `CASE WHEN ${date} IS NULL THEN NULL ELSE '${PERSIAN_MARK}' || ${precision} || '~' || ${date}::text END`;
}

export const PERSIAN_PATTERN = /"~persian~(DAY|MONTH|YEAR)~(\d{4}-\d{2}-\d{2})"/g;

/** json_agg that gives [] rather than null for no rows. */
export function list(select: string): string {
  return `COALESCE((${select}), '[]')`;
}
