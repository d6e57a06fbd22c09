import { FloorStatement } from './queries';
import { globalId, gregorian, list, pick } from './sql';

const KIND_LABELS = `CASE g.key WHEN 'SISTER_CITY' THEN 'Sister-city pact' WHEN 'MEMORANDUM_OF_UNDERSTANDING' THEN 'Memorandum of understanding'
  WHEN 'COOPERATION_AGREEMENT' THEN 'Cooperation agreement' WHEN 'COOPERATION_PROGRAMME' THEN 'Cooperation programme'
  WHEN 'PROTOCOL' THEN 'Protocol' WHEN 'DECLARATION' THEN 'Declaration' WHEN 'OTHER' THEN 'Other' END`;

/** One grouping of the dashboard (rows `g` of key, count[, labels]) as a JSON array, largest first, then by key. */
function grouped(groups: string, label: string | null): string {
  const fields =
    label === null ? `'key', g.key, 'count', g.count` : `'key', g.key, 'label', ${label}, 'count', g.count`;
  return list(
    `SELECT json_agg(json_build_object(${fields}) ORDER BY g.count DESC, g.key COLLATE "C") FROM (${groups}) g`,
  );
}

const dashboardStats: FloorStatement = {
  params: (v) => [v.country],
  sql: `
SELECT json_build_object(
  'byKind', ${grouped('SELECT a.kind AS key, count(*)::int AS count FROM agreement a GROUP BY 1', KIND_LABELS)},
  'byArea', ${grouped(
    `SELECT area.slug AS key, area.labels, count(*)::int AS count
      FROM agreement a JOIN agreement_area covered ON covered.agreement_id = a.id JOIN cooperation_area area ON area.id = covered.area_id
     WHERE EXISTS (SELECT 1 FROM agreement_countries fc WHERE fc.agreement_id = a.id AND fc.codes @> ARRAY[$1::text])
     GROUP BY 1, 2`,
    pick('g.labels', 'en'),
  )},
  'byYear', ${grouped(`SELECT COALESCE(extract(year FROM a.signed_on)::int::text, 'unknown') AS key, count(*)::int AS count FROM agreement a GROUP BY 1`, null)},
  'byCountryPair', ${grouped(
    `SELECT countries.countries AS key, count(*)::int AS count
      FROM agreement a JOIN agreement_countries countries ON countries.agreement_id = a.id GROUP BY 1`,
    null,
  )}
)::text AS data`,
};

/**
 * Depth 2 written out: direct partners, then partners of partners not already reached. The
 * mix asks only for depth 2, so the floor needs no recursion.
 */
const network: FloorStatement = {
  params: (v) => [v.slug],
  sql: `
WITH start AS (SELECT id FROM municipality WHERE slug = $1),
first AS (
  SELECT DISTINCT other.municipality_id AS id FROM start
    JOIN agreement_party mine ON mine.municipality_id = start.id
    JOIN agreement_party other ON other.agreement_id = mine.agreement_id AND other.municipality_id <> start.id),
second AS (
  SELECT DISTINCT other.municipality_id AS id FROM first
    JOIN agreement_party mine ON mine.municipality_id = first.id
    JOIN agreement_party other ON other.agreement_id = mine.agreement_id
   WHERE other.municipality_id NOT IN (SELECT id FROM first) AND other.municipality_id NOT IN (SELECT id FROM start)),
reached AS (SELECT id, 1 AS distance FROM first UNION ALL SELECT id, 2 FROM second)
SELECT json_build_object('municipality', (SELECT json_build_object('network', ${list(`
  SELECT json_agg(json_build_object('municipality', json_build_object('slug', m.slug), 'distance', r.distance) ORDER BY r.distance, m.slug COLLATE "C")
    FROM reached r JOIN municipality m ON m.id = r.id`)}) FROM start))::text AS data`,
};

function sources(column: string, fields: string): string {
  return list(`SELECT json_agg(json_build_object(${fields}) ORDER BY src.publisher, src.title, src.id)
    FROM citation ct JOIN source src ON src.id = ct.source_id WHERE ct.${column} = r.id`);
}

/** The id arrives decoded (type and uuid); the statement for that type answers. */
export function nodeStatement(type: string): FloorStatement | undefined {
  const bodies: Record<string, [table: string, fields: string]> = {
    Agreement: [
      'agreement',
      `'kind', r.kind, 'sources', ${sources(
        'agreement_id',
        `'publisher', src.publisher, 'publishedOn', ${gregorian('src.published_on', 'src.published_on_precision')}, 'url', src.url, 'reference', src.reference`,
      )}`,
    ],
    Visit: [
      'visit',
      `'startsOn', ${gregorian('r.starts_on', 'r.starts_on_precision')}, 'sources', ${sources('visit_id', `'publisher', src.publisher`)}`,
    ],
    Delegation: ['delegation', `'sources', ${sources('delegation_id', `'publisher', src.publisher`)}`],
  };
  const body = bodies[type];
  if (!body) return undefined;
  return {
    params: (v) => [v.uuid],
    sql: `SELECT json_build_object('node', (SELECT json_build_object('id', ${globalId(type, 'r.id')}, '__typename', '${type}', ${body[1]})
      FROM ${body[0]} r WHERE r.id = $1))::text AS data`,
  };
}

export const MORE_FLOOR_STATEMENTS: Record<string, FloorStatement> = {
  DashboardStats: dashboardStats,
  Network: network,
};
