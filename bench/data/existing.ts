import { PoolClient } from 'pg';
import { matchKey } from '../../src/import/folding';
import { Random } from '../lib/random';
import { Area, Register } from './register';

export interface Counts {
  municipalities: number;
  agreements: number;
  visits: number;
}

type Texts = Record<string, string>;

/**
 * A register holding what the database has already (the seed, imported twin towns): areas,
 * sources, places (partners for new agreements), capitals, sister-city pacts and the names
 * new towns must not take. Read in a fixed order (by slug or id) so the same database gives
 * the same draws.
 */
export async function loadRegister(client: PoolClient, random: Random, today: string): Promise<{ register: Register; counts: Counts }> {
  const areas: Area[] = (await client.query('SELECT id, slug FROM cooperation_area ORDER BY slug')).rows;
  if (areas.length === 0) throw new Error('no cooperation areas: run the seed before generating benchmark data');
  const register = new Register(random, areas, today);
  for (const row of (await client.query('SELECT id FROM source ORDER BY id')).rows) register.sourceIds.push(row.id);
  const places = await client.query(
    'SELECT id, slug, country_code, names, sort_name, population, is_capital, match_key FROM municipality ORDER BY slug');
  for (const row of places.rows) {
    const names = row.names as Texts;
    const en = names.en ?? row.sort_name;
    register.addPlace({
      id: row.id, slug: row.slug, countryCode: row.country_code, population: row.population === null ? null : Number(row.population),
      names: { en, fa: names.fa ?? en, ru: names.ru ?? en },
    });
    register.takenNames.add(row.slug);
    register.takenNames.add(row.match_key ?? matchKey(row.country_code, en));
    if (row.is_capital) register.capitalCountries.add(row.country_code);
  }
  const pacts = await client.query(`SELECT party_key FROM agreement WHERE kind = 'SISTER_CITY'`);
  for (const row of pacts.rows) register.sisterCityKeys.add(row.party_key);
  const { rows } = await client.query(
    'SELECT (SELECT count(*) FROM municipality)::int AS m, (SELECT count(*) FROM agreement)::int AS a, (SELECT count(*) FROM visit)::int AS v');
  return { register, counts: { municipalities: rows[0].m, agreements: rows[0].a, visits: rows[0].v } };
}
