import { DataSource } from 'typeorm';
import { pickText } from '../common/names';
import { matchKey } from './folding';

/**
 * Gives every municipality that has none (the seed's, those made through the API) its match
 * key, from its English name (else any name) and country, so that imports find them. The key
 * is computed here rather than in SQL because folding must be the same code on both sides.
 */
export async function fillMatchKeys(dataSource: DataSource): Promise<number> {
  const rows: Array<{ id: string; names: Record<string, string>; country_code: string }> = await dataSource.query(
    'SELECT id, names, country_code FROM municipality WHERE match_key IS NULL',
  );
  if (rows.length === 0) return 0;
  const keys = rows.map((row) => matchKey(row.country_code, pickText(row.names, 'en') ?? ''));
  await dataSource.transaction((manager) =>
    manager.query(
      `UPDATE municipality m SET match_key = v.key
         FROM unnest($1::uuid[], $2::text[]) AS v(id, key) WHERE m.id = v.id AND m.match_key IS NULL`,
      [rows.map((row) => row.id), keys],
    ),
  );
  return rows.length;
}
