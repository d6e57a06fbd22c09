import { Pool } from 'pg';

/**
 * Real values from the benchmark register to fill the filters with, the busiest first: the
 * municipalities party to most agreements, the countries with most municipalities, the hosts
 * and senders of most visits, the people on most delegations. A filter on hubs is the one
 * that makes PostgreSQL do most work.
 */
export interface Register {
  partySlugs: string[];
  countries: string[];
  areaSlugs: string[];
  hostSlugs: string[];
  senderSlugs: string[];
  personIds: string[];
  nodeIds: string[];
  /** Names of municipalities in their languages, for search text. */
  names: string[];
}

const NODE_TABLES = [
  ['Agreement', 'agreement'],
  ['Visit', 'visit'],
  ['Delegation', 'delegation'],
  ['Municipality', 'municipality'],
  ['Person', 'person'],
] as const;

/** Global ids as the API makes them (base64url of "Type:uuid"), as bench/lib/samples.ts does. */
const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');

export async function readRegister(url: string, maxSlugs: number): Promise<Register> {
  const pool = new Pool({ connectionString: url, max: 1 });
  const column = async (sql: string, params: unknown[] = []) =>
    (await pool.query(sql, params)).rows.map((row) => row.value as string);
  try {
    const nodeIds: string[] = [];
    for (const [type, table] of NODE_TABLES) {
      const ids = await column(`SELECT id::text AS value FROM ${table} ORDER BY md5(id::text) LIMIT 20`);
      nodeIds.push(...ids.map((id) => globalId(type, id)));
    }
    return {
      partySlugs: await column(
        `SELECT m.slug AS value FROM municipality m LEFT JOIN agreement_party p ON p.municipality_id = m.id
        GROUP BY m.id ORDER BY count(p.agreement_id) DESC, m.slug LIMIT $1`,
        [maxSlugs],
      ),
      countries: await column(
        'SELECT country_code::text AS value FROM municipality GROUP BY 1 ORDER BY count(*) DESC, 1',
      ),
      // Top-level areas first: each brings its sub-areas into the filter.
      areaSlugs: await column(
        'SELECT slug AS value FROM cooperation_area ORDER BY parent_id IS NOT NULL, slug LIMIT 20',
      ),
      hostSlugs: await column(`SELECT m.slug AS value FROM visit v JOIN municipality m ON m.id = v.host_municipality_id
        GROUP BY m.slug ORDER BY count(*) DESC, m.slug LIMIT 20`),
      senderSlugs:
        await column(`SELECT m.slug AS value FROM delegation d JOIN municipality m ON m.id = d.sender_municipality_id
        GROUP BY m.slug ORDER BY count(*) DESC, m.slug LIMIT 20`),
      personIds: (
        await column(
          `SELECT person_id::text AS value FROM delegation_member GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 20`,
        )
      ).map((id) => globalId('Person', id)),
      nodeIds,
      names: await column(`SELECT value FROM (SELECT m.slug, n.value FROM municipality m, jsonb_each_text(m.names) n
        ORDER BY md5(m.slug || n.key) LIMIT 100) s`),
    };
  } finally {
    await pool.end();
  }
}

/** `count` items taken from `values` in turn (repeating them when there are fewer). */
export function cycle<T>(values: readonly T[], count: number): T[] {
  if (values.length === 0)
    throw new Error('the register has none of these values: was it built by npm run bench:data?');
  return Array.from({ length: count }, (_, index) => values[index % values.length]);
}

/** Words from real names up to exactly `length` characters, as a long search or title filter. */
export function textOf(names: readonly string[], length: number): string {
  let text = '';
  for (let index = 0; text.length < length; index++) text += `${text ? ' ' : ''}${names[index % names.length]}`;
  return text.slice(0, length).trimEnd().padEnd(length, 'a');
}
