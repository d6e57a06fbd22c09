import { resolveCountry } from '../countries';
import { CsvRecord } from '../csv-file';
import { foldName, matchKey } from '../folding';

/** One row of a city table, in the form the staging table holds. */
export interface CityRow {
  line: number;
  key: string;
  region: string | null;
  regionKey: string | null;
  latitude: number | null;
  longitude: number | null;
  population: number | null;
  geonamesId: number | null;
  isNationalCapital: boolean;
}

export type ParsedCity = CityRow | { line: number; rejected: string };

export interface CityTable {
  kind: 'simplemaps' | 'geonames';
  columns: readonly string[];
  parse(record: CsvRecord): ParsedCity;
}

function number(text: string): number | null {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  return Number.isFinite(value) ? value : null;
}

function fieldCountProblem(record: CsvRecord, header: number): string | null {
  return record.fieldCount < header
    ? `unparseable: ${record.fieldCount} fields, fewer than the header's ${header}`
    : null;
}

/** simplemaps' own codes where they differ from ISO's: it files the West Bank as XW. */
const SIMPLEMAPS_CODES: Readonly<Record<string, string>> = { XW: 'PS' };

export const SIMPLEMAPS: CityTable = {
  kind: 'simplemaps',
  columns: ['city', 'city_ascii', 'lat', 'lng', 'country', 'iso2', 'admin_name', 'capital', 'population', 'id'],
  parse(record) {
    const { line, fields } = record;
    const problem = fieldCountProblem(record, 11);
    if (problem) return { line, rejected: problem };
    const code = SIMPLEMAPS_CODES[fields.iso2.trim()] ?? fields.iso2.trim();
    if (!/^[A-Z]{2}$/.test(code)) return { line, rejected: `not an ISO country code: "${fields.iso2}" (iso2)` };
    if (fields.city.trim() === '') return { line, rejected: 'empty city name (city)' };
    const latitude = number(fields.lat);
    const longitude = number(fields.lng);
    if (latitude === null || longitude === null || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
      return { line, rejected: `unparseable coordinates "${fields.lat}", "${fields.lng}" (lat, lng)` };
    }
    const population = number(fields.population);
    const region = fields.admin_name.trim() || null;
    return {
      line,
      key: matchKey(code, fields.city),
      region,
      regionKey: region && foldName(region),
      latitude,
      longitude,
      population: population !== null && population >= 0 ? Math.round(population) : null,
      geonamesId: null,
      isNationalCapital: fields.capital.trim() === 'primary',
    };
  },
};

export const GEONAMES: CityTable = {
  kind: 'geonames',
  columns: ['name', 'country', 'subcountry', 'geonameid'],
  parse(record) {
    const { line, fields } = record;
    const problem = fieldCountProblem(record, 4);
    if (problem) return { line, rejected: problem };
    if (fields.country.trim() === '') return { line, rejected: 'empty country (country)' };
    const country = resolveCountry(fields.country);
    if (!country) return { line, rejected: `unknown country "${fields.country}" (country)` };
    if (fields.name.trim() === '') return { line, rejected: 'empty city name (name)' };
    const id = number(fields.geonameid);
    if (id === null || !Number.isInteger(id) || id <= 0)
      return { line, rejected: `not a GeoNames id: "${fields.geonameid}" (geonameid)` };
    const region = fields.subcountry.trim() || null;
    return {
      line,
      key: matchKey(country.code, fields.name),
      region,
      regionKey: region && foldName(region),
      latitude: null,
      longitude: null,
      population: null,
      geonamesId: id,
      isNationalCapital: false,
    };
  },
};
