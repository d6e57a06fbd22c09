import { DataSource } from 'typeorm';

/**
 * One hash of every row of every table in the register's schema: equal before and after a
 * run of requests means none of them changed anything, however it failed.
 */
export async function registerFingerprint(dataSource: DataSource): Promise<string> {
  const tables: Array<{ name: string }> = await dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const parts = tables.map(
    ({ name }) =>
      `SELECT '${name}' AS name, count(*) AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS hash FROM "${name}" t`,
  );
  const rows: Array<{ name: string; rows: string; hash: string }> = await dataSource.query(parts.join(' UNION ALL '));
  return rows.map((row) => `${row.name}:${row.rows}:${row.hash}`).join('\n');
}
