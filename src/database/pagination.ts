import { EntityTarget, ObjectLiteral } from 'typeorm';
import { WithLoaders } from './request-loaders';
import { Reader } from './read-waves';
import { groupByKey, hydrate } from './rows';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page, PageArgs } from '../common/connection';
import { decodeCursor, encodeCursor, Position, sortCast, sortKeyAsText, SortType } from '../common/cursors';
import { SqlParams } from '../common/sql';
import { BadUserInputError } from '../common/errors';

/**
 * A list as SQL: what to select, from where, under which conditions, in which order. The
 * sort key must never be NULL (wrap nullable columns in COALESCE) and, with the tie-breaker
 * (a uuid), must order rows totally: that is what makes keyset cursors exact.
 */
export interface ListQuery {
  /** Names the list and its ordering inside cursors, so a cursor is refused elsewhere. */
  kind: string;
  select: string;
  from: string;
  where: string[];
  params: SqlParams;
  sortKey: string;
  /** The SQL type of `sortKey`: what a cursor's sort value must be, and the cast it is compared under. */
  sortType: SortType;
  tieBreaker: string;
  direction: 'ASC' | 'DESC';
}

/**
 * A cursor's position as SQL, its parameters typed so that the row comparison is made in the
 * key's own type and walks its index. A key left out of the cursor is read from the row
 * (`from` is one table; its alias does not clash inside a scalar subquery).
 */
function position(query: ListQuery, [sort, id]: Position): string {
  const idParam = `${query.params.add(id)}::uuid`;
  const key =
    sort === null
      ? `(SELECT ${query.sortKey} FROM ${query.from} WHERE ${query.tieBreaker} = ${idParam})`
      : `${query.params.add(sort)}::${sortCast(query.sortType)}`;
  return `(${key}, ${idParam})`;
}

interface PagePlan {
  size: number;
  backwards: boolean;
  conditions: string[];
  order: string;
}

/** Turns first/after/last/before into keyset conditions and an ORDER BY. */
function plan(query: ListQuery, args: PageArgs): PagePlan {
  const { first, last, after, before } = args;
  if (first != null && last != null) throw new BadUserInputError('first', 'give first or last, not both');
  for (const [name, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE))
      throw new BadUserInputError(name, `must be from 0 to ${MAX_PAGE_SIZE} (got ${value})`);
  }
  const backwards = last != null;
  const conditions: string[] = [];
  const ascending = query.direction === 'ASC';
  const bound = (cursor: string, field: string, greater: boolean) => {
    const at = position(query, decodeCursor(query.kind, query.sortType, cursor, field));
    conditions.push(`(${query.sortKey}, ${query.tieBreaker}) ${greater ? '>' : '<'} ${at}`);
  };
  if (after != null) bound(after, 'after', ascending);
  if (before != null) bound(before, 'before', !ascending);
  const direction = ascending !== backwards ? 'ASC' : 'DESC';
  return {
    size: (backwards ? last : first) ?? DEFAULT_PAGE_SIZE,
    backwards,
    conditions,
    order: `${query.sortKey} ${direction}, ${query.tieBreaker} ${direction}`,
  };
}

/** The columns every page selects besides the list's own: the cursor's parts. */
function positionColumns(query: ListQuery): string {
  return `${sortKeyAsText(query.sortKey, query.sortType)} AS _sort, ${query.tieBreaker} AS _id`;
}

function whereClause(conditions: string[]): string {
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}

/** Builds a page from the rows fetched (one more than asked, to know if there is more). */
function toPage<T>(
  query: ListQuery,
  plan: PagePlan,
  args: PageArgs,
  rows: ObjectLiteral[],
  records: T[],
  count: () => Promise<number>,
): Page<T> {
  const more = rows.length > plan.size;
  let edges = records.slice(0, plan.size).map((node, index) => ({
    node,
    cursor: encodeCursor(query.kind, [rows[index]._sort as string, rows[index]._id as string]),
  }));
  if (plan.backwards) edges = edges.reverse();
  return {
    edges,
    count,
    pageInfo: {
      hasNextPage: plan.backwards ? args.before != null : more,
      hasPreviousPage: plan.backwards ? more : args.after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** One page of a root list: one statement for the page, one more if totalCount is asked. */
export async function fetchPage<T extends ObjectLiteral>(
  reader: Reader,
  target: EntityTarget<T>,
  query: ListQuery,
  args: PageArgs,
): Promise<Page<T>> {
  const filters = [...query.where];
  const filterParams = [...query.params.values];
  const pagePlan = plan(query, args);
  const rows: ObjectLiteral[] = await reader.query(
    `SELECT ${query.select}, ${positionColumns(query)} FROM ${query.from}
     ${whereClause([...filters, ...pagePlan.conditions])} ORDER BY ${pagePlan.order} LIMIT ${pagePlan.size + 1}`,
    query.params.values,
  );
  const count = async () => {
    const [{ count }] = await reader.query(
      `SELECT count(*)::int AS count FROM ${query.from} ${whereClause(filters)}`,
      filterParams,
    );
    return count as number;
  };
  return toPage(query, pagePlan, args, rows, hydrate(reader.manager, target, rows), count);
}

/**
 * Pages of a nested list for many parents at once (one statement for all the pages, one for
 * all the counts), so a connection inside a list costs the same whatever the list's length.
 * In `query.where`, `$parent` stands for the parent's id. Loaders are keyed by the field's
 * arguments: every parent in one field occurrence shares them.
 */
export function nestedPages<T extends ObjectLiteral>(
  context: WithLoaders,
  name: string,
  target: EntityTarget<T>,
  build: () => ListQuery,
  args: PageArgs,
) {
  const key = `${name}:${JSON.stringify(args)}`;
  const counts = context.loaders.get<string, number>(`${key}:count`, async (reader, parents) => {
    const query = build();
    const where = whereClause(query.where.map((condition) => condition.replaceAll('$parent', 'k.key')));
    const parentsParam = query.params.add(parents);
    const rows: Array<{ _key: string; count: number }> = await reader.query(
      `SELECT k.key AS _key, (SELECT count(*)::int FROM ${query.from} ${where}) AS count
         FROM unnest(${parentsParam}::uuid[]) AS k(key)`,
      query.params.values,
    );
    return groupByKey(parents, rows, (row) => row._key).map((group) => group[0]?.count ?? 0);
  });
  return context.loaders.get<string, Page<T>>(key, async (reader, parents) => {
    const query = build();
    const pagePlan = plan(query, args);
    const conditions = [...query.where, ...pagePlan.conditions].map((condition) =>
      condition.replaceAll('$parent', 'k.key'),
    );
    const parentsParam = query.params.add(parents);
    const rows: ObjectLiteral[] = await reader.query(
      `SELECT page.* FROM unnest(${parentsParam}::uuid[]) AS k(key) CROSS JOIN LATERAL (
         SELECT ${query.select}, ${positionColumns(query)}, k.key AS _key FROM ${query.from}
         ${whereClause(conditions)} ORDER BY ${pagePlan.order} LIMIT ${pagePlan.size + 1}) AS page`,
      query.params.values,
    );
    const records = hydrate(reader.manager, target, rows);
    const tagged = rows.map((row, index) => ({ row, record: records[index] }));
    return groupByKey(parents, tagged, (item) => item.row._key as string).map((group, index) =>
      toPage(
        query,
        pagePlan,
        args,
        group.map((item) => item.row),
        group.map((item) => item.record),
        () => counts.load(parents[index]),
      ),
    );
  });
}
