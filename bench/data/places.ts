import { matchKey, slugFor } from '../../src/import/folding';
import { WeightedSampler } from '../lib/random';
import { COUNTRIES, Country } from './countries';
import { Governance, generateTerms, MayorTables } from './mayors';
import { Names, placeNames } from './names';
import { Register } from './register';
import { citation, citationRows, Row, TableRows, tableRows } from './rows';

export interface PlaceTables extends MayorTables {
  municipalities: TableRows;
}

const GOVERNANCE: readonly Governance[] = ['COUNCIL_ELECTED_MAYOR', 'DIRECTLY_ELECTED_MAYOR', 'APPOINTED_MAYOR', 'UNKNOWN'];
/** Positions in a municipality row (see the columns below). */
const IS_CAPITAL = 5;
const POPULATION = 6;
const GOVERNANCE_COLUMN = 10;

/**
 * `count` invented municipalities, a third of them with their mayors. Added to the register
 * as they are made; call register.rank() afterwards to draw them.
 */
export function generatePlaces(register: Register, count: number): PlaceTables {
  const tables: PlaceTables = {
    municipalities: tableRows('municipality', `id:uuid slug:text names:jsonb sort_name:text country_code:text is_capital:bool
      population:int8 population_year:int4 latitude:float8 longitude:float8 governance:text match_key:text`),
    persons: tableRows('person', 'id:uuid names:jsonb sort_name:text'),
    mayoralTerms: tableRows('mayoral_term', `id:uuid municipality_id:uuid person_id:uuid since:date since_precision:text
      until:date until_precision:text selection:text`),
    citations: citationRows(),
  };
  const countries = new WeightedSampler(COUNTRIES.map((country) => country.weight), register.random);
  for (let i = 0; i < count; i++) {
    const row = municipality(register, COUNTRIES[countries.draw()]);
    tables.municipalities.rows.push(row);
    const [id, slug, names, , countryCode, , population] = row as [string, string, Names, string, string, boolean, number];
    register.addPlace({ id, slug, countryCode, names, population });
    if (register.random.chance(1 / 3)) generateTerms(register, id, row[GOVERNANCE_COLUMN] as Governance, tables);
    if (register.random.chance(0.1) && register.sourceIds.length > 0) {
      tables.citations.rows.push(citation(register.uuid(), register.random.pick(register.sourceIds), 'municipality_id', id, null));
    }
  }
  markCapitals(register, tables.municipalities.rows);
  return tables;
}

function municipality(register: Register, country: Country): Row {
  const { random } = register;
  const names = uniqueNames(register, country.code);
  const offset = () => (random.next() * 2 - 1) * country.spread;
  const latitude = Math.max(-89, Math.min(89, country.latitude + offset()));
  const longitude = Math.max(-179.9, Math.min(179.9, country.longitude + offset()));
  // Town sizes follow Zipf's law: most are small, a few are metropolises.
  const population = random.powerLaw(5000, 20_000_000, 1);
  return [register.uuid(), slugFor(names.en, country.code), names, names.en, country.code, false, population,
    random.int(2010, 2024), round(latitude), round(longitude), random.pick(GOVERNANCE), matchKey(country.code, names.en)];
}

/** Names whose slug and match key no place in the register (real or invented) has yet. */
function uniqueNames(register: Register, countryCode: string): Names {
  for (;;) {
    const names = placeNames(register.random);
    const slug = slugFor(names.en, countryCode);
    const key = matchKey(countryCode, names.en);
    if (register.takenNames.has(slug) || register.takenNames.has(key)) continue;
    register.takenNames.add(slug);
    register.takenNames.add(key);
    return names;
  }
}

/** The most populous new town of each country that has no capital yet becomes its capital. */
function markCapitals(register: Register, rows: Row[]): void {
  const largest = new Map<string, Row>();
  for (const row of rows) {
    const code = row[4] as string;
    if (register.capitalCountries.has(code)) continue;
    const known = largest.get(code);
    if (!known || (row[POPULATION] as number) > (known[POPULATION] as number)) largest.set(code, row);
  }
  for (const [code, row] of largest) {
    row[IS_CAPITAL] = true;
    register.capitalCountries.add(code);
  }
}

function round(degrees: number): number {
  return Math.round(degrees * 10_000) / 10_000;
}
