import { EntityManager } from 'typeorm';

/** What a loader's batch function reads with: the request's waves, and the manager for metadata. */
export interface Reader {
  readonly manager: EntityManager;
  /** The rows of one statement, sent to PostgreSQL with the other reads of the same wave. */
  query<R = Record<string, unknown>>(sql: string, params: unknown[]): Promise<R[]>;
}

interface Part {
  sql: string;
  params: unknown[];
  resolve: (rows: never[]) => void;
  reject: (error: unknown) => void;
}

/** `$n` placeholders, renumbered when parts are put side by side in one statement. */
const PLACEHOLDER = /\$(\d+)/g;

/**
 * The reads of one request, sent a wave at a time. GraphQL resolves a query level by level:
 * the loaders of one level (an agreement's parties, areas, sources and status history) all
 * dispatch in the same turn of the event loop. Their statements wait for the end of that
 * turn and go to PostgreSQL as one, each part's rows aggregated into a JSON array in its own
 * column; so a request costs one statement per level of nesting, not one per list field, and
 * takes one pooled connection per level instead of one per sibling.
 *
 * A wave of one part runs as written. In a wave of several, rows come through `json_agg`, so
 * `bigint` columns arrive as numbers rather than text (entities map those with transformers)
 * and each part's order is its subquery's order (PostgreSQL aggregates a subquery's rows in
 * the order it returns them).
 */
/** How a wave's statement reaches PostgreSQL: TypeORM's query, or prepared statements. */
export type SendStatement = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

export class ReadWaves implements Reader {
  private pending: Part[] = [];
  private readonly send: SendStatement;

  constructor(readonly manager: EntityManager, send?: SendStatement) {
    this.send = send ?? ((sql, params) => manager.query(sql, params));
  }

  query<R = Record<string, unknown>>(sql: string, params: unknown[]): Promise<R[]> {
    return new Promise<R[]>((resolve, reject) => {
      this.pending.push({ sql, params, resolve: resolve as (rows: never[]) => void, reject });
      // setImmediate runs after the microtasks and nextTicks in which DataLoaders dispatch.
      if (this.pending.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const parts = this.pending;
    this.pending = [];
    try {
      if (parts.length === 1) {
        parts[0].resolve(await this.send(parts[0].sql, parts[0].params) as never[]);
        return;
      }
      const { sql, params } = combine(parts);
      const [row] = await this.send(sql, params);
      parts.forEach((part, index) => part.resolve(row[`part${index}`] as never[]));
    } catch (error) {
      for (const part of parts) part.reject(error);
    }
  }
}

/** One statement selecting every part's rows as a JSON array: `SELECT (...) AS part0, (...) AS part1`. */
export function combine(parts: ReadonlyArray<{ sql: string; params: unknown[] }>): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const columns = parts.map((part, index) => {
    const offset = params.length;
    params.push(...part.params);
    const sql = part.sql.replace(PLACEHOLDER, (_, n: string) => `$${offset + Number(n)}`);
    return `(SELECT coalesce(json_agg(r), '[]'::json) FROM (${sql}) AS r) AS part${index}`;
  });
  return { sql: `SELECT ${columns.join(',\n       ')}`, params };
}
