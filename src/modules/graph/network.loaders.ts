import { Context } from '../../context';
import { groupByKey, hydrate } from '../../database/rows';
import { supportedAtLeastSql } from '../agreement';
import { Municipality } from '../municipality';
import { Confidence } from '../source';
import { NetworkEntry } from './network.type';

/**
 * Breadth-first search from every start municipality of the batch at once ($1), to $2 hops.
 * Two municipalities are adjacent when they are parties to a common agreement.
 *
 * The recursive CTE keeps one row per (start, distance): the frontier reached at that distance
 * and everything seen so far, as arrays. A frontier is expanded once and what was seen before
 * is removed (anti-join against `seen`), so every municipality is expanded at most once per
 * start, whatever the cycles: the cost is that of the ball searched, never of the walks through
 * it. (A row per (start, municipality, distance) with UNION would re-expand the earlier
 * frontiers at every step, since a city is also reachable by longer walks.)
 *
 * `via` is chosen while expanding: of the frontier cities adjacent to a new one, the first by
 * slug, so that the answer does not depend on the plan. Slugs are compared byte by byte
 * (COLLATE "C"): the order must not change with the server's locale.
 *
 * `ties.filtered`: only agreements supported at least at $3 count as ties. `ties.confidence`:
 * each entry's `_confidence`, the strongest support among the (counted) agreements between it
 * and its via (the start for direct partners); asked only when the query shows it.
 */
export interface NetworkTies {
  filtered: boolean;
  confidence: boolean;
}

export const networkSql = (
  columns: readonly string[] | null,
  ties: NetworkTies = { filtered: false, confidence: false },
) => `
WITH RECURSIVE level(start_id, distance, reached, vias, seen) AS (
  SELECT id, 0, ARRAY[id], ARRAY[NULL::uuid], ARRAY[id] FROM unnest($1::uuid[]) AS start(id)
  UNION ALL
  SELECT l.start_id, l.distance + 1, next.reached, next.vias, l.seen || next.reached
  FROM level l
  CROSS JOIN LATERAL (
    SELECT array_agg(fresh.municipality_id) AS reached, array_agg(fresh.via) AS vias
    FROM (
      SELECT DISTINCT ON (other.municipality_id) other.municipality_id, mine.municipality_id AS via
      FROM agreement_party mine
      JOIN agreement_party other ON other.agreement_id = mine.agreement_id
      JOIN municipality by_way ON by_way.id = mine.municipality_id
      WHERE mine.municipality_id = ANY(l.reached)
        AND NOT EXISTS (SELECT FROM unnest(l.seen) AS seen(id) WHERE seen.id = other.municipality_id)${counted(ties, 'mine')}
      ORDER BY other.municipality_id, by_way.slug COLLATE "C"
    ) fresh
  ) next
  WHERE l.distance < $2 AND next.reached IS NOT NULL
)
SELECT ${columns ? columns.map((column) => `m.${column}`).join(', ') : 'm.*'}, l.start_id AS _key, l.distance AS _distance, CASE WHEN l.distance > 1 THEN entry.via END AS _via${ties.confidence ? ', tie.confidence AS _confidence' : ''}
FROM level l
CROSS JOIN LATERAL unnest(l.reached, l.vias) AS entry(municipality_id, via)
JOIN municipality m ON m.id = entry.municipality_id${ties.confidence ? tieConfidence(ties) : ''}
WHERE l.distance > 0
ORDER BY l.start_id, l.distance, m.slug COLLATE "C"`;

/** The filter on agreement `alias`'s tie, when the network counts only supported agreements. */
const counted = (ties: NetworkTies, alias: string) =>
  ties.filtered ? `\n        AND ${supportedAtLeastSql(`${alias}.agreement_id`, '$3')}` : '';

/** The strongest support of the agreements between an entry and its via (none: null). */
const tieConfidence = (ties: NetworkTies) => `
CROSS JOIN LATERAL (
  SELECT (array_agg(support.confidence ORDER BY confidence_strength(support.confidence) DESC))[1] AS confidence
  FROM agreement_party near
  JOIN agreement_party far ON far.agreement_id = near.agreement_id
  JOIN agreement_support support ON support.agreement_id = near.agreement_id
  WHERE near.municipality_id = entry.via AND far.municipality_id = entry.municipality_id${counted(ties, 'near')}
) tie`;

type NetworkRow = Record<string, unknown> & {
  _key: string;
  _distance: number;
  _via: string | null;
  _confidence?: Confidence | null;
};

/**
 * The network of each municipality at one depth, by distance then slug: one statement for
 * every municipality asked about in the request at that depth. `columns` are those of the
 * municipalities the query needs (null: all of them).
 */
export const networkOf = (
  context: Context,
  depth: number,
  columns: readonly string[] | null,
  minConfidence: Confidence | null = null,
  withConfidence = false,
) =>
  context.loaders.get<string, NetworkEntry[]>(
    `municipality:network:${depth}:${columns?.join(',') ?? '*'}:${minConfidence ?? '*'}:${withConfidence}`,
    async (reader, ids) => {
      const ties = { filtered: minConfidence !== null, confidence: withConfidence };
      const rows: NetworkRow[] = await reader.query(
        networkSql(columns, ties),
        minConfidence ? [ids, depth, minConfidence] : [ids, depth],
      );
      const municipalities = hydrate(reader.manager, Municipality, rows);
      // `via` is always an entry of the same network (one step closer), so it needs no query.
      const reached = new Map(
        rows.map((row, index) => [`${row._key}|${municipalities[index].id}`, municipalities[index]]),
      );
      const entries = rows.map((row, index) => ({
        start: row._key,
        entry: Object.assign(new NetworkEntry(), {
          municipality: municipalities[index],
          distance: Number(row._distance),
          via: row._via === null ? null : reached.get(`${row._key}|${row._via}`)!,
          confidence: row._confidence ?? null,
        }),
      }));
      return groupByKey(ids, entries, (item) => item.start).map((group) => group.map((item) => item.entry));
    },
  );
