import { resolveCountry } from '../countries';
import { CsvRecord } from '../csv-file';
import { displayName, matchKey } from '../folding';

export const TWIN_CITY_COLUMNS = ['city1', 'country1', 'lat1', 'lng1', 'city2', 'country2', 'lat2', 'lng2'] as const;

/** A municipality as one row of the list names it. */
export interface PlaceSpec {
  key: string;
  name: string;
  countryCode: string;
  region: string | null;
  latitude: number | null;
  longitude: number | null;
  /** For a district "Sokolniki (Moscow)": the key of the city it is part of. */
  parentKey: string | null;
  parentName: string | null;
}

export type ParsedPair = { line: number; sides: [PlaceSpec, PlaceSpec] } | { line: number; rejected: string };

/** "Sokolniki (Moscow)" -> "Moscow"; null for names without a trailing bracket. */
export function bracketQualifier(name: string): string | null {
  const match = /\(([^()]+)\)\s*$/.exec(name);
  return match && match.index > 0 ? match[1].trim() : null;
}

/**
 * The keys of every bracket qualifier in a row, taken as a city of the same country
 * ("District 12 (Tehran)" -> "IR:tehran"). Only those that turn out to be cities become parents.
 */
export function qualifierKeys(record: CsvRecord): string[] {
  const keys: string[] = [];
  for (const side of ['1', '2']) {
    const qualifier = bracketQualifier(record.fields[`city${side}`]);
    const country = resolveCountry(record.fields[`country${side}`]);
    if (qualifier && country) keys.push(matchKey(country.code, qualifier));
  }
  return keys;
}

/** The keys of both cities of a row, where their countries are known. */
export function cityKeys(record: CsvRecord): string[] {
  const keys: string[] = [];
  for (const side of ['1', '2']) {
    const country = resolveCountry(record.fields[`country${side}`]);
    const name = record.fields[`city${side}`].trim();
    if (country && name) keys.push(matchKey(country.code, name));
  }
  return keys;
}

function coordinate(text: string, limit: number): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && Math.abs(value) <= limit ? value : null;
}

function side(record: CsvRecord, n: '1' | '2', parents: ReadonlySet<string>): PlaceSpec | string {
  const rawName = record.fields[`city${n}`];
  const label = record.fields[`country${n}`].trim();
  if (rawName.trim() === '') return `empty city name (city${n})`;
  if (label === '') return `empty country for "${rawName.trim()}" (country${n})`;
  const country = resolveCountry(label);
  if (!country) return `unknown country label "${label}" (country${n})`;
  const name = displayName(rawName, country.code);
  const qualifier = bracketQualifier(name);
  const parentKey = qualifier ? matchKey(country.code, qualifier) : null;
  const isDistrict = parentKey !== null && parents.has(parentKey);
  const latitude = coordinate(record.fields[`lat${n}`], 90);
  const longitude = coordinate(record.fields[`lng${n}`], 180);
  const located = latitude !== null && longitude !== null;
  return {
    key: matchKey(country.code, name),
    name,
    countryCode: country.code,
    region: country.region,
    latitude: located ? latitude : null,
    longitude: located ? longitude : null,
    parentKey: isDistrict ? parentKey : null,
    parentName: isDistrict ? qualifier : null,
  };
}

/** A row as two municipalities, or the reason it is rejected. */
export function parsePair(record: CsvRecord, parents: ReadonlySet<string>): ParsedPair {
  const { line } = record;
  if (record.fieldCount !== TWIN_CITY_COLUMNS.length) {
    return {
      line,
      rejected: `unparseable: ${record.fieldCount} fields where ${TWIN_CITY_COLUMNS.length} were expected`,
    };
  }
  const first = side(record, '1', parents);
  if (typeof first === 'string') return { line, rejected: first };
  const second = side(record, '2', parents);
  if (typeof second === 'string') return { line, rejected: second };
  if (first.key === second.key) {
    return { line, rejected: `self-pair: "${first.name}" (${first.countryCode}) twinned with itself` };
  }
  return { line, sides: [first, second] };
}
