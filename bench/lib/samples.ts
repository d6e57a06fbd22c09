import { Pool } from 'pg';
import { post } from './graphql-client';

export interface NextPage {
  area: string;
  country: string;
  apiCursor: string;
  peerCursor: string | null;
}

/**
 * The records the mix asks about, drawn from the database in an order fixed by the seed
 * (md5 of the key and the seed), so two runs on one database send the same requests.
 */
export class Samples {
  cities: string[] = [];
  countries: string[] = [];
  agreementFilters: Array<{ area: string; country: string }> = [];
  nextPages: NextPage[] = [];
  hostYears: Array<{ host: string; from: string; to: string }> = [];
  /** Name prefixes in the three scripts, as people type them into a search box. */
  searchTerms: string[] = [];
  nodes: Array<{ apiId: string; peerId: string | null; type: string; uuid: string }> = [];

  at<T>(list: readonly T[], index: number): T {
    return list[index % list.length];
  }
}

const NODE_TYPES = [
  ['Agreement', 'agreement'],
  ['Visit', 'visit'],
  ['Delegation', 'delegation'],
] as const;

export async function drawSamples(pool: Pool, seed: string, size: number): Promise<Samples> {
  const samples = new Samples();
  const rows = async (sql: string) => (await pool.query(sql, [seed, size])).rows;
  samples.cities = (await rows(`SELECT slug FROM municipality ORDER BY md5(slug || $1) LIMIT $2`)).map((r) => r.slug);
  samples.countries = (
    await rows(`SELECT country_code::text AS code FROM (SELECT DISTINCT country_code FROM municipality) c
    ORDER BY md5(country_code || $1) LIMIT $2`)
  ).map((r) => r.code);
  samples.agreementFilters = await rows(`
    SELECT (SELECT COALESCE(up.slug, c.slug) FROM agreement_area aa JOIN cooperation_area c ON c.id = aa.area_id
              LEFT JOIN cooperation_area up ON up.id = c.parent_id WHERE aa.agreement_id = a.id ORDER BY c.slug LIMIT 1) AS area,
           (SELECT m.country_code::text FROM agreement_party p JOIN municipality m ON m.id = p.municipality_id
             WHERE p.agreement_id = a.id ORDER BY m.slug LIMIT 1) AS country
      FROM agreement a WHERE EXISTS (SELECT 1 FROM agreement_area aa WHERE aa.agreement_id = a.id)
     ORDER BY md5(a.id::text || $1) LIMIT $2`);
  samples.hostYears = (
    await rows(`
    SELECT m.slug AS host, extract(year FROM v.starts_on)::int AS year FROM visit v JOIN municipality m ON m.id = v.host_municipality_id
     ORDER BY md5(v.id::text || $1) LIMIT $2`)
  ).map((r) => ({ host: r.host, from: `${r.year}-01-01`, to: `${r.year}-12-31` }));
  samples.searchTerms = (
    await rows(`
    SELECT left(value, 3 + (abs(hashtext(value || $1)) % 4)) AS term FROM municipality m, jsonb_each_text(m.names)
     ORDER BY md5(m.slug || key || $1) LIMIT $2`)
  ).map((r) => r.term);
  for (const [type, table] of NODE_TYPES) {
    for (const row of await rows(`SELECT id::text FROM ${table} ORDER BY md5(id::text || $1) LIMIT $2`)) {
      samples.nodes.push({
        type,
        uuid: row.id,
        apiId: Buffer.from(`${type}:${row.id}`).toString('base64url'),
        peerId: null,
      });
    }
  }
  samples.nodes.sort((a, b) => a.uuid.localeCompare(b.uuid));
  return samples;
}

/** Second pages need a first page's cursor, from each server in its own format. */
export async function findNextPages(
  samples: Samples,
  apiUrl: string,
  peerUrl: string | null,
  apiQuery: string,
  peerQuery: string,
): Promise<void> {
  for (const filter of samples.agreementFilters.slice(0, 40)) {
    const api = await post(apiUrl, apiQuery, filter);
    const page = api.data?.agreements;
    if (!page?.pageInfo.hasNextPage) continue;
    const peer = peerUrl ? await post(peerUrl, peerQuery, filter) : null;
    samples.nextPages.push({
      ...filter,
      apiCursor: page.pageInfo.endCursor,
      peerCursor: peer?.data?.peerAgreementsOn?.pageInfo.endCursor ?? null,
    });
  }
}

/** PostGraphile's node ids, asked of it by row id (its format is its own). */
export async function findPeerIds(samples: Samples, peerUrl: string): Promise<void> {
  const fields = samples.nodes.map(
    (node, index) =>
      `n${index}: ${node.type.charAt(0).toLowerCase()}${node.type.slice(1)}ByRowId(rowId: "${node.uuid}") { id }`,
  );
  const answer = await post(peerUrl, `{ ${fields.join(' ')} }`, {});
  samples.nodes.forEach((node, index) => {
    node.peerId = answer.data?.[`n${index}`]?.id ?? null;
  });
}
