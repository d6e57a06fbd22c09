import { EntityManager } from 'typeorm';
import { supportedAtLeastSql } from '../agreement';
import { Confidence } from '../source';
import { Hop, Path } from './path.type';

/**
 * The shortest chain of agreements from $1 to $2, at most $3 hops, in one statement.
 *
 * 1. `search`: bidirectional breadth-first search. One row per step holds both frontiers and
 *    both sets seen, as arrays; each step expands the smaller frontier by one hop (removing
 *    what that side has seen) and stops when it touches the other side. A hub only costs what
 *    it costs to reach it from the nearer end, and each side searches about half the length.
 *    The sides never overlap before they meet, so the side that first touches the other
 *    touches the other's last frontier: with radii a (forward) and b, the length is a + b and
 *    the sides meet in the forward side's last frontier.
 * 2. `on_path`: which forward-side cities lie on some shortest path, walking back from where
 *    the sides met; backward-side cities at distance k from the target always do at a + b - k.
 * 3. `walk`: from the start, step to the adjacent on-path city with the first slug (and the
 *    first agreement id to it). Every on-path city leads on to the target, so this greedy walk
 *    is the shortest path whose slugs come first position by position, without ever listing
 *    all shortest paths (around hubs there can be millions).
 *
 * Planner guards (its row estimates for CTEs are guesses): `on_path` lists the neighbours of its
 * few cities behind OFFSET 0, so it is never planned as the neighbours of a whole layer; and
 * `walk` starts from a one-row Result rather than from `found` so that the planner's estimate of
 * it stays small: an estimate over 100,000 turns on JIT compilation, which costs more (tens of
 * milliseconds) than the whole search.
 *
 * `tie` narrows what counts as a tie between two parties of agreement `mine`: with a minimum
 * confidence, only an agreement supported at least at $4 (pathSql(true)).
 */
const pathSql = (filtered: boolean) => {
  const tie = filtered ? ` AND ${supportedAtLeastSql('mine.agreement_id', '$4')}` : '';
  return `
WITH RECURSIVE search(s_radius, s_frontier, s_seen, t_radius, t_frontier, t_seen, met) AS (
  SELECT 0, ARRAY[$1::uuid], ARRAY[$1::uuid], 0, ARRAY[$2::uuid], ARRAY[$2::uuid], false
  UNION ALL
  SELECT
    s.s_radius + side.forward::int,
    CASE WHEN side.forward THEN next.ids ELSE s.s_frontier END,
    CASE WHEN side.forward THEN s.s_seen || next.ids ELSE s.s_seen END,
    s.t_radius + (NOT side.forward)::int,
    CASE WHEN side.forward THEN s.t_frontier ELSE next.ids END,
    CASE WHEN side.forward THEN s.t_seen ELSE s.t_seen || next.ids END,
    EXISTS (SELECT unnest(next.ids) INTERSECT SELECT unnest(CASE WHEN side.forward THEN s.t_seen ELSE s.s_seen END))
  FROM search s
  CROSS JOIN LATERAL (SELECT cardinality(s.s_frontier) <= cardinality(s.t_frontier) AS forward) side
  CROSS JOIN LATERAL (
    SELECT array_agg(fresh.id) AS ids FROM (
      SELECT other.municipality_id AS id
      FROM agreement_party mine JOIN agreement_party other ON other.agreement_id = mine.agreement_id${tie}
      WHERE mine.municipality_id = ANY(CASE WHEN side.forward THEN s.s_frontier ELSE s.t_frontier END)
      EXCEPT SELECT unnest(CASE WHEN side.forward THEN s.s_seen ELSE s.t_seen END)
    ) fresh
  ) next
  WHERE NOT s.met AND s.s_radius + s.t_radius < $3 AND next.ids IS NOT NULL
),
found AS (SELECT s_radius, t_radius, s_radius + t_radius AS length FROM search WHERE met),
layer AS MATERIALIZED (
  SELECT true AS forward, s_radius AS distance, unnest(s_frontier) AS municipality_id FROM search
  UNION SELECT false, t_radius, unnest(t_frontier) FROM search
),
on_path(position, municipality_id) AS (
  SELECT f.s_radius, s.municipality_id
  FROM found f
  JOIN layer s ON s.forward AND s.distance = f.s_radius
  JOIN layer t ON NOT t.forward AND t.distance = f.t_radius AND t.municipality_id = s.municipality_id
  UNION
  SELECT p.position - 1, earlier.municipality_id
  FROM on_path p
  CROSS JOIN LATERAL (
    SELECT other.municipality_id
    FROM agreement_party mine JOIN agreement_party other ON other.agreement_id = mine.agreement_id${tie}
    WHERE mine.municipality_id = p.municipality_id
    OFFSET 0
  ) neighbour
  JOIN layer earlier ON earlier.forward AND earlier.distance = p.position - 1 AND earlier.municipality_id = neighbour.municipality_id
  WHERE p.position > 1
),
toward(position, municipality_id) AS (
  SELECT position, municipality_id FROM on_path
  UNION ALL
  SELECT f.length - t.distance, t.municipality_id FROM found f JOIN layer t ON NOT t.forward AND t.distance < f.t_radius
),
walk(position, municipality_id, agreement_id) AS (
  SELECT 0, $1::uuid, NULL::uuid WHERE EXISTS (SELECT FROM found)
  UNION ALL
  SELECT w.position + 1, step.municipality_id, step.agreement_id
  FROM walk w
  CROSS JOIN LATERAL (
    SELECT closer.municipality_id, mine.agreement_id
    FROM agreement_party mine
    JOIN agreement_party other ON other.agreement_id = mine.agreement_id${tie}
    JOIN toward closer ON closer.position = w.position + 1 AND closer.municipality_id = other.municipality_id
    JOIN municipality m ON m.id = closer.municipality_id
    WHERE mine.municipality_id = w.municipality_id
    ORDER BY m.slug COLLATE "C", mine.agreement_id
    LIMIT 1
  ) step
)
SELECT position, municipality_id, agreement_id FROM walk ORDER BY position`;
};
const PATH_SQL = pathSql(false);
const SUPPORTED_PATH_SQL = pathSql(true);

/**
 * The shortest chain of agreements between two municipalities (ids), or null beyond maxHops;
 * with `minConfidence`, of agreements supported at least that well.
 */
export async function shortestPath(
  manager: EntityManager,
  fromId: string,
  toId: string,
  maxHops: number,
  minConfidence: Confidence | null = null,
): Promise<Path | null> {
  if (fromId === toId) return { hops: [], length: 0 };
  const rows: Array<{ municipality_id: string; agreement_id: string | null }> = minConfidence
    ? await manager.query(SUPPORTED_PATH_SQL, [fromId, toId, maxHops, minConfidence])
    : await manager.query(PATH_SQL, [fromId, toId, maxHops]);
  if (rows.length === 0) return null;
  const hops = rows.slice(1).map((row, index) =>
    Object.assign(new Hop(), {
      fromId: rows[index].municipality_id,
      toId: row.municipality_id,
      agreementId: row.agreement_id!,
    }),
  );
  return { hops, length: hops.length };
}
